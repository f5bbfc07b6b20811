#include "shared/dto/type_counts.h"

#include <string>

namespace alpes::dto {

json::Json toJson(const TypeCounts& counts)
{
    json::Json out = json::Json::object();
    for (const auto& [type, name] : domain::kInteractionTypes.entries)
        out[std::string(name)] = counts[static_cast<size_t>(type)];
    return out;
}

std::optional<TypeCounts> readTypeCounts(json::ObjectReader& parent, std::string_view key)
{
    auto reader = parent.object(key, true);
    if (!reader)
        return std::nullopt;
    TypeCounts counts{};
    bool complete = true;
    for (const auto& [type, name] : domain::kInteractionTypes.entries) {
        const auto count = reader->integer(name, true, 0);
        complete = complete && count.has_value();
        counts[static_cast<size_t>(type)] = count.value_or(0);
    }
    return complete ? std::optional(counts) : std::nullopt;
}

}  // namespace alpes::dto
