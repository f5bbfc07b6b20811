#pragma once

#include "bff/services/tracking/attribution.h"
#include "bff/storage/database.h"
#include "shared/domain/enum_names.h"
#include "shared/dto/interaction.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace alpes::services::tracking {

// The fraud rules of product.md §2, judged when a conversion is attributed. A repeated orderId is
// no rule: ingest refuses it as a duplicate.
enum class FraudRule { SelfReferral, ClickInjection, UserVelocity, IpVelocity };
inline constexpr domain::EnumNames<FraudRule, 4> kFraudRules{{{{FraudRule::SelfReferral, "self_referral"},
                                                               {FraudRule::ClickInjection, "click_injection"},
                                                               {FraudRule::UserVelocity, "user_velocity"},
                                                               {FraudRule::IpVelocity, "ip_velocity"}}}};

// Each rule can be switched off, and its threshold changed.
struct FraudRules {
    // A purchase sooner than this after the last click of its journey (by occurredAt).
    bool clickInjection = true;
    std::chrono::milliseconds clickInjectionGap{3000};
    // More purchases than this by one userId, or from one IP, within an hour (by occurredAt).
    bool userVelocity = true;
    std::int64_t maxPurchasesPerUserPerHour = 5;
    bool ipVelocity = true;
    std::int64_t maxPurchasesPerIpPerHour = 5;
    // The purchaser's userId is the userId of a partner the journey would pay.
    bool selfReferral = true;
};

// What the rules judge a purchase by, gathered from tracking's tables.
struct FraudFacts {
    std::optional<UtcTime> lastClickAt;        // the journey's last click
    std::int64_t purchasesByUserInHour = 0;  // this one and the user's earlier ones in the hour before it
    std::int64_t purchasesByIpInHour = 0;
    // The partners the journey would pay (the purchase's and the touchpoints'), with their userIds.
    std::vector<std::pair<AffiliateId, std::optional<std::string>>> partners;
};

struct FraudVerdict {
    FraudRule rule = FraudRule::SelfReferral;
    std::string detail;

    friend bool operator==(const FraudVerdict&, const FraudVerdict&) = default;
};

// The first rule that fires, in the order of FraudRule; nullopt when none does. Pure.
std::optional<FraudVerdict> judgeFraud(const dto::Interaction& purchase, const FraudFacts& facts,
                                       const FraudRules& rules);

// Reads the facts about `purchase` and its journey (oldest first). Throws SqlError like any storage call.
FraudFacts gatherFraudFacts(storage::Database& db, const dto::Interaction& purchase,
                            std::span<const Touchpoint> journey);

}  // namespace alpes::services::tracking
