#pragma once

#include "bff/api/api_context.h"
#include "bff/http/route.h"

#include <vector>

namespace alpes::api {

// /sagas (list, timeline, retry, abort) and /conversions/{id}/fraud.
std::vector<http::Route> sagaRoutes(ApiContext& context);

}  // namespace alpes::api
