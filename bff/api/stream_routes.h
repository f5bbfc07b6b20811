#pragma once

#include "bff/http/route.h"
#include "bff/live/sse_hub.h"

#include <vector>

namespace alpes::api {

// GET /api/v1/stream: the live stream (§3.2) as Server-Sent Events.
std::vector<http::Route> streamRoutes(live::SseHub& hub);

}  // namespace alpes::api
