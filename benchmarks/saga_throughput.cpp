// The conversion saga through the whole engine (four services, the saga, five SQLite files),
// from a purchase's acknowledgement to the saga's `reserved` state (attribution, commission and
// budget reserved: three command/reply round trips across services).
//
//   bench_saga_throughput [sagas=20000] [rate=500] [seconds=10]
//
// throughput: `sagas` purchases tracked by 8 threads as fast as the saga lets them, with at most
//             2,000 sagas in flight (a burst of all of them at once would only measure how long a
//             backlog takes to drain); sustained sagas/s is measured between the 10th and the 90th
//             percentile of reservations, so that neither the ramp-up nor the tail counts.
// latency:    purchases offered at a fixed `rate` for `seconds` (open loop: each is sent at its
//             scheduled time whatever happened to the others); the latency of each saga is from
//             the moment track() acknowledged its purchase to the commit that made it `reserved`.
// Every purchase follows a click of its own user a minute earlier (so it is attributed and no
// fraud rule fires). Prints a markdown table. Measures; never asserts. The throughput row also gives
// the process's CPU time per saga (all threads): on a machine shared with other work wall-clock
// figures follow the scheduler, CPU per saga does not, and 2,000 sagas/s on 2 cores needs ≤ 1 ms.

#include "bff/app/engine.h"
#include "bff/app/memory_allocator.h"
#include "shared/core/uuid.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

using namespace alpes;
using SteadyTime = std::chrono::steady_clock::time_point;

namespace {

constexpr int kCampaigns = 6;
constexpr int kPartners = 20;
constexpr int kProducers = 8;
constexpr size_t kInFlight = 2000;
constexpr double kTargetSagasPerSecond = 2000;
constexpr double kTargetP99Ms = 50;

// When each saga became `reserved`, told by the saga's step listener after the commit.
class Reservations {
public:
    void record(const saga::StepChange& change)
    {
        if (change.step != saga::StepName::ReserveBudget || change.state != saga::StepState::Done)
            return;
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard lock(m_mutex);
        m_at.emplace(change.sagaId.str(), now);
        m_times.push_back(now);
        m_count = m_times.size();
        m_changed.notify_all();
    }
    size_t count() const { return m_count.load(); }
    // Waits until `count` sagas are reserved, or `limit` passes; returns how many are.
    size_t waitFor(size_t count, std::chrono::seconds limit)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, limit, [&] { return m_times.size() >= count; });
        return m_times.size();
    }
    std::vector<SteadyTime> times() const
    {
        std::lock_guard lock(m_mutex);
        return m_times;
    }
    std::optional<SteadyTime> at(const SagaId& saga) const
    {
        std::lock_guard lock(m_mutex);
        const auto found = m_at.find(saga.str());
        return found == m_at.end() ? std::nullopt : std::optional<SteadyTime>(found->second);
    }
    void clear()
    {
        std::lock_guard lock(m_mutex);
        m_at.clear();
        m_times.clear();
        m_count = 0;
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::unordered_map<std::string, SteadyTime> m_at;
    std::vector<SteadyTime> m_times;
    std::atomic<size_t> m_count{0};
};

struct World {
    std::vector<CampaignId> campaigns;
    std::vector<AffiliateId> partners;
};

World makeWorld(app::Engine& engine, const Clock& clock)
{
    World world;
    for (int i = 0; i < kPartners; ++i) {
        auto partner = engine.affiliates()
                           .registerAffiliate({.name = "Partner " + std::to_string(i),
                                               .email = "partner" + std::to_string(i) + "@example.com"})
                           .value();
        (void)engine.affiliates().approve(partner.id).value();
        world.partners.push_back(partner.id);
    }
    for (int i = 0; i < kCampaigns; ++i) {
        dto::CampaignDraft draft;
        draft.name = "Campaign " + std::to_string(i);
        draft.brand = dto::Brand{std::nullopt, "Acme"};
        draft.startsAt = clock.now() - std::chrono::days(1);
        draft.endsAt = clock.now() + std::chrono::days(60);
        draft.budget = Money::of(1'000'000'000'000, "USD").value();  // never the limit here
        draft.commission.type = domain::CommissionType::Fixed;
        draft.commission.fixedAmount = Money::of(500, "USD").value();
        auto campaign = engine.marketing().create(draft).value();
        (void)engine.marketing().activate(campaign.id).value();
        world.campaigns.push_back(campaign.id);
    }
    // Tracking refuses interactions for campaigns and partners it has not heard of yet.
    const auto today = std::chrono::floor<std::chrono::days>(clock.now());
    for (bool known = false; !known; std::this_thread::sleep_for(std::chrono::milliseconds(10))) {
        known = true;
        for (const auto& campaign : world.campaigns)
            known = known && engine.tracking().dailyStats(campaign, today, today).ok();
        for (const auto& partner : world.partners)
            known = known && engine.tracking().affiliateStats(partner).ok();
    }
    return world;
}

