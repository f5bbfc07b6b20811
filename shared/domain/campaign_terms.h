#pragma once

#include "shared/core/money.h"
#include "shared/domain/vocabulary.h"
#include "shared/json/json_decoder.h"

#include <cstdint>
#include <optional>

namespace alpes::domain {

// How a campaign pays: a percent of the attributed order amount or a fixed amount per conversion,
// clamped to [minimum, maximum] when those are given (product.md §2 Campaign).
struct CommissionTerms {
    CommissionType type = CommissionType::Percent;
    // Percent rates are kept as parts per million of the amount (10.0 % = 100000) so no float
    // ever touches money; the wire keeps the percent number.
    std::int64_t ratePpm = 0;
    std::optional<Money> fixedAmount;
    std::optional<Money> minimum;
    std::optional<Money> maximum;

    friend bool operator==(const CommissionTerms&, const CommissionTerms&) = default;
};

struct AttributionSettings {
    AttributionModel model = AttributionModel::LastTouch;
    int windowDays = 30;
    double halfLifeDays = 7.0;  // time_decay only

    friend bool operator==(const AttributionSettings&, const AttributionSettings&) = default;
};

json::Json toJson(const CommissionTerms& terms);
json::Json toJson(const AttributionSettings& settings);

// Decode with field-level errors; `currency` (the budget's) must match every money in the terms.
std::optional<CommissionTerms> readCommissionTerms(json::ObjectReader& parent, std::string_view key,
                                                   const std::optional<std::string>& currency);
std::optional<AttributionSettings> readAttributionSettings(json::ObjectReader& parent, std::string_view key);

json::Json toJson(const Money& money);

}  // namespace alpes::domain
