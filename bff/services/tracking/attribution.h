#pragma once

#include "shared/core/money.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/campaign_terms.h"

#include <span>
#include <vector>

namespace alpes::services::tracking {

// One touchpoint of a journey: an interaction that may earn a share of a conversion.
struct Touchpoint {
    InteractionId interactionId;
    AffiliateId affiliateId;
    UtcTime occurredAt{};

    friend bool operator==(const Touchpoint&, const Touchpoint&) = default;
};

struct WeightedTouchpoint {
    Touchpoint touchpoint;
    double weight = 0.0;  // fraction of the conversion, the weights of a journey add up to 1
};

struct AffiliateShare {
    AffiliateId affiliateId;
    double weight = 0.0;
    Money amount;

    friend bool operator==(const AffiliateShare&, const AffiliateShare&) = default;
};

// What a model made of a journey. No share means the conversion is unattributed.
struct Attribution {
    std::vector<WeightedTouchpoint> touchpoints;  // oldest first
    std::vector<AffiliateShare> shares;           // largest amount first, then by affiliate id
};

// The first instant inside the attribution window of a conversion at `conversionAt`; the window
// includes both ends.
UtcTime windowStart(UtcTime conversionAt, int windowDays);

// Applies the campaign's model (product.md §2) to the touchpoints inside the window before the
// conversion, then splits `amount` between their affiliates by weight with the largest-remainder
// method, so the shares add up to exactly `amount`. A minor unit left over by equal remainders
// goes to the affiliate whose touchpoint came latest, then to the smallest affiliate id.
// Pure and deterministic: the same journey always gives the same shares.
Attribution attribute(const domain::AttributionSettings& settings, std::span<const Touchpoint> touchpoints,
                      UtcTime conversionAt, const Money& amount);

}  // namespace alpes::services::tracking
