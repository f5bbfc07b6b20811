#pragma once

#include "shared/core/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace alpes {

// An amount of minor units of one ISO-4217 currency: {12990, "USD"} is 129.90 USD. Never a float.
// Arithmetic refuses mixed currencies and int64 overflow instead of producing a wrong number.
class Money {
public:
    Money() = default;

    // Refuses a currency that is not three uppercase ASCII letters.
    static Result<Money> of(std::int64_t minorUnits, std::string_view currency);
    static bool isCurrencyCode(std::string_view currency);

    std::int64_t amount() const { return m_amount; }
    const std::string& currency() const { return m_currency; }
    bool isZero() const { return m_amount == 0; }
    bool isNegative() const { return m_amount < 0; }

    Result<Money> plus(const Money& other) const;
    Result<Money> minus(const Money& other) const;
    // amount × numerator / denominator, rounded half away from zero; denominator > 0.
    Result<Money> scaled(std::int64_t numerator, std::int64_t denominator) const;
    Money zeroLike() const;

    // Ordering only within one currency; callers check sameCurrency first.
    bool sameCurrency(const Money& other) const { return m_currency == other.m_currency; }
    std::string toString() const;  // "129.90 USD"; minor units assumed to be 2 digits for display

    friend bool operator==(const Money&, const Money&) = default;

private:
    Money(std::int64_t amount, std::string currency) : m_amount(amount), m_currency(std::move(currency)) {}

    std::int64_t m_amount = 0;
    std::string m_currency;
};

}  // namespace alpes
