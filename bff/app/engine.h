#pragma once

#include "bff/app/periodic_task.h"
#include "bff/events/embedded_bus.h"
#include "bff/saga/saga_orchestrator.h"
#include "bff/services/affiliates/affiliates_service.h"
#include "bff/services/commissions/commissions_service.h"
#include "bff/services/marketing/marketing_service.h"
#include "bff/services/tracking/tracking_service.h"
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
    // The fraud rules tracking judges conversions by (each can be switched off or retuned).
    services::tracking::FraudRules fraudRules;
    // Step timeouts, retries and the runner's interval of the conversion saga.
    saga::SagaOptions saga;
};

// The composition root of the domain: the bus, the four services and the conversion saga, each on
// its own SQLite file under the data directory, wired only through messages, plus the threads that
// run housekeeping and the saga's timers. The public header the console's demo mode links against.
// Thread-safety: services are thread-safe; start()/stop() from one thread.
class Engine {
public:
    static Result<std::unique_ptr<Engine>> open(const EngineOptions& options, const Clock& clock);
    ~Engine();

    // Starts the relays (messages begin to flow), housekeeping and the saga runner.
    void start();
    // Stops housekeeping, drains every relay (bounded), stops the saga runner between two units
    // of work, then stops every writer; databases close on destruction.
    void stop();

    // One line per check of /ready: each database answers a read, and the saga runner's
    // thread is alive and not stuck in a pass.
    struct ReadinessCheck {
        std::string name;
        Status status;
    };
    std::vector<ReadinessCheck> readiness();
    // True when every outbox is empty: the embedded bus deletes a message only once every subscriber
    // applied it, so each service's copies reflect everything committed before the call.
    Result<bool> everythingDelivered();

    services::affiliates::AffiliatesService& affiliates() { return *m_affiliates; }
    services::marketing::MarketingService& marketing() { return *m_marketing; }
    services::tracking::TrackingService& tracking() { return *m_tracking; }
    services::commissions::CommissionsService& commissions() { return *m_commissions; }
    saga::SagaOrchestrator& sagas() { return *m_sagas; }
    const std::filesystem::path& dataDir() const { return m_options.dataDir; }
    // Every service's database and the saga log's, for operations (readiness, outbox lag).
    std::vector<services::ServiceDatabase*> databases();

private:
    explicit Engine(EngineOptions options);
    void runMaintenance();
    void runSagaTimers();

    EngineOptions m_options;
    events::EmbeddedBus m_bus;
    std::unique_ptr<services::affiliates::AffiliatesService> m_affiliates;
    std::unique_ptr<services::marketing::MarketingService> m_marketing;
    std::unique_ptr<services::tracking::TrackingService> m_tracking;
    std::unique_ptr<services::commissions::CommissionsService> m_commissions;
    std::unique_ptr<saga::SagaOrchestrator> m_sagas;
    PeriodicTask m_maintenance;
    // The saga runner: re-sends overdue commands and confirms commissions after their hold period.
    PeriodicTask m_sagaRunner;
    bool m_stopped = false;
};

}  // namespace alpes::app
