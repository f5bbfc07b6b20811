#include "bff/services/tracking/journey_builder.h"

#include "bff/services/tracking/journey_steps.h"

#include <algorithm>

namespace alpes::services::tracking {

std::vector<Touchpoint> buildJourney(storage::Database& db, const dto::Interaction& purchase,
                                     const CampaignCopy& campaign)
{
    mergeJourneySteps(db);
    const std::int64_t purchasedAt = toEpochMillis(purchase.occurredAt);
    std::int64_t from = toEpochMillis(windowStart(purchase.occurredAt, campaign.attribution.windowDays));
    {
        // ?4 and ?5 order purchases by (occurredAt, id), so two in the same millisecond stay ordered.
        static const std::string kPrevious =
            "SELECT MAX(occurred_at) FROM (" +
            purchaserStepsSql("s.occurred_at AS occurred_at", "i.type = 'purchase' AND (s.occurred_at < ?4 OR"
                                                              " (s.occurred_at = ?4 AND i.id < ?5))") +
            ")";
        auto previous = db.prepare(kPrevious);
        previous.bindAll(campaign.id.str(), purchase.userId, purchase.anonymousId, purchasedAt, purchase.id.str());
        if (previous.step() && !previous.isNull(0))
            from = std::max(from, previous.int64At(0) + 1);
    }
    static const std::string kTouchpoints =
        purchaserStepsSql("i.id, i.affiliate_id, s.occurred_at",
                          "i.type <> 'purchase' AND i.state = 'recorded' AND s.occurred_at BETWEEN ?4 AND ?5") +
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
