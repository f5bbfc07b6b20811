#pragma once

#include "bff/api/api_context.h"
#include "bff/app/command_line.h"
#include "bff/app/engine.h"
#include "bff/gateway/auth_service.h"
#include "bff/gateway/gateway_database.h"
#include "bff/gateway/idempotency_store.h"
#include "bff/demo/demo_runner.h"
#include "bff/http/http_server.h"
#include "bff/http/metrics.h"
#include "bff/http/rate_limiter.h"
#include "bff/http/router.h"
#include "bff/live/live_feed.h"
#include "bff/live/sse_hub.h"

#include <memory>

namespace alpes::app {

// The whole server: the engine, the BFF's own store (users, sessions, API keys, idempotency keys)
// and the HTTP front with every route. Built by main(), by a test or by the console's demo mode;
// owns everything it starts and stops it in the order of architecture.md.
class BffApp {
public:
    static constexpr const char* kDemoPassword = "demo";
    // The demo users' password is published, so a slow hash of it protects nothing; a light scrypt
    // (1 MiB, about 2 ms instead of 3 × 32 MiB) lets demo mode open, and sign in, within its 2 s.
    static constexpr gateway::KdfCost kDemoPasswordCost{.log2N = 10, .r = 8, .p = 1};

    static Result<std::unique_ptr<BffApp>> start(const BffConfig& config, const Clock& clock);
    ~BffApp();

    std::uint16_t port() const { return m_port; }
    Engine& engine() { return *m_engine; }
    gateway::AuthService& auth() { return *m_auth; }
    const std::vector<http::Route>& routes() const { return m_router->routes(); }
    // Fault injection into the aggregated views' sources (tests, the reliability suite).
    api::FaultInjector& faults() { return m_aggregator->faults(); }

    // Stop accepting, finish in-flight requests, drain relays, stop writers, close databases.
    void stop();

private:
    BffApp() = default;
    Status openStores(const BffConfig& config, const Clock& clock);
    Status startDemo(const demo::DemoOptions& options, const Clock& clock);
    void startLiveFeed(const BffConfig& config, const Clock& clock);
    Status startHttp(const BffConfig& config, const Clock& clock);
    Status registerMetrics();
    // Forgets idempotency keys past their retention and drops expired sessions (bff.db housekeeping).
    void runHousekeeping(std::chrono::hours idempotencyRetention, const Clock& clock);

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<gateway::GatewayDatabase> m_gatewayDb;
    std::unique_ptr<gateway::AuthService> m_auth;
    std::unique_ptr<gateway::IdempotencyStore> m_idempotency;
    std::unique_ptr<PeriodicTask> m_housekeeping;  // stopped before bff.db's writer
    http::Metrics m_metrics;
    // The live stream: the hub outlives the HTTP server (open responses hold subscriptions).
    std::unique_ptr<live::SseHub> m_hub;
    std::unique_ptr<live::LiveFeed> m_liveFeed;
    std::unique_ptr<http::RateLimiter> m_rateLimiter;
    std::unique_ptr<api::Aggregator> m_aggregator;
    std::unique_ptr<api::ApiContext> m_api;
    std::unique_ptr<demo::DemoRunner> m_demo;  // --demo: started after the engine, stopped before it
    std::unique_ptr<http::HttpServer> m_http;
    std::unique_ptr<http::Router> m_router;
    std::uint16_t m_port = 0;
};

}  // namespace alpes::app
