#include "desktop/ui/pages/campaigns_page.h"

#include "desktop/models/campaign_table_model.h"
#include "desktop/models/display_format.h"
#include "desktop/models/name_directory.h"
#include "desktop/models/table_filter_proxy.h"
#include "desktop/net/console_api.h"
#include "desktop/ui/dialogs/campaign_dialog.h"
#include "desktop/ui/error_display.h"
#include "desktop/ui/pages/campaign_detail_panel.h"
#include "desktop/ui/pages/master_detail.h"
#include "desktop/ui/widgets/table_panel.h"

#include <QAction>
#include <QLineEdit>
#include <QTableView>
#include <QToolBar>

namespace alpes::console {

CampaignsPage::CampaignsPage(ConsoleApi& api, CampaignTableModel& model, NameDirectory& names, LiveStream& live,
                             QWidget* parent)
    : ConsolePage(parent), m_api(api), m_model(model), m_names(names)
{
    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(tr("New campaign…"), this, [this] { openDialog(false); });
    m_edit = toolbar->addAction(tr("Edit…"), this, [this] { openDialog(true); });
    toolbar->addSeparator();
    m_activate = toolbar->addAction(tr("Activate"), this, [this] { runAction(QStringLiteral("activate")); });
    m_pause = toolbar->addAction(tr("Pause"), this, [this] { runAction(QStringLiteral("pause")); });
    m_resume = toolbar->addAction(tr("Resume"), this, [this] { runAction(QStringLiteral("resume")); });
    m_finish = toolbar->addAction(tr("Finish"), this, [this] { runAction(QStringLiteral("finish")); });
    m_cancel = toolbar->addAction(tr("Cancel campaign"), this, [this] { runAction(QStringLiteral("cancel")); });

    m_table = new TablePanel(this);
    QStringList states;
    for (const auto& [state, wire] : domain::kCampaignStates.entries)
        states << wireText(wire);
    m_table->setModel(&m_model, CampaignTableModel::State, states);
    m_table->view()->sortByColumn(CampaignTableModel::StartsAt, Qt::DescendingOrder);
    m_detail = new CampaignDetailPanel(api, live, names, this);
    layOutMasterDetail(*this, *toolbar, *m_table, *m_detail, m_model, [this](const QString& id) {
        m_detail->showCampaign(m_model.find(id));
        updateActions();
    });
    connect(m_table, &TablePanel::activated, this, [this] { openDialog(true); });
    updateActions();
}

void CampaignsPage::refresh()
{
    loadNamedRecords<dto::Campaign>(
        m_api, QStringLiteral("/campaigns"), &dto::decodeCampaign, m_model, m_names, this, [this](Status status) {
            Q_EMIT statusMessage(status ? tr("Campaigns loaded: %1").arg(m_model.rowCount())
                                        : tr("Could not load campaigns: %1").arg(errorText(status.error())));
        });
}

const QAbstractItemModel* CampaignsPage::exportModel() const { return m_table->proxy(); }

void CampaignsPage::focusFilter() { m_table->filterEdit()->setFocus(Qt::ShortcutFocusReason); }

void CampaignsPage::showcase() { m_table->selectFirstRow(); }

void CampaignsPage::openDialog(bool edit)
{
    const dto::Campaign* current = edit ? m_model.find(m_table->currentId()) : nullptr;
    if (edit && !current)
        return;
    auto* dialog = new CampaignDialog(m_api, current ? std::optional(*current) : std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CampaignDialog::saved, this, [this](const dto::Campaign& campaign) {
        m_names.set(qs(campaign.id.str()), qs(campaign.name));
        m_model.upsert(campaign);
    });
    dialog->open();
}

void CampaignsPage::runAction(const QString& action)
{
    const QString id = m_table->currentId();
    if (id.isEmpty())
        return;
    m_api.send(BffRequest::post(QStringLiteral("/campaigns/%1/%2").arg(id, action)), this,
               [this, id](Result<json::Json> answer) {
                   if (!answer)
                       return showError(this, tr("The campaign was not changed"), answer.error());
                   if (auto campaign = dto::decodeCampaign(*answer))
                       m_model.upsert(std::move(*campaign));
                   else
                       refresh();
               });
}

void CampaignsPage::updateActions()
{
    const dto::Campaign* current = m_model.find(m_table->currentId());
    using S = domain::CampaignState;
    const auto state = current ? std::optional(current->state) : std::nullopt;
    m_edit->setEnabled(current != nullptr);
    m_activate->setEnabled(state == S::Draft);
    m_pause->setEnabled(state == S::Active);
    m_resume->setEnabled(state == S::Paused);
    m_finish->setEnabled(state == S::Active || state == S::Paused);
    m_cancel->setEnabled(state == S::Draft || state == S::Paused);
}

}  // namespace alpes::console
