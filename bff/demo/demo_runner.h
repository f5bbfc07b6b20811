#pragma once

#include "bff/app/engine.h"
#include "bff/app/periodic_task.h"
#include "bff/demo/demo_options.h"
#include "bff/demo/demo_seeder.h"
#include "bff/demo/engine_sink.h"
#include "bff/demo/traffic_simulator.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>

namespace alpes::demo {

struct DemoCounters {
    std::uint64_t sent = 0;
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;
    std::uint64_t clawbacks = 0;  // conversions flagged by hand
};

// Demo mode (product.md §6): seeds the demo world into a started engine, then drives the simulator's
// traffic through the real ingest path from its own thread (a PeriodicTask): tick [a, b) of the
// timeline is sent once b of wall-clock time has passed since the start, each interaction dated
// start + its offset (speed changes how much traffic a tick holds, never the time between two steps
// of a journey). Late ticks are sent as soon as possible with their scheduled dates, so wall-clock
// jitter changes when traffic arrives, never what it is. A clawback order flags the newest
// completed conversion as fraud (it waits for one to exist).
// Thread-safety: counters() from any thread; stop() from the owner. Stop it before the engine.
class DemoRunner {
public:
    static Result<std::unique_ptr<DemoRunner>> start(app::Engine& engine, const DemoOptions& options,
                                                     const Clock& clock);
    ~DemoRunner();
    DemoRunner(const DemoRunner&) = delete;
    DemoRunner& operator=(const DemoRunner&) = delete;

    // Stops between two ticks and joins the thread.
    void stop();

    const DemoWorld& world() const { return m_world; }
    DemoCounters counters() const;

private:
    DemoRunner(app::Engine& engine, DemoWorld world, const DemoOptions& options, const Clock& clock);
    // Sends the ticks that are due, a bounded number per pass so that stop() never waits long.
    void pump();
    void send(const TrafficTick& tick);
    void clawBack();

    app::Engine& m_engine;
    const Clock& m_clock;
    DemoWorld m_world;
    EngineSink m_sink;
    // Touched on the pump thread only (set before it starts).
    TrafficSimulator m_simulator;
    std::optional<TrafficTick> m_nextTick;
    std::chrono::steady_clock::time_point m_startedAt;
    UtcTime m_startedAtUtc{};
    std::uint64_t m_clawbacksDue = 0;
    std::atomic<std::uint64_t> m_sent{0};
    std::atomic<std::uint64_t> m_accepted{0};
    std::atomic<std::uint64_t> m_rejected{0};
    std::atomic<std::uint64_t> m_clawbacks{0};
    app::PeriodicTask m_pump;
};

// A new, empty directory under the system's temporary directory for a demo's databases.
Result<std::filesystem::path> freshDemoDataDir();

}  // namespace alpes::demo
