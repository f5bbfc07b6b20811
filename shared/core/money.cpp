#include "shared/core/money.h"

#include <cstdlib>

namespace alpes {
namespace {

// A 128-bit intermediate keeps amount × rate exact; __extension__ marks the GCC/Clang builtin type.
__extension__ using Int128 = __int128;

Error mixedCurrencies(const Money& a, const Money& b)
{
    return Error::validation("currency", "Cannot combine " + a.currency() + " with " + b.currency());
}

Error overflow()
{
    return Error::validation("amount", "The amount is too large");
}

}  // namespace

bool Money::isCurrencyCode(std::string_view currency)
{
    if (currency.size() != 3)
        return false;
    for (const char c : currency)
        if (c < 'A' || c > 'Z')
            return false;
    return true;
}

Result<Money> Money::of(std::int64_t minorUnits, std::string_view currency)
{
    if (!isCurrencyCode(currency))
        return Error::validation("currency", "Must be a three-letter ISO-4217 code such as USD");
    return Money(minorUnits, std::string(currency));
}

Result<Money> Money::plus(const Money& other) const
{
    if (!sameCurrency(other))
        return mixedCurrencies(*this, other);
    std::int64_t sum = 0;
    if (__builtin_add_overflow(m_amount, other.m_amount, &sum))
        return overflow();
    return Money(sum, m_currency);
}

Result<Money> Money::minus(const Money& other) const
{
    if (!sameCurrency(other))
        return mixedCurrencies(*this, other);
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(m_amount, other.m_amount, &difference))
        return overflow();
    return Money(difference, m_currency);
}

Result<Money> Money::scaled(std::int64_t numerator, std::int64_t denominator) const
{
    if (denominator <= 0)
        return Error::internal("Money::scaled needs a positive denominator");
    const Int128 product = static_cast<Int128>(m_amount) * numerator;
    const Int128 magnitude = product < 0 ? -product : product;
    Int128 quotient = (magnitude + denominator / 2) / denominator;  // half away from zero
    if (product < 0)
        quotient = -quotient;
    if (quotient > INT64_MAX || quotient < INT64_MIN)
        return overflow();
    return Money(static_cast<std::int64_t>(quotient), m_currency);
}

Money Money::zeroLike() const
{
    return Money(0, m_currency);
}

std::string Money::toString() const
{
    const std::uint64_t magnitude =
        m_amount < 0 ? static_cast<std::uint64_t>(-(m_amount + 1)) + 1 : static_cast<std::uint64_t>(m_amount);
    std::string cents = std::to_string(magnitude % 100);
    if (cents.size() < 2)
        cents.insert(0, "0");
    return (m_amount < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + cents + " " + m_currency;
}

}  // namespace alpes
