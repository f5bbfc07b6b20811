#pragma once

#include "bff/services/tracking/attribution.h"
#include "bff/services/tracking/fraud_rules.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/enum_names.h"
#include "shared/domain/vocabulary.h"
#include "shared/dto/interaction.h"

#include <optional>
#include <string>
#include <vector>

namespace alpes::services::tracking {

// What an accepted interaction answers: 202 {"id", "sagaId"?}.
struct TrackReceipt {
    InteractionId id;
    std::optional<SagaId> sagaId;  // purchases only
};

struct InteractionFilter {
    std::optional<CampaignId> campaignId;
    std::optional<AffiliateId> affiliateId;
    std::optional<domain::InteractionType> type;
    std::optional<domain::InteractionState> state;
    std::optional<UtcTime> from;  // occurredAt ≥ from
    std::optional<UtcTime> to;    // occurredAt < to
};

struct TrackingLink {
    LinkCode code;
    std::string url;  // the path to hand out: "/r/<code>"
};

// Who followed a tracking link, from the request's headers and cookies.
struct Visitor {
    std::optional<std::string> ip;
    std::optional<std::string> userAgent;
    std::optional<std::string> anonymousId;
    std::optional<std::string> userId;
    std::optional<std::string> referrer;
};

struct FollowedLink {
    std::string destination;
    std::string clickId;
    std::string anonymousId;  // the visitor's, or a new one to set so that the journey can continue
};

// One partner's counts of one type on one campaign (the campaign overview's top partners).
struct PartnerStats {
    AffiliateId affiliateId;
    domain::InteractionType type = domain::InteractionType::View;
    std::int64_t count = 0;
    std::optional<Money> revenue;  // purchases only
};

// Fraud: a fraud rule fired, the conversion earns nothing and the saga compensates.
enum class AttributionOutcome { Attributed, Unattributed, Fraud };
inline constexpr domain::EnumNames<AttributionOutcome, 3> kAttributionOutcomes{
    {{{AttributionOutcome::Attributed, "attributed"},
      {AttributionOutcome::Unattributed, "unattributed"},
      {AttributionOutcome::Fraud, "fraud"}}}};

// Why a conversion earns nothing (ConversionUnattributed's reason).
inline constexpr std::string_view kReasonNoTouchpoints = "no_touchpoints";
inline constexpr std::string_view kReasonCampaignNotActive = "campaign_not_active";
inline constexpr std::string_view kReasonUnknownConversion = "unknown_conversion";
inline constexpr std::string_view kReasonConversionDiscarded = "conversion_discarded";
// Not an outcome: the answer to a non-final AttributeConversion while tracking's copy of the campaign
// may be behind (unknown, or a draft whose dates hold the purchase). Nothing is stored; the saga asks again.
inline constexpr std::string_view kReasonAwaitingCampaign = "awaiting_campaign";

// One conversion as the saga timeline shows it: the purchase, its journey and what became of it.
struct ConversionView {
    dto::Interaction purchase;
    std::optional<AttributionOutcome> outcome;  // absent until AttributeConversion was handled
    std::optional<std::string> reason;          // why it is unattributed
    std::optional<FraudVerdict> fraud;          // the rule that fired, when the outcome is fraud
    std::optional<domain::AttributionModel> model;
    std::vector<WeightedTouchpoint> touchpoints;  // oldest first
    std::vector<AffiliateShare> shares;
    std::optional<UtcTime> attributedAt;
    std::optional<UtcTime> revertedAt;
    std::optional<UtcTime> discardedAt;
    std::optional<std::string> discardReason;
    std::vector<InteractionId> discardedIds;
};

}  // namespace alpes::services::tracking
