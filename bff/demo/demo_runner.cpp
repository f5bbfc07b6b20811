#include "bff/demo/demo_runner.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdlib>

namespace alpes::demo {
namespace {

constexpr std::string_view kClawbackReason = "Chargeback reported by the payment provider";

template <typename Duration>
Duration scaled(Millis offset, double speed)
{
    return std::chrono::duration_cast<Duration>(
        std::chrono::duration<double, std::milli>(static_cast<double>(offset.count()) / speed));
}

}  // namespace

Result<std::unique_ptr<DemoRunner>> DemoRunner::start(app::Engine& engine, const DemoOptions& options,
                                                      const Clock& clock)
{
    if (!(options.speed > 0 && options.speed <= kMaxSpeed))
        return Error::validation("speed", "Must be above 0 and at most 10");
    auto world = seedDemoWorld(engine, {.holdPeriod = options.holdPeriod}, clock.now());
    if (!world)
        return std::move(world).error();
    spdlog::info("demo: seeded {} campaigns and {} partners; traffic with seed {} at speed {}",
                 world->campaigns.size(), world->partners.size(), options.seed, options.speed);
    std::unique_ptr<DemoRunner> runner(new DemoRunner(engine, std::move(world).value(), options, clock));
    runner->m_thread = std::thread([raw = runner.get()] { raw->run(); });
    return runner;
}

DemoRunner::DemoRunner(app::Engine& engine, DemoWorld world, const DemoOptions& options, const Clock& clock)
    : m_engine(engine),
      m_clock(clock),
      m_world(std::move(world)),
      m_speed(options.speed),
      m_simulator(m_world, {.seed = options.seed}),
      m_sink(engine.tracking())
{
}

DemoRunner::~DemoRunner()
{
    stop();
}

void DemoRunner::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

DemoCounters DemoRunner::counters() const
{
    return {m_sent.load(), m_accepted.load(), m_rejected.load(), m_clawbacks.load()};
}

void DemoRunner::run()
{
    const auto startedAt = std::chrono::steady_clock::now();
    const UtcTime startedAtUtc = m_clock.now();
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        const TrafficTick tick = m_simulator.next();
        const auto due = startedAt + scaled<std::chrono::steady_clock::duration>(tick.to, m_speed);
        if (m_wake.wait_until(lock, due, [this] { return m_stopping; }))
            break;
        lock.unlock();
        send(tick, startedAtUtc);
        lock.lock();
    }
}

void DemoRunner::send(const TrafficTick& tick, UtcTime startedAt)
{
    std::vector<dto::InteractionInput> batch;
    batch.reserve(tick.interactions.size());
    for (const auto& interaction : tick.interactions) {
        batch.push_back(interaction.input);
        batch.back().occurredAt = startedAt + scaled<Millis>(interaction.offset, m_speed);
    }
    if (!batch.empty()) {
        const SinkReport report = m_sink.send(batch);
        m_sent += batch.size();
        m_accepted += report.accepted;
        m_rejected += report.rejected;
    }
    m_clawbacksDue += tick.clawbacks.size();
    if (m_clawbacksDue > 0)
        clawBack();
}

void DemoRunner::clawBack()
{
    const auto completed = m_engine.sagas().list({.state = saga::SagaState::Completed}, {.limit = 1});
    if (!completed || completed->items.empty())
        return;  // none yet: the order waits for the next tick
    const auto flagged = m_engine.sagas().flagFraud(completed->items.front().conversionId, std::string(kClawbackReason));
    if (!flagged) {
        spdlog::warn("demo: clawback failed: {} {}", flagged.error().message, flagged.error().detail);
        return;
    }
    --m_clawbacksDue;
    ++m_clawbacks;
}

Result<std::filesystem::path> freshDemoDataDir()
{
    std::error_code error;
    const auto base = std::filesystem::temp_directory_path(error);
    if (error)
        return Error::unavailable("No temporary directory for the demo's data", error.message());
    std::string pattern = (base / "alpes-demo-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        return Error::unavailable("Cannot create a directory for the demo's data", pattern);
    return std::filesystem::path(pattern);
}

}  // namespace alpes::demo
