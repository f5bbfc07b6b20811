#include "bff/api/aggregated_answer.h"

namespace alpes::api {

json::Json sourcesJson(const Outcomes& outcomes)
{
    json::Json sources = json::Json::object();
    for (const auto& [name, outcome] : outcomes)
        sources[name] = sourceStatusName(outcome.status);
    return sources;
}

json::Json valueOr(const Outcomes& outcomes, std::string_view source, json::Json fallback)
{
    const auto found = outcomes.find(source);
    if (found == outcomes.end() || found->second.status != SourceStatus::Ok)
        return fallback;
    return found->second.value;
}

std::optional<Error> notFoundFrom(const Outcomes& outcomes, std::string_view source)
{
    const auto found = outcomes.find(source);
    if (found != outcomes.end() && found->second.status == SourceStatus::Error &&
        found->second.error.code == ErrorCode::NotFound)
        return found->second.error;
    return std::nullopt;
}

}  // namespace alpes::api
