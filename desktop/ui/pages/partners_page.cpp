#include "desktop/ui/pages/partners_page.h"

#include "desktop/models/affiliate_table_model.h"
#include "desktop/models/display_format.h"
#include "desktop/models/name_directory.h"
#include "desktop/models/table_filter_proxy.h"
#include "desktop/net/console_api.h"
#include "desktop/ui/dialogs/partner_dialog.h"
#include "desktop/ui/dialogs/text_prompt.h"
#include "desktop/ui/error_display.h"
#include "desktop/ui/pages/master_detail.h"
#include "desktop/ui/pages/partner_detail_panel.h"
#include "desktop/ui/widgets/table_panel.h"

#include <QAction>
#include <QLineEdit>
#include <QTableView>
#include <QToolBar>

namespace alpes::console {

PartnersPage::PartnersPage(ConsoleApi& api, AffiliateTableModel& model, NameDirectory& names, QWidget* parent)
    : ConsolePage(parent), m_api(api), m_model(model), m_names(names)
{
    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(tr("Register partner…"), this, [this] {
        auto* dialog = new PartnerDialog(m_api, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &PartnerDialog::registered, this, [this](const dto::Affiliate& affiliate) {
            m_names.set(qs(affiliate.id.str()), qs(affiliate.name));
            m_model.upsert(affiliate);
        });
        dialog->open();
    });
    toolbar->addSeparator();
    m_approve = toolbar->addAction(tr("Approve"), this, [this] { runAction(QStringLiteral("approve"), json::Json::object()); });
    m_suspend = toolbar->addAction(tr("Suspend…"), this, [this] {
        promptText(this, tr("Suspend partner"), tr("Reason for the suspension:"), this, [this](const QString& reason) {
            runAction(QStringLiteral("suspend"), json::Json{{"reason", reason.toStdString()}});
        });
    });
    m_reinstate =
        toolbar->addAction(tr("Reinstate"), this, [this] { runAction(QStringLiteral("reinstate"), json::Json::object()); });

    m_table = new TablePanel(this);
    QStringList states;
    for (const auto& [state, wire] : domain::kAffiliateStates.entries)
        states << wireText(wire);
    m_table->setModel(&m_model, AffiliateTableModel::State, states);
    // Without it the header's default indicator (first column, descending) lists names Z→A.
    m_table->view()->sortByColumn(AffiliateTableModel::Name, Qt::AscendingOrder);
    m_detail = new PartnerDetailPanel(api, this);
    layOutMasterDetail(*this, *toolbar, *m_table, *m_detail, m_model, [this](const QString& id) {
        m_detail->showPartner(m_model.find(id));
        updateActions();
    });
    updateActions();
}

void PartnersPage::refresh()
{
    loadNamedRecords<dto::Affiliate>(
        m_api, QStringLiteral("/affiliates"), &dto::decodeAffiliate, m_model, m_names, this, [this](Status status) {
            Q_EMIT statusMessage(status ? tr("Partners loaded: %1").arg(m_model.rowCount())
                                        : tr("Could not load partners: %1").arg(errorText(status.error())));
        });
}

const QAbstractItemModel* PartnersPage::exportModel() const { return m_table->proxy(); }

void PartnersPage::focusFilter() { m_table->filterEdit()->setFocus(Qt::ShortcutFocusReason); }

void PartnersPage::showcase() { m_table->selectFirstRow(); }

void PartnersPage::runAction(const QString& action, const json::Json& body)
{
    const QString id = m_table->currentId();
    if (id.isEmpty())
        return;
    m_api.send(BffRequest::post(QStringLiteral("/affiliates/%1/%2").arg(id, action), body), this,
               [this](Result<json::Json> answer) {
                   if (!answer)
                       return showError(this, tr("The partner was not changed"), answer.error());
                   if (auto affiliate = dto::decodeAffiliate(*answer))
                       m_model.upsert(std::move(*affiliate));
                   else
                       refresh();
               });
}

void PartnersPage::updateActions()
{
    const dto::Affiliate* current = m_model.find(m_table->currentId());
    using S = domain::AffiliateState;
    const auto state = current ? std::optional(current->state) : std::nullopt;
    m_approve->setEnabled(state == S::Pending);
    m_suspend->setEnabled(state == S::Active);
    m_reinstate->setEnabled(state == S::Suspended);
}

}  // namespace alpes::console
