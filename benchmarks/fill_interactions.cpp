// Fills a data directory with N interactions through the engine, for the read benchmarks of
// scripts/bench.sh (overview and daily stats with 10 million interactions stored).
//
//   bench_fill_interactions DATA_DIR [interactions=10000000]
//
// Seeds the demo world (partners, campaigns, enrolments) into an empty directory, then sends
// interactions through TrackingService::trackBatch() in batches of 10,000 from two threads, as the
// batch endpoint would, spread over the last 13 days: 70 % views, 25 % clicks, 3 % likes, 2 % leads
// and one purchase in 2,000 (so sagas do not dominate). Half of them go to the first active
// campaign, the one the benchmark reads. It waits until every outbox is drained, so the server
// started on the directory next has no backlog to deliver while it is measured.
//
// Writes DATA_DIR/bench-world.json ({"campaign", "affiliate", "interactions", "seconds"}); when that
// file already says N or more, the directory is reused as it is. Prints how long the fill took.

#include "bff/app/engine.h"
#include "bff/demo/demo_seeder.h"
#include "shared/json/json_decoder.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

using namespace alpes;

namespace {

constexpr size_t kBatch = 10'000;
constexpr int kThreads = 2;
constexpr int kDays = 13;  // the demo's campaigns started 14 days ago

struct Target {
    CampaignId campaign;
    std::vector<AffiliateId> partners;
    std::string currency;
    std::int64_t medianOrder = 0;
};

std::vector<dto::InteractionInput> makeBatch(const std::vector<Target>& targets, size_t first, size_t count, UtcTime now)
{
    std::mt19937_64 random(first);
    std::vector<dto::InteractionInput> batch(count);
    for (size_t i = 0; i < count; ++i) {
        auto& input = batch[i];
        const size_t serial = first + i;
        // Half the traffic to the measured campaign, the rest shared by the others.
        const auto& target = random() % 2 == 0 || targets.size() == 1 ? targets.front()
                                                                      : targets[1 + random() % (targets.size() - 1)];
        const auto roll = random() % 2000;
        input.type = roll == 0       ? domain::InteractionType::Purchase
                     : roll < 1400   ? domain::InteractionType::View
                     : roll < 1900   ? domain::InteractionType::Click
                     : roll < 1960   ? domain::InteractionType::Like
                                     : domain::InteractionType::Lead;
        input.campaignId = target.campaign;
        input.affiliateId = target.partners[random() % target.partners.size()];
        input.userId = "fill-user-" + std::to_string(random() % 1'000'000);
        input.ip = "198.51.100." + std::to_string(random() % 250);
        input.userAgent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0";
        input.context.url = "https://shop.example/products/" + std::to_string(random() % 1000);
        input.occurredAt = now - std::chrono::milliseconds(random() % (kDays * 86'400'000LL));
        if (input.type == domain::InteractionType::Purchase) {
            input.orderId = "fill-" + std::to_string(serial);
            input.amount = Money::of(target.medianOrder, target.currency).value();
        }
    }
    return batch;
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
    const UtcTime now = clock.now();
    std::atomic<size_t> next{0};
    std::atomic<size_t> refused{0};
    std::atomic<size_t> stored{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&] {
            for (size_t first = next.fetch_add(kBatch); first < wanted; first = next.fetch_add(kBatch)) {
                const auto batch = makeBatch(targets, first, std::min(kBatch, wanted - first), now);
                for (const auto& result : engine.tracking().trackBatch(batch))
                    (result ? stored : refused)++;
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
    engine.stop();

    std::ofstream(worldFile) << json::Json{{"campaign", targets.front().campaign.str()},
                                           {"affiliate", targets.front().partners.front().str()},
                                           {"interactions", stored.load()},
                                           {"seconds", seconds}}
                                    .dump(2);
    std::printf("fill: %zu interactions stored (%zu refused) in %.0f s (%.0f/s; ingest alone %.0f s), outboxes drained\n",
                stored.load(), refused.load(), seconds, static_cast<double>(stored.load()) / seconds, ingestSeconds);
    return refused > 0 ? 1 : 0;
}
