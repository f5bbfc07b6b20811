#pragma once

#include "shared/core/result.h"
#include "shared/domain/vocabulary.h"

namespace alpes::services::commissions {

enum class CommissionAction { Confirm, Revert };

// The commission lifecycle of product.md §2: reserved → confirmed; reserved | confirmed →
// reverted. Anything else is refused with a Conflict that names the state it is in.
Result<domain::CommissionState> transition(domain::CommissionState from, CommissionAction action);

}  // namespace alpes::services::commissions
