#pragma once

#include "shared/dto/commission.h"

#include <QString>

#include <vector>

namespace alpes::console {

// Commissions counted and summed per state and currency (minor units of two currencies never
// add up): the Commissions page's totals and a partner's earnings.
dto::CommissionStats summarize(const std::vector<dto::Commission>& commissions);
// "3 · 120.00 USD, 15.00 EUR"
QString totalsText(const dto::CommissionTotals& totals);

}  // namespace alpes::console
