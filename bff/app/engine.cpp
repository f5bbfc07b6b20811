#include "bff/app/engine.h"

#include <spdlog/spdlog.h>

namespace alpes::app {

namespace {

// Opens one service on its own file under the data directory; `settings` are its own options.
template <typename Service, typename... Settings>
Status openService(std::unique_ptr<Service>& slot, const EngineOptions& options, events::MessageBus& bus,
                   const Clock& clock, const Settings&... settings)
{
    auto service =
        Service::open({options.dataDir, std::string(Service::kName), options.durability}, bus, clock, settings...);
    if (!service)
        return std::move(service).error();
    slot = std::move(service).value();
    return {};
}

}  // namespace

Result<std::unique_ptr<Engine>> Engine::open(const EngineOptions& options, const Clock& clock)
{
    std::unique_ptr<Engine> engine(new Engine(options));
    Status opened = openService(engine->m_affiliates, options, engine->m_bus, clock);
    if (opened)
        opened = openService(engine->m_marketing, options, engine->m_bus, clock);
    if (opened)
        opened = openService(engine->m_tracking, options, engine->m_bus, clock, options.fraudRules);
    if (opened)
        opened = openService(engine->m_commissions, options, engine->m_bus, clock);
    if (opened)
        opened = openService(engine->m_sagas, options, engine->m_bus, clock, options.saga);
    if (!opened)
        return std::move(opened).error();
    engine->m_bus.subscribe(engine->m_marketing->consumer());
    engine->m_bus.subscribe(engine->m_tracking->consumer());
    engine->m_bus.subscribe(engine->m_commissions->consumer());
    engine->m_bus.subscribe(engine->m_sagas->consumer());
    return engine;
}

Engine::Engine(EngineOptions options)
    : m_options(std::move(options)),
      m_maintenance("maintenance", m_options.maintenanceInterval, [this] { runMaintenance(); }),
      m_sagaRunner("saga-runner", m_options.saga.runnerInterval, [this] { runSagaTimers(); })
{
}

void Engine::runMaintenance()
{
    if (auto finished = m_marketing->finishExpired(); !finished)
        spdlog::warn("maintenance: finishing expired campaigns failed: {} {}", finished.error().message,
                     finished.error().detail);
    else if (finished.value() > 0)
        spdlog::info("maintenance: finished {} campaign(s) past their end", finished.value());
}

void Engine::runSagaTimers()
{
    if (auto moved = m_sagas->runDueTimers(); !moved)
        spdlog::warn("saga runner: {} {}", moved.error().message, moved.error().detail);
}

Engine::~Engine()
{
    stop();
}

std::vector<services::ServiceDatabase*> Engine::databases()
{
    std::vector<services::ServiceDatabase*> all;
    if (m_affiliates)
        all.push_back(&m_affiliates->database());
    if (m_marketing)
        all.push_back(&m_marketing->database());
    if (m_tracking)
        all.push_back(&m_tracking->database());
    if (m_commissions)
        all.push_back(&m_commissions->database());
    if (m_sagas)
        all.push_back(&m_sagas->database());
    return all;
}

std::vector<Engine::ReadinessCheck> Engine::readiness()
{
    std::vector<ReadinessCheck> checks;
    for (auto* db : databases()) {
        Status readable = db->readers().read([](storage::Database& connection) -> Status {
            connection.prepare("SELECT count(*) FROM schema_migrations").step();
            return {};
        });
        checks.push_back({db->name(), std::move(readable)});
    }
    checks.push_back({"sagaRunner", m_sagaRunner.isAlive() ? Status{}
                                                            : Status(Error::unavailable("The saga runner is not running"))});
    return checks;
}

Result<bool> Engine::everythingDelivered()
{
    for (auto* db : databases()) {
        const auto depth = db->relay().depth();
        if (!depth)
            return depth.error();
        if (depth.value() > 0)
            return false;
    }
    return true;
}

void Engine::start()
{
    for (auto* db : databases())
        db->start();
    m_maintenance.start();
    m_sagaRunner.start();
}

void Engine::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_maintenance.stop();
    for (auto* db : databases())
        db->stopPublishing(std::chrono::milliseconds{3000});
    // Each runner pass is whole units of saga work, so stopping between passes is a step boundary.
    m_sagaRunner.stop();
    for (auto* db : databases())
        db->stopWriting();
    spdlog::info("engine stopped");
}

}  // namespace alpes::app
