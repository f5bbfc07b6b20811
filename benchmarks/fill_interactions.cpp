// Fills a data directory with N interactions through the engine, for the read benchmarks of
// benchmarks/http_bench.sh (overview and daily stats with 10 million interactions stored).
//
//   bench_fill_interactions DATA_DIR [interactions=10000000]
//
// Seeds the demo world (partners, campaigns, enrolments) into an empty directory, then sends
// interactions through TrackingService::trackBatch() in batches of 10,000 from two threads, as the
// batch endpoint would: each goes through the tracking writer's group commits, with the log, the
// read model, the daily/minute/partner projections and the outbox written on the way, and
// purchases start conversion sagas.
//
// The traffic is made of visits: a user arrives through a partner, views 4–16 products half a
// minute apart, clicks in 9 visits of 10, likes or leaves a lead now and then, and buys a few
// minutes after the click in 1 clicked visit of 40. That is ~89 % views, ~8 % clicks, ~1 % likes,
// ~1 % leads and ~0.2 % purchases (20,000 sagas in 10 million), every purchase preceded by a click of
// its user, so the sagas attribute, pay or hit a budget as they would in production. Half of the
// visits go to the first active campaign, the one the benchmark reads. Visits are dated in order
// over the 13 days before now (the demo's campaigns started 14 days ago): batch k covers the k-th
// slice of that period, as if the traffic had arrived as it happened. Spreading every batch over
// all 13 days instead updates a random minute bucket and a random page of each index per row; that
// dirtied ~5,000 pages per group commit and cost ~17 KB of log and checkpoint writes per row.
//
// It waits until every outbox is drained, so the server started on the directory next has no
// backlog to deliver while it is measured.
//
// Writes DATA_DIR/bench-world.json ({"campaign", "affiliate", "interactions", "seconds"}); when that
// file already says N or more, the directory is reused as it is. Prints how long the fill took and
// the process's CPU time (all threads), which a busy machine moves less than the wall clock.

#include "bff/app/engine.h"
#include "bff/app/memory_allocator.h"
#include "bff/demo/demo_seeder.h"
#include "shared/json/json_decoder.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace alpes;

