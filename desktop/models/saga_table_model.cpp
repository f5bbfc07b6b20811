#include "desktop/models/saga_table_model.h"

#include "desktop/models/display_format.h"

namespace alpes::console {

namespace {

std::int64_t durationMillis(const dto::SagaSummary& row)
{
    return toEpochMillis(row.endedAt.value_or(row.updatedAt)) - toEpochMillis(row.startedAt);
}

}  // namespace

QString SagaTableModel::header(int column) const
{
    switch (column) {
    case StartedAt: return tr("Started");
    case State: return tr("State");
    case Campaign: return tr("Campaign");
    case Partner: return tr("Partner");
    case Order: return tr("Order");
    case Amount: return tr("Amount");
    case Duration: return tr("Duration");
    case Reason: return tr("Reason");
    default: return {};
    }
}

QVariant SagaTableModel::cell(const dto::SagaSummary& row, int column) const
{
    switch (column) {
    case StartedAt: return formatTime(row.startedAt);
    case State: return wireText(dto::kSagaStates.name(row.state));
    case Campaign: return m_names.nameOf(qs(row.campaignId.str()));
    case Partner: return row.affiliateId.empty() ? QString() : m_names.nameOf(qs(row.affiliateId.str()));
    case Order: return qs(row.orderId);
    case Amount: return formatMoney(row.amount);
    case Duration: return tr("%1 s").arg(static_cast<double>(durationMillis(row)) / 1000.0, 0, 'f', 1);
    case Reason: return row.compensation ? qs(row.compensation->reason) : qs(row.error);
    default: return {};
    }
}

std::optional<std::int64_t> SagaTableModel::sortKey(const dto::SagaSummary& row, int column) const
{
    switch (column) {
    case StartedAt: return toEpochMillis(row.startedAt);
    case Amount: return row.amount.amount();
    case Duration: return durationMillis(row);
    default: return {};
    }
}

QString SagaTableModel::idOf(const dto::SagaSummary& row) const { return qs(row.id.str()); }

}  // namespace alpes::console
