#pragma once

#include "bff/api/api_context.h"
#include "bff/http/route.h"

#include <vector>

namespace alpes::api {

// /commissions: list, one, confirm, confirm-batch, stats.
std::vector<http::Route> commissionRoutes(ApiContext& context);

}  // namespace alpes::api
