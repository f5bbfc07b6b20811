#include "desktop/models/campaign_table_model.h"

#include "desktop/models/display_format.h"

namespace alpes::console {

QString CampaignTableModel::header(int column) const
{
    switch (column) {
    case Name: return tr("Name");
    case Brand: return tr("Brand");
    case Kind: return tr("Kind");
    case State: return tr("State");
    case StartsAt: return tr("Starts");
    case EndsAt: return tr("Ends");
    case Budget: return tr("Budget");
    case Spent: return tr("Spent");
    case Partners: return tr("Partners");
    default: return {};
    }
}

QVariant CampaignTableModel::cell(const dto::Campaign& row, int column) const
{
    switch (column) {
    case Name: return qs(row.name);
    case Brand: return qs(row.brand.name);
    case Kind: return wireText(domain::kCampaignKinds.name(row.kind));
    case State: return wireText(domain::kCampaignStates.name(row.state));
    case StartsAt: return formatTime(row.startsAt);
    case EndsAt: return formatTime(row.endsAt);
    case Budget: return formatMoney(row.budget);
    case Spent: return formatMoney(row.spent);
    case Partners: return static_cast<qlonglong>(row.affiliateIds.size());
    default: return {};
    }
}

std::optional<std::int64_t> CampaignTableModel::sortKey(const dto::Campaign& row, int column) const
{
    switch (column) {
    case StartsAt: return toEpochMillis(row.startsAt);
    case EndsAt: return toEpochMillis(row.endsAt);
    case Budget: return row.budget.amount();
    case Spent: return row.spent.amount();
    default: return {};
    }
}

bool CampaignTableModel::isNumeric(int column) const
{
    return column == Budget || column == Spent || column == Partners;
}

QString CampaignTableModel::idOf(const dto::Campaign& row) const { return qs(row.id.str()); }

}  // namespace alpes::console
