#pragma once

#include "bff/app/periodic_task.h"
#include "bff/events/embedded_bus.h"
#include "bff/services/affiliates/affiliates_service.h"
#include "bff/services/commissions/commissions_service.h"
#include "bff/services/marketing/marketing_service.h"
#include "bff/storage/database.h"
#include "shared/core/time.h"

#include <filesystem>
#include <memory>

namespace alpes::app {

struct EngineOptions {
    std::filesystem::path dataDir;
    storage::Durability durability = storage::Durability::Normal;
    // How often housekeeping runs (campaigns past their endsAt are finished).
    std::chrono::milliseconds maintenanceInterval{1000};
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
    services::marketing::MarketingService& marketing() { return *m_marketing; }
    services::commissions::CommissionsService& commissions() { return *m_commissions; }
    const std::filesystem::path& dataDir() const { return m_options.dataDir; }

private:
    explicit Engine(EngineOptions options);
    std::vector<services::ServiceDatabase*> databases();
    void runMaintenance();

    EngineOptions m_options;
    events::EmbeddedBus m_bus;
    std::unique_ptr<services::affiliates::AffiliatesService> m_affiliates;
    std::unique_ptr<services::marketing::MarketingService> m_marketing;
    std::unique_ptr<services::commissions::CommissionsService> m_commissions;
    PeriodicTask m_maintenance;
    bool m_stopped = false;
};

}  // namespace alpes::app
