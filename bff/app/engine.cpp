#include "bff/app/engine.h"

#include <spdlog/spdlog.h>

namespace alpes::app {

Result<std::unique_ptr<Engine>> Engine::open(const EngineOptions& options, const Clock& clock)
{
    std::unique_ptr<Engine> engine(new Engine(options, clock));
    auto serviceOptions = [&](std::string_view name) {
        return services::ServiceDatabase::Options{options.dataDir, std::string(name), options.durability};
    };
    auto affiliates = services::affiliates::AffiliatesService::open(
        serviceOptions(services::affiliates::AffiliatesService::kName), engine->m_bus, clock);
    if (!affiliates)
        return std::move(affiliates).error();
    engine->m_affiliates = std::move(affiliates).value();
    return engine;
}

Engine::Engine(EngineOptions options, const Clock& clock) : m_options(std::move(options)), m_clock(clock) {}

Engine::~Engine()
{
    stop();
}

std::vector<services::ServiceDatabase*> Engine::databases()
{
    std::vector<services::ServiceDatabase*> all;
    if (m_affiliates)
        all.push_back(&m_affiliates->database());
    return all;
}

void Engine::start()
{
    for (auto* db : databases())
        db->start();
}

void Engine::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    for (auto* db : databases())
        db->stopPublishing(std::chrono::milliseconds{3000});
    for (auto* db : databases())
        db->stopWriting();
    spdlog::info("engine stopped");
}

}  // namespace alpes::app
