#pragma once

#include "bff/api/aggregator.h"
#include "shared/json/json_decoder.h"

#include <map>
#include <string>

namespace alpes::api {

using Outcomes = std::map<std::string, SourceOutcome, std::less<>>;

// {"marketing": "ok", "tracking": "timeout", ...}: the `sources` of an aggregated answer (§3.1).
json::Json sourcesJson(const Outcomes& outcomes);
// The source's value when it answered in time, else null: a degraded answer keeps its shape.
json::Json valueOr(const Outcomes& outcomes, std::string_view source, json::Json fallback = nullptr);
// A source's own "not found" (the aggregated resource does not exist) as the answer's error.
std::optional<Error> notFoundFrom(const Outcomes& outcomes, std::string_view source);

}  // namespace alpes::api
