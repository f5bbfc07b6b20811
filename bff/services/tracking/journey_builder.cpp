#include "bff/services/tracking/journey_builder.h"

#include <algorithm>

namespace alpes::services::tracking {
namespace {

// Rows of the campaign that belong to the purchaser: ?1 campaign, ?2 userId, ?3 anonymousId.
// Two arms so that each can use its own partial index; UNION drops a row both arms found.
std::string ofThePurchaser(std::string_view columns, std::string_view condition)
{
    const std::string select = "SELECT " + std::string(columns) + " FROM interactions WHERE campaign_id = ?1 AND ";
    return select + "user_id = ?2 AND " + std::string(condition) + " UNION " + select +
           "anonymous_id = ?3 AND (user_id IS NULL OR ?2 IS NULL) AND " + std::string(condition);
}

}  // namespace

std::vector<Touchpoint> buildJourney(storage::Database& db, const dto::Interaction& purchase,
                                     const CampaignCopy& campaign)
{
    const std::int64_t purchasedAt = toEpochMillis(purchase.occurredAt);
    std::int64_t from = toEpochMillis(windowStart(purchase.occurredAt, campaign.attribution.windowDays));
    {
        // ?4 and ?5 order purchases by (occurredAt, id), so two in the same millisecond stay ordered.
        static const std::string kPrevious =
            "SELECT MAX(occurred_at) FROM (" +
            ofThePurchaser("occurred_at",
                           "type = 'purchase' AND (occurred_at < ?4 OR (occurred_at = ?4 AND id < ?5))") +
            ")";
        auto previous = db.prepare(kPrevious);
        previous.bindAll(campaign.id.str(), purchase.userId, purchase.anonymousId, purchasedAt, purchase.id.str());
        if (previous.step() && !previous.isNull(0))
            from = std::max(from, previous.int64At(0) + 1);
    }
    static const std::string kTouchpoints =
        ofThePurchaser("id, affiliate_id, occurred_at",
                       "type <> 'purchase' AND state = 'recorded' AND occurred_at BETWEEN ?4 AND ?5") +
        " ORDER BY 3, 1";
    auto stmt = db.prepare(kTouchpoints);
    stmt.bindAll(campaign.id.str(), purchase.userId, purchase.anonymousId, from, purchasedAt);
    std::vector<Touchpoint> journey;
    while (stmt.step())
        journey.push_back(
            {InteractionId(stmt.textAt(0)), AffiliateId(stmt.textAt(1)), fromEpochMillis(stmt.int64At(2))});
    return journey;
}

}  // namespace alpes::services::tracking
