#pragma once

#include "bff/api/api_context.h"
#include "bff/http/route.h"

#include <vector>

namespace alpes::api {

// Ingest (single, batch, tracking pixel, tracking-link redirect), tracking links and the
// interaction log's queries.
std::vector<http::Route> interactionRoutes(ApiContext& context);

}  // namespace alpes::api
