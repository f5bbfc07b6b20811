#pragma once

#include "bff/api/api_context.h"
#include "bff/http/route.h"

#include <vector>

namespace alpes::api {

// /affiliates: register, list, approve, suspend, reinstate (the overview is an aggregated route).
std::vector<http::Route> affiliateRoutes(ApiContext& context);

}  // namespace alpes::api
