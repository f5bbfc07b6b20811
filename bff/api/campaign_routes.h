#pragma once

#include "bff/api/api_context.h"
#include "bff/http/route.h"

#include <vector>

namespace alpes::api {

// /campaigns: CRUD, lifecycle, enrolment, daily stats and series (the overview is aggregated).
std::vector<http::Route> campaignRoutes(ApiContext& context);

}  // namespace alpes::api
