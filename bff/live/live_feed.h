#pragma once

#include "bff/app/periodic_task.h"
#include "bff/live/sse_hub.h"
#include "bff/saga/saga_orchestrator.h"
#include "bff/services/tracking/tracking_service.h"
#include "shared/core/time.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

namespace alpes::live {

// What the live stream says (product.md §3.2), published on the hub:
// - `interactions`: every interactionInterval, {"at", "counts": [{"campaignId", "type", "count"}],
//   "recent": [up to sampleSize interactions]} for the interactions stored since the last one
//   (a reservoir sample, so every interaction of the interval is equally likely to be shown).
//   An interval in which nothing was stored publishes nothing: quiet seconds cost no event and no
//   history slot, and a client reads a missing second as zero.
// - `saga`: each saga step change as the orchestrator tells it, {"sagaId", "step", "state",
//   "kind", "sagaState", "at"}, published with its saga id so that a stream may follow one saga.
// - `kpis`: every kpiInterval, what the KPI provider answers (nothing until one is set, nothing
//   for a null answer), while a stream takes the topic: the provider queries several services,
//   so nobody listening costs no query. A stream that takes it gets a tick at once, not up to an
//   interval later.
// Counting happens on ingest's threads under a short lock; publishing on the feed's own threads
// (one per periodic event, so a slow KPI provider never delays the counts).
//
// Thread-safety: every method may be called from any thread. The services keep the listeners
// the feed registers after it is gone: they hold only the shared Collector, which stops
// publishing when the feed is destroyed, so the feed may die before the engine stops.
class LiveFeed {
public:
    struct Options {
        std::chrono::milliseconds interactionInterval{1000};
        std::chrono::milliseconds kpiInterval{5000};
        size_t sampleSize = 20;
    };

    using KpiProvider = std::function<nlohmann::json()>;

    // Registers its listeners on `tracking`, `sagas` and `hub` (one feed per hub): construct it
    // before messages flow.
    LiveFeed(SseHub& hub, services::tracking::TrackingService& tracking, saga::SagaOrchestrator& sagas,
             const Clock& clock, Options options);
    LiveFeed(SseHub& hub, services::tracking::TrackingService& tracking, saga::SagaOrchestrator& sagas,
             const Clock& clock)
        : LiveFeed(hub, tracking, sagas, clock, Options{})
    {
    }
    ~LiveFeed();
    LiveFeed(const LiveFeed&) = delete;
    LiveFeed& operator=(const LiveFeed&) = delete;

    void setKpiProvider(KpiProvider provider);

    // Starts the periodic publishing; stop() wakes and joins its threads.
    void start();
    void stop();

    // One tick of each periodic event, as the threads run them; public for a caller that wants a
    // tick now (a test, a final flush).
    void publishInteractions();
    void publishKpis();

private:
    class Collector;

    SseHub& m_hub;
    std::shared_ptr<Collector> m_collector;
    std::mutex m_providerMutex;
    KpiProvider m_kpiProvider;
    app::PeriodicTask m_interactionTicks;
    app::PeriodicTask m_kpiTicks;
};

}  // namespace alpes::live
