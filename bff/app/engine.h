#pragma once

#include "bff/events/embedded_bus.h"
#include "bff/services/affiliates/affiliates_service.h"
#include "bff/storage/database.h"
#include "shared/core/time.h"

#include <filesystem>
#include <memory>

namespace alpes::app {

struct EngineOptions {
    std::filesystem::path dataDir;
    storage::Durability durability = storage::Durability::Normal;
};

// The composition root of the domain: the bus, the four services, each on its own SQLite file
// under the data directory, wired only through messages. The public header the console's demo
// mode links against. Thread-safety: services are thread-safe; start()/stop() from one thread.
class Engine {
public:
    static Result<std::unique_ptr<Engine>> open(const EngineOptions& options, const Clock& clock);
    ~Engine();

    // Starts the relays: messages begin to flow.
    void start();
    // Drains every relay (bounded), then stops every writer; databases close on destruction.
    void stop();

    services::affiliates::AffiliatesService& affiliates() { return *m_affiliates; }
    const std::filesystem::path& dataDir() const { return m_options.dataDir; }

private:
    Engine(EngineOptions options, const Clock& clock);
    std::vector<services::ServiceDatabase*> databases();

    EngineOptions m_options;
    const Clock& m_clock;
    messages::Upcaster m_upcaster;
    events::EmbeddedBus m_bus;
    std::unique_ptr<services::affiliates::AffiliatesService> m_affiliates;
    bool m_stopped = false;
};

}  // namespace alpes::app
