#include "desktop/models/commission_summary.h"

#include "desktop/models/display_format.h"

#include <QStringList>

#include <algorithm>

namespace alpes::console {

void tally(dto::CommissionStats& stats, const dto::Commission& commission)
{
    dto::CommissionTotals& totals = stats.of(commission.state);
    ++totals.count;
    const auto at = std::lower_bound(totals.amounts.begin(), totals.amounts.end(), commission.amount,
                                     [](const Money& a, const Money& b) { return a.currency() < b.currency(); });
    if (at == totals.amounts.end() || !at->sameCurrency(commission.amount)) {
        totals.amounts.insert(at, commission.amount);
    } else if (auto sum = at->plus(commission.amount)) {
        *at = *sum;
    }
}

QString totalsText(const dto::CommissionTotals& totals)
{
    QStringList amounts;
    for (const Money& amount : totals.amounts)
        amounts << formatMoney(amount);
    if (amounts.isEmpty())
        return QString::number(totals.count);
    return QStringLiteral("%1 · %2").arg(totals.count).arg(amounts.join(QStringLiteral(", ")));
}

}  // namespace alpes::console
