#pragma once

#include "bff/api/api_context.h"
#include "bff/http/route.h"

#include <functional>
#include <string>
#include <vector>

namespace alpes::api {

// /health, /ready, /metrics and /api/v1/openapi.json: open, for probes and tools.
// `routeTable` answers the router's whole table when the OpenAPI document is asked for;
// `metricsText` renders the Prometheus exposition.
std::vector<http::Route> opsRoutes(ApiContext& context, std::function<const std::vector<http::Route>&()> routeTable,
                                   std::function<std::string()> metricsText);

}  // namespace alpes::api
