#pragma once

#include "bff/storage/database.h"
#include "shared/core/money.h"
#include "shared/domain/enum_names.h"

#include <string>
#include <string_view>
#include <utility>

namespace alpes::services::marketing {

// Reading back what this service wrote: a value that does not parse means a corrupt row, not bad
// input, so it throws like any storage failure and the writer or reader turns it into an Error.

inline Money storedMoney(std::int64_t amount, std::string_view currency)
{
    auto money = Money::of(amount, currency);
    if (!money)
        throw storage::SqlError(0, "corrupt money column: " + std::string(currency));
    return std::move(money).value();
}

template <typename E, size_t N>
E storedEnum(const domain::EnumNames<E, N>& names, std::string_view text)
{
    const auto value = names.parse(text);
    if (!value)
        throw storage::SqlError(0, "corrupt enum column: " + std::string(text));
    return *value;
}

}  // namespace alpes::services::marketing
