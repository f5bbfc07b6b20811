#include "bff/app/engine.h"

#include <spdlog/spdlog.h>

namespace alpes::app {

namespace {

// Opens one service on its own file under the data directory.
template <typename Service>
Status openService(std::unique_ptr<Service>& slot, const EngineOptions& options, events::MessageBus& bus,
                   const Clock& clock)
{
    auto service = Service::open({options.dataDir, std::string(Service::kName), options.durability}, bus, clock);
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
        opened = openService(engine->m_commissions, options, engine->m_bus, clock);
    if (!opened)
        return std::move(opened).error();
    engine->m_bus.subscribe(engine->m_marketing->consumer());
    engine->m_bus.subscribe(engine->m_commissions->consumer());
    return engine;
}

Engine::Engine(EngineOptions options)
    : m_options(std::move(options)),
      m_maintenance("maintenance", m_options.maintenanceInterval, [this] { runMaintenance(); })
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
    if (m_commissions)
        all.push_back(&m_commissions->database());
    return all;
}

void Engine::start()
{
    for (auto* db : databases())
        db->start();
    m_maintenance.start();
}

void Engine::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_maintenance.stop();
    for (auto* db : databases())
        db->stopPublishing(std::chrono::milliseconds{3000});
    for (auto* db : databases())
        db->stopWriting();
    spdlog::info("engine stopped");
}

}  // namespace alpes::app
