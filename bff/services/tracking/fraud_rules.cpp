#include "bff/services/tracking/fraud_rules.h"

#include "bff/services/tracking/reference_copies.h"

#include <algorithm>

namespace alpes::services::tracking {
namespace {

constexpr std::chrono::hours kVelocityWindow{1};

// Purchases of one purchaser in the hour up to `purchase`, itself included: ordered by (occurredAt,
// id) so that the same purchases are counted whatever order they are judged in. ?1 is the user or
// the IP, ?2 the hour's start (exclusive), ?3 the purchase's occurredAt, ?4 its id.
std::int64_t purchasesInHour(storage::Database& db, std::string_view column, const std::string& purchaser,
                             const dto::Interaction& purchase)
{
    const std::string sql = "SELECT COUNT(*) FROM interactions WHERE type = 'purchase' AND " + std::string(column) +
                            " = ?1 AND occurred_at > ?2 AND (occurred_at < ?3 OR (occurred_at = ?3 AND id <= ?4))";
    auto stmt = db.prepare(sql);
    const std::int64_t at = toEpochMillis(purchase.occurredAt);
    stmt.bindAll(purchaser, at - std::chrono::duration_cast<Millis>(kVelocityWindow).count(), at, purchase.id.str());
    stmt.step();
    return stmt.int64At(0);
}

std::string seconds(Millis duration)
{
    const auto tenths = (duration.count() + 50) / 100;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

}  // namespace

std::optional<FraudVerdict> judgeFraud(const dto::Interaction& purchase, const FraudFacts& facts,
                                       const FraudRules& rules)
{
    if (rules.selfReferral && purchase.userId) {
        for (const auto& [partner, userId] : facts.partners)
            if (userId == purchase.userId)
                return FraudVerdict{FraudRule::SelfReferral,
                                    "the purchaser " + *purchase.userId + " is partner " + partner.str() + "'s own user"};
    }
    if (rules.clickInjection && facts.lastClickAt) {
        const Millis gap = purchase.occurredAt - *facts.lastClickAt;
        if (gap < rules.clickInjectionGap)
            return FraudVerdict{FraudRule::ClickInjection, "purchase " + seconds(gap) + " after the last click (minimum " +
                                                               seconds(rules.clickInjectionGap) + ")"};
    }
    if (rules.userVelocity && purchase.userId && facts.purchasesByUserInHour > rules.maxPurchasesPerUserPerHour)
        return FraudVerdict{FraudRule::UserVelocity,
                            std::to_string(facts.purchasesByUserInHour) + " purchases by user " + *purchase.userId +
                                " within an hour (at most " + std::to_string(rules.maxPurchasesPerUserPerHour) + ")"};
    if (rules.ipVelocity && purchase.ip && facts.purchasesByIpInHour > rules.maxPurchasesPerIpPerHour)
        return FraudVerdict{FraudRule::IpVelocity,
                            std::to_string(facts.purchasesByIpInHour) + " purchases from IP " + *purchase.ip +
                                " within an hour (at most " + std::to_string(rules.maxPurchasesPerIpPerHour) + ")"};
    return std::nullopt;
}

FraudFacts gatherFraudFacts(storage::Database& db, const dto::Interaction& purchase,
                            std::span<const Touchpoint> journey)
{
    FraudFacts facts;
    // The journey is oldest first: the last click is the first one found from its end.
    for (auto touchpoint = journey.rbegin(); touchpoint != journey.rend() && !facts.lastClickAt; ++touchpoint) {
        auto stmt = db.prepare("SELECT 1 FROM interactions WHERE id = ? AND type = 'click'");
        stmt.bind(1, touchpoint->interactionId.str());
        if (stmt.step())
            facts.lastClickAt = touchpoint->occurredAt;
    }
    if (purchase.userId)
        facts.purchasesByUserInHour = purchasesInHour(db, "user_id", *purchase.userId, purchase);
    if (purchase.ip)
        facts.purchasesByIpInHour = purchasesInHour(db, "ip", *purchase.ip, purchase);
    std::vector<AffiliateId> partners{purchase.affiliateId};
    for (const auto& touchpoint : journey)
        if (std::find(partners.begin(), partners.end(), touchpoint.affiliateId) == partners.end())
            partners.push_back(touchpoint.affiliateId);
    for (const auto& partner : partners) {
        const auto copy = findAffiliateCopy(db, partner);
        facts.partners.emplace_back(partner, copy ? copy->userId : std::nullopt);
    }
    return facts;
}

}  // namespace alpes::services::tracking
