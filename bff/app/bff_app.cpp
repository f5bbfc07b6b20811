#include "bff/app/bff_app.h"

#include "bff/api/affiliate_routes.h"
#include "bff/api/auth_routes.h"
#include "bff/api/campaign_routes.h"
#include "bff/api/commission_routes.h"
#include "bff/api/interaction_routes.h"
#include "bff/api/ops_routes.h"
#include "bff/api/overview_routes.h"
#include "bff/api/saga_routes.h"
#include "bff/api/stream_routes.h"
#include "bff/http/sse_endpoint.h"

#include <spdlog/spdlog.h>

namespace alpes::app {

Result<std::unique_ptr<BffApp>> BffApp::start(const BffConfig& config, const Clock& clock)
{
    spdlog::set_level(spdlog::level::from_str(config.logLevel));
    std::unique_ptr<BffApp> app(new BffApp());
    BffConfig effective = config;
    if (config.demo && config.dataDir.empty()) {
        auto fresh = demo::freshDemoDataDir();
        if (!fresh)
            return std::move(fresh).error();
        effective.dataDir = fresh.value();
    }
    if (Status opened = app->openStores(effective, clock); !opened)
        return std::move(opened).error();
    app->startLiveFeed(effective, clock);
    app->m_engine->start();
    if (effective.demo) {
        if (Status demo = app->startDemo(*effective.demo, clock); !demo)
            return std::move(demo).error();
    }
    if (Status serving = app->startHttp(effective, clock); !serving)
        return std::move(serving).error();
    app->m_liveFeed->setKpiProvider([api = app->m_api.get()] { return api::dashboardJson(*api); });
    app->m_liveFeed->start();
    spdlog::info("alpes-bff {} listening on {}://{}:{} with data in {}", ALPES_VERSION,
                 app->m_http->tls() ? "https" : "http", effective.host, app->m_port, effective.dataDir.string());
    return app;
}

Status BffApp::openStores(const BffConfig& config, const Clock& clock)
{
    auto engine = Engine::open(EngineOptions{.dataDir = config.dataDir, .durability = config.durability, .saga = config.saga},
                               clock);
    if (!engine)
        return std::move(engine).error();
    m_engine = std::move(engine).value();
    auto gatewayDb = gateway::GatewayDatabase::open(config.dataDir, config.durability);
    if (!gatewayDb)
        return std::move(gatewayDb).error();
    m_gatewayDb = std::move(gatewayDb).value();
    m_auth = std::make_unique<gateway::AuthService>(*m_gatewayDb, clock,
                                                    gateway::AuthService::Options{.kdfCost = config.passwordHashing});
    m_idempotency = std::make_unique<gateway::IdempotencyStore>(*m_gatewayDb, clock);
    auto released = m_idempotency->releaseUnanswered();
    if (!released)
        return std::move(released).error();
    if (*released > 0)
        spdlog::info("idempotency: released {} key(s) claimed by requests that died with the last run", *released);
    m_housekeeping = std::make_unique<PeriodicTask>(
        "bff-housekeeping", config.housekeepingInterval,
        [this, retention = config.idempotencyRetention, &clock] { runHousekeeping(retention, clock); });
    m_housekeeping->start();
    if (config.bootstrapAdminPassword) {
        auto users = m_auth->listUsers(PageRequest{1, std::nullopt});
        if (users && users->items.empty()) {
            if (Status created = m_auth->ensureUser({"admin", *config.bootstrapAdminPassword, dto::Role::Admin, {}});
                !created)
                return created;
            spdlog::info("created the first user, admin, from ALPES_ADMIN_PASSWORD");
        }
    }
    return {};
}

void BffApp::runHousekeeping(std::chrono::hours idempotencyRetention, const Clock& clock)
{
    if (auto purged = m_idempotency->purgeOlderThan(clock.now() - idempotencyRetention); !purged)
        spdlog::warn("housekeeping: forgetting old idempotency keys failed: {} {}", purged.error().message,
                     purged.error().detail);
    else if (purged.value() > 0)
        spdlog::info("housekeeping: forgot {} idempotency key(s) older than {} h", purged.value(),
                     idempotencyRetention.count());
    if (auto purged = m_auth->purgeExpiredSessions(); !purged)
        spdlog::warn("housekeeping: dropping expired sessions failed: {} {}", purged.error().message,
                     purged.error().detail);
    else if (purged.value() > 0)
        spdlog::info("housekeeping: dropped {} expired session(s)", purged.value());
}

Status BffApp::startDemo(const demo::DemoOptions& options, const Clock& clock)
{
    auto runner = demo::DemoRunner::start(*m_engine, options, clock);
    if (!runner)
        return std::move(runner).error();
    m_demo = std::move(runner).value();
    // The demo users of product.md §3, all with the password "demo"; `partner` sees one partner.
    for (auto role : {dto::Role::Admin, dto::Role::Manager, dto::Role::Analyst})
        if (Status created = m_auth->ensureUser({std::string(dto::kRoles.name(role)), kDemoPassword, role, std::nullopt},
                                                kDemoPasswordCost);
            !created)
            return created;
    return m_auth->ensureUser({"partner", kDemoPassword, dto::Role::Partner, m_demo->world().partnerUserAffiliate},
                              kDemoPasswordCost);
}

void BffApp::startLiveFeed(const BffConfig& config, const Clock& clock)
{
    live::SseHub::Options hubOptions;
    // Each stream holds an HTTP worker for its life: keep half the pool for the REST routes.
    hubOptions.maxClients = static_cast<size_t>(std::max(1, config.httpThreads / 2));
    // Ids keep rising across restarts, so a client resuming with an id of the last run misses nothing.
    hubOptions.firstId = static_cast<std::uint64_t>(toEpochMillis(clock.now())) * 1000;
    m_hub = std::make_unique<live::SseHub>(hubOptions);
    // Registers its listeners on the engine: before messages flow.
    m_liveFeed = std::make_unique<live::LiveFeed>(*m_hub, m_engine->tracking(), m_engine->sagas(), clock);
}

Status BffApp::startHttp(const BffConfig& config, const Clock& clock)
{
    http::ServerOptions serverOptions;
    serverOptions.threads = config.httpThreads;
    serverOptions.tlsCertificate = config.tlsCertificate;
    serverOptions.tlsPrivateKey = config.tlsPrivateKey;
    auto server = http::HttpServer::create(serverOptions);
    if (!server)
        return std::move(server).error();
    m_http = std::move(server).value();

    m_aggregator = std::make_unique<api::Aggregator>(api::Aggregator::Options{}, clock);
    m_api = std::make_unique<api::ApiContext>(api::ApiContext{*m_engine, *m_auth, m_metrics, *m_aggregator, clock});
    http::Pipeline pipeline{*m_auth, *m_idempotency, config.corsOrigins, nullptr,
                            [this](std::string_view method, std::string_view route, int status,
                                   std::chrono::nanoseconds latency) {
                                m_metrics.observeRequest(method, route, status, latency);
                            }};
    if (config.rateLimit > 0) {
        // A burst of two seconds' worth lets a console load a page's requests at once.
        m_rateLimiter = std::make_unique<http::RateLimiter>(
            http::RateLimiter::Options{config.rateLimit, std::max<std::int64_t>(1, static_cast<std::int64_t>(2 * config.rateLimit))},
            clock);
        pipeline.admit = [this](const std::string& key) { return m_rateLimiter->admit(key).retryAfter; };
    }
    m_router = std::make_unique<http::Router>(m_http->server(), std::move(pipeline));
    http::configureForEventStreams(m_http->server());
    if (Status registered = registerMetrics(); !registered)
        return registered;
    std::vector<http::Route> routes;
    auto addAll = [&routes](std::vector<http::Route> more) {
        for (auto& route : more)
            routes.push_back(std::move(route));
    };
    addAll(api::authRoutes(*m_api));
    addAll(api::affiliateRoutes(*m_api));
    addAll(api::campaignRoutes(*m_api));
    addAll(api::interactionRoutes(*m_api));
    addAll(api::commissionRoutes(*m_api));
    addAll(api::sagaRoutes(*m_api));
    addAll(api::overviewRoutes(*m_api));
    addAll(api::streamRoutes(*m_hub));
    addAll(api::opsRoutes(
        *m_api, [this]() -> const std::vector<http::Route>& { return m_router->routes(); },
        [this] { return m_metrics.render(); }));
    m_router->add(std::move(routes));

    auto port = m_http->start(config.host, config.port);
    if (!port)
        return std::move(port).error();
    m_port = port.value();
    return {};
}

Status BffApp::registerMetrics()
{
    if (Status added = m_metrics.addCounter("alpes_interactions_ingested_total",
                                            "Interactions accepted by the ingest routes, by type");
        !added)
        return added;
    if (Status added = m_metrics.addGauge("alpes_sagas", "Conversion sagas by state",
                                          [this] {
                                              std::vector<http::Metrics::Sample> samples;
                                              if (auto counts = m_engine->sagas().countByState())
                                                  for (const auto& [state, count] : counts.value())
                                                      samples.push_back({{{"state", std::string(dto::kSagaStates.name(state))}},
                                                                         static_cast<double>(count)});
                                              return samples;
                                          });
        !added)
        return added;
    if (Status added = m_metrics.addGauge("alpes_circuit_state",
                                          "Circuit breaker of each aggregated source: 1 for its current state",
                                          [this] {
                                              std::vector<http::Metrics::Sample> samples;
                                              if (m_aggregator)
                                                  for (const auto& breaker : m_aggregator->breakers())
                                                      samples.push_back({{{"source", breaker.source},
                                                                          {"state", std::string(api::circuitStateName(breaker.state))}},
                                                                         1});
                                              return samples;
                                          });
        !added)
        return added;
    if (Status added = m_metrics.addGauge("alpes_sse_clients", "Open live-stream connections", [this] {
            return std::vector<http::Metrics::Sample>{{{}, static_cast<double>(m_hub->stats().clients)}};
        });
        !added)
        return added;
    if (Status added = m_metrics.addGauge("alpes_sse_dropped_clients", "Live-stream clients dropped for reading too slowly",
                                          [this] {
                                              return std::vector<http::Metrics::Sample>{
                                                  {{}, static_cast<double>(m_hub->stats().dropped)}};
                                          });
        !added)
        return added;
    return m_metrics.addGauge("alpes_outbox_lag", "Messages committed and not yet delivered, by service", [this] {
        std::vector<http::Metrics::Sample> samples;
        for (auto* db : m_engine->databases())
            if (auto depth = db->relay().depth())
                samples.push_back({{{"service", db->name()}}, static_cast<double>(depth.value())});
        return samples;
    });
}

BffApp::~BffApp()
{
    stop();
}

void BffApp::stop()
{
    // Open streams end first, or stopping the server would wait for each of them.
    if (m_hub)
        m_hub->stop();
    if (m_http) {
        m_http->stop();
        m_http.reset();
    }
    if (m_liveFeed)
        m_liveFeed->stop();
    if (m_demo)
        m_demo->stop();
    // Late aggregated calls finish before the services they use stop.
    m_aggregator.reset();
    if (m_engine)
        m_engine->stop();
    if (m_housekeeping)
        m_housekeeping->stop();
    if (m_gatewayDb)
        m_gatewayDb->stop();
}

}  // namespace alpes::app