namespace {

constexpr size_t kBatch = 10'000;
constexpr int kThreads = 2;
constexpr auto kPeriod = std::chrono::days(13);  // the demo's campaigns started 14 days ago
constexpr std::uint64_t kUsers = 2'000'000;
// The tracking relay deletes what it delivered through the same writer the batches queue on, so
// it falls behind a fill that keeps the writer's queue full. Left alone, 10 million interactions
// leave millions of outbox rows to deliver at the end and several GB of free pages in
// tracking.db; the fill waits while more than this many are undelivered.
constexpr std::int64_t kMaxBacklog = 50'000;

struct Target {
    CampaignId campaign;
    std::vector<AffiliateId> partners;
    std::string currency;
    std::int64_t medianOrder = 0;
};

// Interactions `first` to `first + count` of `total`: visits starting in their slice of `period`.
// The last visit is cut at the batch's end; the next batch starts visits of its own.
std::vector<dto::InteractionInput> makeBatch(const std::vector<Target>& targets, size_t first, size_t count,
                                             size_t total, UtcTime periodStart, Millis period)
{
    std::mt19937_64 random(first);
    const auto chance = [&random](unsigned percent) { return random() % 1000 < percent * 10; };
    const Millis sliceStart = period * static_cast<std::int64_t>(first) / static_cast<std::int64_t>(total);
    const auto slice = std::max<std::int64_t>(1, (period * static_cast<std::int64_t>(count) /
                                                  static_cast<std::int64_t>(total)).count());
    std::vector<dto::InteractionInput> batch;
    batch.reserve(count + 32);
    while (batch.size() < count) {
        // Half the visits to the measured campaign, the rest shared by the others.
        const auto& target = random() % 2 == 0 || targets.size() == 1 ? targets.front()
                                                                      : targets[1 + random() % (targets.size() - 1)];
        const AffiliateId& partner = target.partners[random() % target.partners.size()];
        const std::uint64_t user = random() % kUsers;
        UtcTime at = periodStart + sliceStart + Millis(static_cast<std::int64_t>(random()) % slice);
        const auto add = [&](domain::InteractionType type, std::chrono::seconds after) {
            at += after;
            auto& input = batch.emplace_back();
            input.type = type;
            input.campaignId = target.campaign;
            input.affiliateId = partner;
            input.userId = "fill-user-" + std::to_string(user);
            input.ip = "10." + std::to_string(user >> 16 & 255) + "." + std::to_string(user >> 8 & 255) + "." +
                       std::to_string(user & 255);
            input.userAgent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0";
            input.context.url = "https://shop.example/products/" + std::to_string(random() % 1000);
            input.occurredAt = at;
            return &input;
        };
        const auto seconds = [&random](unsigned from, unsigned to) {
            return std::chrono::seconds(from + random() % (to - from + 1));
        };
        for (auto views = 4 + random() % 13; views > 0; --views)
            add(domain::InteractionType::View, seconds(5, 60));
        if (chance(15))
            add(domain::InteractionType::Like, seconds(5, 30));
        if (chance(10))
            add(domain::InteractionType::Lead, seconds(5, 30));
        if (!chance(90))
            continue;
        add(domain::InteractionType::Click, seconds(5, 30));
        if (random() % 40 == 0) {
            auto* purchase = add(domain::InteractionType::Purchase, seconds(120, 900));
            purchase->orderId = "fill-" + std::to_string(first) + "-" + std::to_string(batch.size());
            purchase->amount =
                Money::of(target.medianOrder / 2 + static_cast<std::int64_t>(random() % target.medianOrder),
                          target.currency)
                    .value();
        }
    }
    batch.resize(count);
    return batch;
}

double processCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// The CPU time of this process's busiest thread so far: the tracking writer, through which every
// interaction passes one at a time. N over it is the fill's rate on a machine that gives that
// thread a core of its own, whatever the load was while it was measured.
double busiestThreadCpuSeconds()
{
    double busiest = 0;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream stat(task.path() / "stat");
        std::string line;
        std::getline(stat, line);
        // Fields after the ")" closing the thread's name: state is field 3, utime 14, stime 15.
        std::istringstream fields(line.substr(line.rfind(')') + 2));
        std::string field;
        double ticks = 0;
        for (int index = 3; index <= 15 && fields >> field; ++index)
            if (index >= 14)
                ticks += std::stod(field);
        busiest = std::max(busiest, ticks / static_cast<double>(sysconf(_SC_CLK_TCK)));
    }
    return busiest;
}

