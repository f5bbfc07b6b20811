#pragma once

#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/domain/campaign_terms.h"

#include <span>
#include <vector>

namespace alpes::services::commissions {

// The part of a conversion's amount that attribution gave one partner.
struct AttributedShare {
    AffiliateId affiliateId;
    Money amount;
};

struct CalculatedCommission {
    AffiliateId affiliateId;
    Money amount;
};

// Applies a campaign's terms to a conversion's shares (which add up to the order amount) and
// answers one commission per share, in the shares' order:
// - percent: share × rate, rounded half away from zero;
// - fixed: the fixed amount is per conversion, split in proportion to the shares with the
//   largest-remainder method, so the parts add up to exactly the fixed amount;
// - then each commission is clamped to [minimum, maximum] when given.
// A share of zero took no part in the sale: it earns zero and is not raised to the minimum.
// Refuses (Validation) negative shares and any mix of currencies between shares and terms.
Result<std::vector<CalculatedCommission>> calculateCommissions(const domain::CommissionTerms& terms,
                                                               std::span<const AttributedShare> shares);

}  // namespace alpes::services::commissions
