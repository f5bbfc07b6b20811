#pragma once

#include "bff/api/aggregator.h"
#include "bff/app/engine.h"
#include "bff/gateway/auth_service.h"
#include "bff/http/metrics.h"
#include "shared/core/time.h"

namespace alpes::api {

// What the route handlers reach: the engine's services (the ports of architecture.md, in-process
// today) and the BFF's own auth. Built by BffApp; outlives the routes.
struct ApiContext {
    app::Engine& engine;
    gateway::AuthService& auth;
    http::Metrics& metrics;
    // Fans the aggregated routes out to the services with deadlines and circuit breakers.
    Aggregator& aggregator;
    const Clock& clock;
};

}  // namespace alpes::api
