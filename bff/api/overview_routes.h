#pragma once

#include "bff/api/api_context.h"
#include "bff/http/route.h"

#include <vector>

namespace alpes::api {

// The aggregated views (§3.1): GET /campaigns/{id}/overview, GET /affiliates/{id}/overview,
// GET /dashboard, plus GET /stats/daily. Each asks its services in parallel with deadlines and
// answers what arrived, with `sources`.
std::vector<http::Route> overviewRoutes(ApiContext& context);

// The dashboard's KPIs (also the live stream's `kpis` events).
json::Json dashboardJson(ApiContext& context);

}  // namespace alpes::api
