#include "desktop/ui/pages/commissions_page.h"

#include "desktop/models/commission_summary.h"
#include "desktop/models/commission_table_model.h"
#include "desktop/models/display_format.h"
#include "desktop/models/table_filter_proxy.h"
#include "desktop/net/console_api.h"
#include "desktop/net/live_stream.h"
#include "desktop/ui/error_display.h"
#include "desktop/ui/widgets/table_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace alpes::console {
namespace {

// Long enough to coalesce the steps of many sagas, short enough to look live; an empty table
// reloads at once, so the first commissions show as soon as they exist.
constexpr int kStaleReloadMs = 3000;
constexpr int kFirstRowsReloadMs = 200;

}  // namespace

CommissionsPage::CommissionsPage(ConsoleApi& api, CommissionTableModel& model, LiveStream& live, QWidget* parent)
    : ConsolePage(parent), m_api(api), m_model(model)
{
    m_staleReload.setSingleShot(true);
    connect(&m_staleReload, &QTimer::timeout, this, [this] {
        if (m_stale && (isVisible() || m_model.rowCount() == 0))
            refresh();
    });
    connect(&live, &LiveStream::kpis, this, [this](const dto::Dashboard& dashboard) {
        if (dashboard.commissions && dashboard.commissions != m_seenStats) {
            m_seenStats = dashboard.commissions;
            markStale();
        }
    });

    m_totals = new QLabel(this);
    m_totals->setTextFormat(Qt::RichText);
    m_confirm = new QPushButton(tr("Confirm selected"), this);
    m_confirm->setEnabled(false);
    auto* top = new QHBoxLayout();
    top->addWidget(m_totals, 1);
    top->addWidget(m_confirm);
    m_table = new TablePanel(this);
    QStringList states;
    for (const auto& [state, wire] : domain::kCommissionStates.entries)
        states << wireText(wire);
    m_table->setModel(&m_model, CommissionTableModel::State, states);
    m_table->view()->sortByColumn(CommissionTableModel::ReservedAt, Qt::DescendingOrder);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);

    connect(m_confirm, &QPushButton::clicked, this, &CommissionsPage::confirmSelected);
    connect(m_table, &TablePanel::selectionChanged, this,
            [this] { m_confirm->setEnabled(!m_table->selectedIds().isEmpty()); });
    connect(&m_model, &QAbstractItemModel::modelReset, this, &CommissionsPage::updateTotals);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &CommissionsPage::updateTotals);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &CommissionsPage::updateTotals);
    updateTotals();
}

void CommissionsPage::markStale()
{
    m_stale = true;
    if (!m_staleReload.isActive())
        m_staleReload.start(m_model.rowCount() == 0 ? kFirstRowsReloadMs : kStaleReloadMs);
}

void CommissionsPage::showEvent(QShowEvent* event)
{
    ConsolePage::showEvent(event);
    if (m_stale)
        refresh();
}

void CommissionsPage::refresh()
{
    m_stale = false;
    m_api.loadList<dto::Commission>(
        QStringLiteral("/commissions"), {}, &dto::decodeCommission, this,
        [this](std::vector<dto::Commission> items, bool first) {
            if (first)
                m_model.setRecords(std::move(items));
            else
                m_model.appendRecords(std::move(items));
        },
        [this](Status status) {
            Q_EMIT statusMessage(status ? tr("Commissions loaded: %1").arg(m_model.rowCount())
                                        : tr("Could not load commissions: %1").arg(errorText(status.error())));
        });
}

const QAbstractItemModel* CommissionsPage::exportModel() const { return m_table->proxy(); }

void CommissionsPage::focusFilter() { m_table->filterEdit()->setFocus(Qt::ShortcutFocusReason); }

void CommissionsPage::showcase() { m_table->selectFirstRow(); }

void CommissionsPage::updateTotals()
{
    const auto stats = summarize(m_model.records());
    m_totals->setText(tr("<b>Reserved</b> %1 &nbsp;&nbsp; <b>Confirmed</b> %2 &nbsp;&nbsp; <b>Reverted</b> %3")
                          .arg(alpes::console::totalsText(stats.reserved), alpes::console::totalsText(stats.confirmed),
                               alpes::console::totalsText(stats.reverted)));
}

void CommissionsPage::confirmSelected()
{
    const QStringList ids = m_table->selectedIds();
    if (ids.isEmpty())
        return;
    auto done = [this](Result<json::Json> answer) {
        if (!answer)
            return showError(this, tr("Nothing was confirmed"), answer.error());
        Q_EMIT statusMessage(tr("Confirmed"));
        refresh();
    };
    if (ids.size() == 1) {
        m_api.send(BffRequest::post(QStringLiteral("/commissions/%1/confirm").arg(ids.front())), this, done);
        return;
    }
    dto::ConfirmBatchRequest batch;
    for (const QString& id : ids.mid(0, static_cast<qsizetype>(dto::kMaxConfirmBatchIds)))
        batch.ids.emplace_back(id.toStdString());
    m_api.send(BffRequest::post(QStringLiteral("/commissions/confirm-batch"), dto::toJson(batch)), this, done);
}

}  // namespace alpes::console