dto::InteractionInput interaction(domain::InteractionType type, const World& world, size_t index, UtcTime at)
{
    dto::InteractionInput input;
    input.type = type;
    input.campaignId = world.campaigns[index % world.campaigns.size()];
    input.affiliateId = world.partners[index % world.partners.size()];
    input.userId = "user-" + std::to_string(index);
    input.ip = "10." + std::to_string(index / 65536 % 256) + "." + std::to_string(index / 256 % 256) + "." +
               std::to_string(index % 256);
    input.occurredAt = at;
    return input;
}

dto::InteractionInput purchase(const World& world, size_t index, UtcTime at)
{
    auto input = interaction(domain::InteractionType::Purchase, world, index, at);
    input.orderId = "order-" + std::to_string(index);
    input.amount = Money::of(10'000, "USD").value();
    return input;
}

// The journeys' clicks, tracked before anything is timed.
void trackClicks(app::Engine& engine, const World& world, size_t from, size_t count, const Clock& clock)
{
    constexpr size_t kBatch = 1000;
    std::vector<dto::InteractionInput> batch;
    for (size_t i = from; i < from + count; ++i) {
        batch.push_back(interaction(domain::InteractionType::Click, world, i, clock.now() - std::chrono::minutes(1)));
        if (batch.size() == kBatch || i + 1 == from + count) {
            for (const auto& result : engine.tracking().trackBatch(batch))
                if (!result)
                    std::fprintf(stderr, "click refused: %s\n", result.error().message.c_str());
            batch.clear();
        }
    }
}

// Waits until nothing is in flight, so that one measurement does not run into the previous one.
void settle(app::Engine& engine)
{
    for (int quiet = 0; quiet < 3; std::this_thread::sleep_for(std::chrono::milliseconds(50))) {
        bool idle = true;
        for (services::ServiceDatabase* db :
             {&engine.affiliates().database(), &engine.marketing().database(), &engine.tracking().database(),
              &engine.commissions().database(), &engine.sagas().database()})
            idle = idle && db->relay().depth().value() == 0;
        quiet = idle ? quiet + 1 : 0;
    }
}

double millisBetween(SteadyTime from, SteadyTime to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

struct Throughput {
    size_t sagas = 0;
    size_t reserved = 0;
    double overallPerSecond = 0;
    double sustainedPerSecond = 0;
    double cpuMillisPerSaga = 0;
};

double processCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

Throughput measureThroughput(app::Engine& engine, const World& world, Reservations& reservations, size_t sagas,
                             size_t firstIndex, const Clock& clock)
{
    trackClicks(engine, world, firstIndex, sagas, clock);
    settle(engine);
    reservations.clear();
    std::atomic<size_t> next{0};
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = processCpuSeconds();
    std::vector<std::thread> producers;
    for (int t = 0; t < kProducers; ++t)
        producers.emplace_back([&] {
            for (size_t i = next++; i < sagas; i = next++) {
                while (i >= reservations.count() + kInFlight)
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                if (const auto tracked = engine.tracking().track(purchase(world, firstIndex + i, clock.now()));
                    !tracked)
                    std::fprintf(stderr, "purchase refused: %s\n", tracked.error().message.c_str());
            }
        });
    for (auto& producer : producers)
        producer.join();
    Throughput result{.sagas = sagas};
    result.reserved = reservations.waitFor(sagas, std::chrono::seconds(600));
    result.cpuMillisPerSaga = (processCpuSeconds() - cpuStart) * 1000 / static_cast<double>(result.reserved);
    auto times = reservations.times();
    std::sort(times.begin(), times.end());
    if (times.size() < 10)
        return result;
    result.overallPerSecond = static_cast<double>(times.size()) / (millisBetween(start, times.back()) / 1000);
    const size_t p10 = times.size() / 10;
    const size_t p90 = times.size() * 9 / 10;
    result.sustainedPerSecond = static_cast<double>(p90 - p10) / (millisBetween(times[p10], times[p90]) / 1000);
    return result;
}

struct Latency {
    size_t offered = 0;
    size_t reserved = 0;
    double achievedRate = 0;
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

Latency measureLatency(app::Engine& engine, const World& world, Reservations& reservations, double rate,
                       int seconds, size_t firstIndex, const Clock& clock)
{
    const auto count = static_cast<size_t>(rate * seconds);
    trackClicks(engine, world, firstIndex, count, clock);
    settle(engine);
    reservations.clear();
    std::vector<std::pair<SagaId, SteadyTime>> acknowledged(count);
    const auto interval = std::chrono::duration<double>(1.0 / rate);
    const auto start = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
    std::vector<std::thread> senders;
    for (int t = 0; t < kProducers; ++t)
        senders.emplace_back([&, t] {
            for (size_t i = static_cast<size_t>(t); i < count; i += kProducers) {
                std::this_thread::sleep_until(
                    start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(interval * i));
                const auto tracked = engine.tracking().track(purchase(world, firstIndex + i, clock.now()));
                acknowledged[i] = {tracked ? tracked->sagaId.value_or(SagaId()) : SagaId(),
                                   std::chrono::steady_clock::now()};
            }
        });
    for (auto& sender : senders)
        sender.join();
    const auto lastSent = std::chrono::steady_clock::now();
    Latency result{.offered = count};
    result.achievedRate = static_cast<double>(count) / (millisBetween(start, lastSent) / 1000);
    result.reserved = reservations.waitFor(count, std::chrono::seconds(120));
    std::vector<double> latencies;
    for (const auto& [saga, ackedAt] : acknowledged)
        if (const auto reservedAt = reservations.at(saga))
            latencies.push_back(millisBetween(ackedAt, *reservedAt));
    std::sort(latencies.begin(), latencies.end());
    if (latencies.empty())
        return result;
    const auto percentile = [&](double p) {
        return latencies[std::min(latencies.size() - 1, static_cast<size_t>(p * static_cast<double>(latencies.size())))];
    };
    result.p50 = percentile(0.50);
    result.p99 = percentile(0.99);
    result.max = latencies.back();
    return result;
}

std::string cpuModel()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

std::string today()
{
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    return text;
}

}  // namespace

int main(int argc, char** argv)
{
    const size_t sagas = argc > 1 ? std::stoul(argv[1]) : 20000;
    const double rate = argc > 2 ? std::stod(argv[2]) : 500;
    const int seconds = argc > 3 ? std::stoi(argv[3]) : 10;

    const auto dir = std::filesystem::temp_directory_path() / ("alpes-bench-saga-" + newUuidV7());
    SystemClock clock;
    Reservations reservations;
    {
        auto engine = app::Engine::open({.dataDir = dir}, clock).value();
        engine->sagas().addStepListener([&reservations](const saga::StepChange& change) { reservations.record(change); });
        engine->start();
        const World world = makeWorld(*engine, clock);
        // Warm-up: caches, statement caches, the services' copies of campaigns and partners.
        measureThroughput(*engine, world, reservations, 500, 0, clock);
        const Throughput throughput = measureThroughput(*engine, world, reservations, sagas, 1'000, clock);
        const Latency latency = measureLatency(*engine, world, reservations, rate, seconds, 1'000 + sagas, clock);
        engine->stop();

        std::printf("### Conversion saga: purchase acknowledged → reserved (%s)\n\n", today().c_str());
        std::printf("Machine: %u cores, %s. Engine on one data directory (WAL, synchronous=NORMAL), memory "
                    "allocator: %s.\n\n",
                    std::thread::hardware_concurrency(), cpuModel().c_str(), app::memoryAllocator().c_str());
        std::printf("| metric | target | measured | ratio (≥ 1 meets it) |\n|---|---|---|---|\n");
        std::printf("| sustained sagas/s (%zu sagas, ≤ %zu in flight, %zu reserved) | ≥ %.0f | %.0f | %.2f |\n",
                    throughput.sagas, kInFlight, throughput.reserved, kTargetSagasPerSecond,
                    throughput.sustainedPerSecond, throughput.sustainedPerSecond / kTargetSagasPerSecond);
        std::printf("| overall sagas/s, first purchase to last reservation | — | %.0f | — |\n",
                    throughput.overallPerSecond);
        const double cpuBudgetMs = std::thread::hardware_concurrency() * 1000 / kTargetSagasPerSecond;
        std::printf("| CPU per saga to `reserved`, all threads (%.0f/s on %u cores needs ≤ %.2f ms) | — | %.2f ms | %.2f |\n",
                    kTargetSagasPerSecond, std::thread::hardware_concurrency(), cpuBudgetMs,
                    throughput.cpuMillisPerSaga, cpuBudgetMs / throughput.cpuMillisPerSaga);
        std::printf("| p50 latency at %.0f purchases/s (achieved %.0f/s, %zu of %zu reserved) | — | %.1f ms | — |\n",
                    rate, latency.achievedRate, latency.reserved, latency.offered, latency.p50);
        std::printf("| p99 latency at %.0f purchases/s | ≤ %.0f ms | %.1f ms | %.2f |\n", rate, kTargetP99Ms,
                    latency.p99, latency.p99 > 0 ? kTargetP99Ms / latency.p99 : 0.0);
        std::printf("| max latency at %.0f purchases/s | — | %.1f ms | — |\n", rate, latency.max);
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return 0;
}
