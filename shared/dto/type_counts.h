#pragma once

#include "shared/domain/vocabulary.h"
#include "shared/json/json_decoder.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace alpes::dto {

// Interactions per type, indexed by domain::InteractionType.
using TypeCounts = std::array<std::int64_t, domain::kInteractionTypes.entries.size()>;

// {"view": n, "click": n, "purchase": n}: every type named, a type without interactions as 0.
json::Json toJson(const TypeCounts& counts);
// The counts under `key` of `parent`, every type required; a missing or wrong one is reported to
// the reader's errors.
std::optional<TypeCounts> readTypeCounts(json::ObjectReader& parent, std::string_view key);

}  // namespace alpes::dto
