#include "desktop/models/commission_table_model.h"

#include "desktop/models/display_format.h"

namespace alpes::console {

QString CommissionTableModel::header(int column) const
{
    switch (column) {
    case Campaign: return tr("Campaign");
    case Partner: return tr("Partner");
    case Amount: return tr("Amount");
    case State: return tr("State");
    case ReservedAt: return tr("Reserved");
    case ConfirmedAt: return tr("Confirmed");
    case RevertedAt: return tr("Reverted");
    case Reason: return tr("Reason");
    default: return {};
    }
}

QVariant CommissionTableModel::cell(const dto::Commission& row, int column) const
{
    switch (column) {
    case Campaign: return m_names.nameOf(qs(row.campaignId.str()));
    case Partner: return m_names.nameOf(qs(row.affiliateId.str()));
    case Amount: return formatMoney(row.amount);
    case State: return wireText(domain::kCommissionStates.name(row.state));
    case ReservedAt: return formatTime(row.reservedAt);
    case ConfirmedAt: return formatTime(row.confirmedAt);
    case RevertedAt: return formatTime(row.revertedAt);
    case Reason: return qs(row.reason);
    default: return {};
    }
}

std::optional<std::int64_t> CommissionTableModel::sortKey(const dto::Commission& row, int column) const
{
    switch (column) {
    case Amount: return row.amount.amount();
    case ReservedAt: return toEpochMillis(row.reservedAt);
    case ConfirmedAt: return row.confirmedAt ? toEpochMillis(*row.confirmedAt) : 0;
    case RevertedAt: return row.revertedAt ? toEpochMillis(*row.revertedAt) : 0;
    default: return {};
    }
}

QString CommissionTableModel::idOf(const dto::Commission& row) const { return qs(row.id.str()); }

}  // namespace alpes::console
