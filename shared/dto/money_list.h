#pragma once

#include "shared/core/money.h"
#include "shared/json/json_decoder.h"

#include <optional>
#include <string_view>
#include <vector>

namespace alpes::dto {

// Sums kept per currency travel as a list of money values, one per currency: minor units of two
// currencies never add up. [{"amount": 1200, "currency": "USD"}, ...]
json::Json toJson(const std::vector<Money>& amounts);
// The list under `key` of `reader`; every wrong item is reported to `errors`, the reader's own
// ("revenue[1].currency").
std::optional<std::vector<Money>> readMoneyList(json::ObjectReader& reader, std::string_view key, bool required,
                                                json::FieldErrors& errors);

}  // namespace alpes::dto