size_t outboxDepth(app::Engine& engine)
{
    size_t depth = 0;
    for (auto* db : engine.databases())
        if (auto pending = db->relay().depth())
            depth += static_cast<size_t>(pending.value());
    return depth;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_fill_interactions DATA_DIR [interactions=10000000]\n");
        return 2;
    }
    const std::filesystem::path dataDir = argv[1];
    const size_t wanted = argc > 2 ? std::stoul(argv[2]) : 10'000'000;
    std::printf("fill: memory allocator: %s\n", app::memoryAllocator().c_str());
    const auto worldFile = dataDir / "bench-world.json";
    if (std::ifstream existing(worldFile); existing) {
        const auto world = json::Json::parse(existing, nullptr, false);
        if (world.is_object() && world.value("interactions", size_t{0}) >= wanted) {
            std::printf("fill: reusing %s (%zu interactions, filled in %.0f s)\n", dataDir.c_str(),
                        world.value("interactions", size_t{0}), world.value("seconds", 0.0));
            return 0;
        }
        std::fprintf(stderr, "fill: %s holds fewer interactions than asked; remove it first\n", dataDir.c_str());
        return 1;
    }

    std::filesystem::create_directories(dataDir);
    const SystemClock clock;
    auto opened = app::Engine::open(app::EngineOptions{.dataDir = dataDir}, clock);
    if (!opened) {
        std::fprintf(stderr, "fill: %s\n", opened.error().message.c_str());
        return 1;
    }
    auto& engine = *opened.value();
    engine.start();
    auto seeded = demo::seedDemoWorld(engine, demo::SeedOptions{}, clock.now());
    if (!seeded) {
        std::fprintf(stderr, "fill: seeding failed: %s\n", seeded.error().message.c_str());
        return 1;
    }
    std::vector<Target> targets;
    for (const auto& campaign : seeded->campaigns) {
        if (campaign.state != domain::CampaignState::Active || campaign.partners.empty())
            continue;
        Target target{campaign.id, {}, campaign.currency, campaign.medianOrder};
        for (size_t index : campaign.partners)
            if (seeded->partners[index].state == domain::AffiliateState::Active)
                target.partners.push_back(seeded->partners[index].id);
        if (!target.partners.empty())
            targets.push_back(std::move(target));
    }
    if (targets.empty()) {
        std::fprintf(stderr, "fill: the demo world has no active campaign with partners\n");
        return 1;
    }

    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = processCpuSeconds();
    // Visits last up to ~32 minutes: the last ones end well before now (validation allows 5 minutes ahead).
    const Millis period = kPeriod - std::chrono::hours(1);
    const UtcTime periodStart = clock.now() - kPeriod;
    std::atomic<size_t> next{0};
    std::atomic<size_t> refused{0};
    std::atomic<size_t> stored{0};
    std::atomic<size_t> purchases{0};
    const auto trackingBacklog = [&engine] {
        const auto depth = engine.tracking().database().relay().depth();
        return depth ? depth.value() : 0;
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&] {
            for (size_t first = next.fetch_add(kBatch); first < wanted; first = next.fetch_add(kBatch)) {
                for (auto backlog = trackingBacklog(); backlog > kMaxBacklog; backlog = trackingBacklog())
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                const auto batch = makeBatch(targets, first, std::min(kBatch, wanted - first), wanted, periodStart, period);
                const auto results = engine.tracking().trackBatch(batch);
                for (size_t i = 0; i < results.size(); ++i) {
                    if (results[i]) {
                        ++stored;
                        purchases += batch[i].type == domain::InteractionType::Purchase ? 1 : 0;
                    } else if (refused++ == 0) {
                        std::fprintf(stderr, "fill: refused: %s\n", results[i].error().message.c_str());
                    }
                }
                if ((first / kBatch) % 50 == 0)
                    std::fprintf(stderr, "fill: %zu / %zu\n", stored.load(), wanted);
            }
        });
    for (auto& thread : threads)
        thread.join();
    const double ingestSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // What the relays still have to deliver (projections of other services, sagas) is part of the fill.
    while (outboxDepth(engine) > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpuSeconds = processCpuSeconds() - cpuStart;
    const double busiestSeconds = busiestThreadCpuSeconds();
    engine.stop();

    std::ofstream(worldFile) << json::Json{{"campaign", targets.front().campaign.str()},
                                           {"affiliate", targets.front().partners.front().str()},
                                           {"interactions", stored.load()},
                                           {"seconds", seconds}}
                                    .dump(2);
    const auto perSecond = [&stored](double spent) { return static_cast<double>(stored.load()) / spent; };
    std::printf("fill: %zu interactions stored (%zu purchases, each a saga; %zu refused) in %.0f s (%.0f/s; ingest alone"
                " %.0f s), outboxes drained; CPU %.0f s in all threads (%.0f µs per interaction), %.0f s in the busiest"
                " (%.0f/s if it had a core of its own)\n",
                stored.load(), purchases.load(), refused.load(), seconds, perSecond(seconds), ingestSeconds, cpuSeconds,
                cpuSeconds * 1e6 / static_cast<double>(std::max<size_t>(1, stored.load())), busiestSeconds,
                perSecond(busiestSeconds));
    return refused > 0 ? 1 : 0;
}
