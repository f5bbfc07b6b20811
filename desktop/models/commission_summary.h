#pragma once

#include "shared/dto/commission.h"

#include <QString>

namespace alpes::console {

// Counts one commission in its state and adds it to that state's sum in its currency (minor units
// of two currencies never add up); each state's sums stay ordered by currency.
void tally(dto::CommissionStats& stats, const dto::Commission& commission);

// Commissions counted and summed per state and currency: the Commissions page's totals (over the
// model's rows) and a partner's earnings (over an API list), hence any range of commissions.
template <typename Commissions>
dto::CommissionStats summarize(const Commissions& commissions)
{
    dto::CommissionStats stats;
    for (const dto::Commission& commission : commissions)
        tally(stats, commission);
    return stats;
}

// "3 · 120.00 USD, 15.00 EUR"
QString totalsText(const dto::CommissionTotals& totals);

}  // namespace alpes::console
