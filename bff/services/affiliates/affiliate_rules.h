#pragma once

#include "shared/core/result.h"
#include "shared/domain/vocabulary.h"

namespace alpes::services::affiliates {

enum class AffiliateAction { Approve, Suspend, Reinstate };

// The partner lifecycle of product.md §2: pending → active (approve) → suspended (suspend) →
// active (reinstate). Anything else is refused with a Conflict that names both ends.
Result<domain::AffiliateState> transition(domain::AffiliateState from, AffiliateAction action);

}  // namespace alpes::services::affiliates
