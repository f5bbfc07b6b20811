#include "desktop/models/commission_summary.h"

#include "desktop/models/display_format.h"

#include <QStringList>

#include <algorithm>

namespace alpes::console {

dto::CommissionStats summarize(const std::vector<dto::Commission>& commissions)
{
    dto::CommissionStats stats;
    for (const dto::Commission& commission : commissions) {
        dto::CommissionTotals& totals = stats.of(commission.state);
        ++totals.count;
        auto same = std::find_if(totals.amounts.begin(), totals.amounts.end(),
                                 [&](const Money& m) { return m.sameCurrency(commission.amount); });
        if (same == totals.amounts.end()) {
            totals.amounts.push_back(commission.amount);
        } else if (auto sum = same->plus(commission.amount)) {
            *same = *sum;
        }
    }
    for (auto state : {domain::CommissionState::Reserved, domain::CommissionState::Confirmed,
                       domain::CommissionState::Reverted}) {
        auto& amounts = stats.of(state).amounts;
        std::sort(amounts.begin(), amounts.end(), [](const Money& a, const Money& b) { return a.currency() < b.currency(); });
    }
    return stats;
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
