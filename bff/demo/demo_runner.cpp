#include "bff/demo/demo_runner.h"

#include <spdlog/spdlog.h>

#include <cstdlib>

namespace alpes::demo {
namespace {

constexpr std::string_view kClawbackReason = "Chargeback reported by the payment provider";
// How often the pump looks for due ticks (a tick is 200 ms of the timeline), and how many it sends
// at most before it lets stop() in, when it has fallen behind.
constexpr std::chrono::milliseconds kPumpInterval{20};
constexpr int kMaxTicksPerPass = 50;

}  // namespace

Result<std::unique_ptr<DemoRunner>> DemoRunner::start(app::Engine& engine, const DemoOptions& options,
                                                      const Clock& clock)
{
    if (!(options.speed > 0 && options.speed <= kMaxSpeed))
        return Error::validation("speed", "Must be above 0 and at most " + std::to_string(static_cast<int>(kMaxSpeed)));
    auto world = seedDemoWorld(engine, {.holdPeriod = options.holdPeriod}, clock.now());
    if (!world)
        return std::move(world).error();
    spdlog::info("demo: seeded {} campaigns and {} partners; traffic with seed {} at speed {}",
                 world->campaigns.size(), world->partners.size(), options.seed, options.speed);
    std::unique_ptr<DemoRunner> runner(new DemoRunner(engine, std::move(world).value(), options, clock));
    runner->m_startedAt = std::chrono::steady_clock::now();
    runner->m_startedAtUtc = clock.now();
    runner->m_pump.start();
    return runner;
}

DemoRunner::DemoRunner(app::Engine& engine, DemoWorld world, const DemoOptions& options, const Clock& clock)
    : m_engine(engine),
      m_clock(clock),
      m_world(std::move(world)),
      m_sink(engine.tracking()),
      m_simulator(m_world, {.seed = options.seed, .speed = options.speed}),
      m_pump("demo", kPumpInterval, [this] { pump(); })
{
}

DemoRunner::~DemoRunner()
{
    stop();
}

void DemoRunner::stop()
{
    m_pump.stop();
}

DemoCounters DemoRunner::counters() const
{
    return {m_sent.load(), m_accepted.load(), m_rejected.load(), m_clawbacks.load()};
}

void DemoRunner::pump()
{
    const auto elapsed = std::chrono::steady_clock::now() - m_startedAt;
    for (int pass = 0; pass < kMaxTicksPerPass; ++pass) {
        if (!m_nextTick)
            m_nextTick = m_simulator.next();
        if (m_nextTick->to > elapsed)
            return;
        send(*m_nextTick);
        m_nextTick.reset();
    }
}

void DemoRunner::send(const TrafficTick& tick)
{
    std::vector<dto::InteractionInput> batch;
    batch.reserve(tick.interactions.size());
    for (const auto& interaction : tick.interactions) {
        batch.push_back(interaction.input);
        batch.back().occurredAt = m_startedAtUtc + interaction.offset;
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
