#include "desktop/models/affiliate_table_model.h"

#include "desktop/models/display_format.h"

namespace alpes::console {

QString AffiliateTableModel::header(int column) const
{
    switch (column) {
    case Name: return tr("Name");
    case Email: return tr("Email");
    case Kind: return tr("Kind");
    case Platform: return tr("Platform");
    case Followers: return tr("Followers");
    case Category: return tr("Category");
    case State: return tr("State");
    case CreatedAt: return tr("Registered");
    default: return {};
    }
}

QVariant AffiliateTableModel::cell(const dto::Affiliate& row, int column) const
{
    switch (column) {
    case Name: return qs(row.name);
    case Email: return qs(row.email);
    case Kind: return wireText(domain::kAffiliateKinds.name(row.kind));
    case Platform: return row.platform ? qs(domain::kPlatforms.name(*row.platform)) : QString();
    case Followers: return static_cast<qlonglong>(row.followers);
    case Category: return qs(row.category);
    case State:
        return row.suspensionReason && row.state == domain::AffiliateState::Suspended
                   ? tr("%1 (%2)").arg(wireText(domain::kAffiliateStates.name(row.state)), qs(row.suspensionReason))
                   : wireText(domain::kAffiliateStates.name(row.state));
    case CreatedAt: return formatTime(row.createdAt);
    default: return {};
    }
}

std::optional<std::int64_t> AffiliateTableModel::sortKey(const dto::Affiliate& row, int column) const
{
    if (column == CreatedAt)
        return toEpochMillis(row.createdAt);
    return {};
}

QString AffiliateTableModel::idOf(const dto::Affiliate& row) const { return qs(row.id.str()); }

}  // namespace alpes::console
