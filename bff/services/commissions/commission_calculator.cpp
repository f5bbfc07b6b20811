#include "bff/services/commissions/commission_calculator.h"

#include "shared/json/json_decoder.h"

#include <algorithm>
#include <numeric>

namespace alpes::services::commissions {
namespace {

// amount × weight needs more than 64 bits before the division; __extension__ marks the GCC/Clang type.
__extension__ using Int128 = __int128;

json::FieldErrors checkAmounts(const domain::CommissionTerms& terms, std::span<const AttributedShare> shares)
{
    json::FieldErrors errors;
    const std::string& currency = shares.front().amount.currency();
    for (size_t i = 0; i < shares.size(); ++i) {
        const std::string field = "shares[" + std::to_string(i) + "].amount";
        if (shares[i].amount.currency() != currency)
            errors.add(field + ".currency", "Must be " + currency + " like every other share");
        if (shares[i].amount.isNegative())
            errors.add(field + ".amount", "Must not be negative");
    }
    if (terms.ratePpm < 0)
        errors.add("commission.rate", "Must not be negative");
    if (terms.fixedAmount && terms.fixedAmount->isNegative())
        errors.add("commission.amount.amount", "Must not be negative");
    const std::pair<const char*, const std::optional<Money>*> termAmounts[] = {
        {"commission.amount", &terms.fixedAmount},
        {"commission.minimum", &terms.minimum},
        {"commission.maximum", &terms.maximum}};
    for (const auto& [field, money] : termAmounts)
        if (*money && (*money)->currency() != currency)
            errors.add(std::string(field) + ".currency", "Must be " + currency + " like the shares");
    return errors;
}

// Splits `total` in proportion to the shares: everyone gets the floor of their exact part, and
// the minor units left over go one each to the largest remainders (earlier shares win ties).
std::vector<std::int64_t> splitByLargestRemainder(std::int64_t total, std::span<const AttributedShare> shares)
{
    const Int128 weightSum = std::accumulate(shares.begin(), shares.end(), Int128{0},
                                             [](Int128 sum, const AttributedShare& s) { return sum + s.amount.amount(); });
    std::vector<std::int64_t> parts(shares.size(), 0);
    if (weightSum == 0)
        return parts;
    std::vector<Int128> remainders(shares.size());
    Int128 distributed = 0;
    for (size_t i = 0; i < shares.size(); ++i) {
        const Int128 exact = static_cast<Int128>(total) * shares[i].amount.amount();
        parts[i] = static_cast<std::int64_t>(exact / weightSum);
        remainders[i] = exact % weightSum;
        distributed += parts[i];
    }
    std::vector<size_t> order(shares.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
    const auto leftover = static_cast<size_t>(total - distributed);
    for (size_t i = 0; i < leftover; ++i)
        ++parts[order[i]];
    return parts;
}

Money clamp(const Money& amount, const domain::CommissionTerms& terms)
{
    if (terms.minimum && amount.amount() < terms.minimum->amount())
        return *terms.minimum;
    if (terms.maximum && amount.amount() > terms.maximum->amount())
        return *terms.maximum;
    return amount;
}

}  // namespace

Result<std::vector<CalculatedCommission>> calculateCommissions(const domain::CommissionTerms& terms,
                                                               std::span<const AttributedShare> shares)
{
    std::vector<CalculatedCommission> commissions;
    if (shares.empty())
        return commissions;
    if (const auto errors = checkAmounts(terms, shares); !errors.empty())
        return errors.status().error();

    std::vector<Money> raw;
    raw.reserve(shares.size());
    if (terms.type == domain::CommissionType::Percent) {
        for (const auto& share : shares) {
            auto amount = share.amount.scaled(terms.ratePpm, 1'000'000);
            if (!amount)
                return std::move(amount).error();
            raw.push_back(std::move(amount).value());
        }
    } else {
        if (!terms.fixedAmount)
            return Error::validation("commission.amount", "Fixed terms need an amount");
        for (const std::int64_t part : splitByLargestRemainder(terms.fixedAmount->amount(), shares))
            raw.push_back(Money::of(part, terms.fixedAmount->currency()).value());
    }

    commissions.reserve(shares.size());
    for (size_t i = 0; i < shares.size(); ++i) {
        const bool tookPart = !shares[i].amount.isZero();
        commissions.push_back({shares[i].affiliateId, tookPart ? clamp(raw[i], terms) : raw[i]});
    }
    return commissions;
}

}  // namespace alpes::services::commissions
