// Ingest throughput of the tracking service against the ceiling of its own SQL.
//
//   bench_tracking_ingest [rows=200000] [callers...=8 64]
//
// ceiling: the same rows (log, read model, journey step, three projections, outbox) inserted with
//          the same statements on a fresh file with the same pragmas, in one transaction, all
//          values computed beforehand: what SQLite alone can do. The journey step goes straight
//          to journey_steps, where the service's steps end up once merged.
// store:   the service's recordInteraction() in one transaction: the ceiling plus building the
//          interaction's JSON and envelope.
// service: TrackingService::track() from N threads, each waiting for its commit before sending the
//          next, as HTTP handler threads do; group commit is what lets them share transactions.
//          The outbox relay is not started, so that only ingest is measured. A last row sends
//          batches of 100 through trackBatch() instead, to show the writer with full groups.
//          Each service row also gives the callers' latency (p50, p99, max of one call) and the
//          largest size the write-ahead log reached (sampled every 20 ms): a log that is never
//          restarted grows with every commit.
// Prints a markdown table. Measures; never asserts. Besides wall-clock time, each path reports the
// process's CPU time (all threads): on a machine shared with other work, wall-clock ratios follow
// the scheduler (64 waiting threads get more of a busy CPU than one), CPU per row does not.

#include "bff/app/memory_allocator.h"
#include "bff/events/embedded_bus.h"
#include "bff/messages/message_types.h"
#include "bff/services/tracking/interaction_store.h"
#include "bff/services/tracking/tracking_migrations.h"
#include "bff/services/tracking/tracking_service.h"
#include "shared/core/uuid.h"
#include "shared/dto/affiliate.h"
#include "shared/dto/campaign.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <vector>

using namespace alpes;
namespace tracking = alpes::services::tracking;
namespace types = alpes::messages::types;

namespace {

constexpr int kCampaigns = 6;
constexpr int kAffiliates = 20;

struct Measurement {
    std::string path;
    size_t rows = 0;
    int callers = 1;
    double seconds = 0;
    double cpuSeconds = 0;
    // Service rows only: latency of one call in ms, and the largest write-ahead log seen.
    std::optional<std::array<double, 3>> latencyMs;  // p50, p99, max
    std::uintmax_t maxWalBytes = 0;
    double rowsPerSecond() const { return static_cast<double>(rows) / seconds; }
    double rowsPerCpuSecond() const { return static_cast<double>(rows) / cpuSeconds; }
};

struct Timing {
    double seconds = 0;
    double cpuSeconds = 0;
};

std::filesystem::path freshDirectory(const std::string& name)
{
    auto dir = std::filesystem::temp_directory_path() / ("alpes-bench-" + name + "-" + newUuidV7());
    std::filesystem::create_directories(dir);
    return dir;
}

std::string cpuModel()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

std::vector<dto::InteractionInput> makeInputs(size_t rows)
{
    std::mt19937_64 random(42);
    std::vector<dto::InteractionInput> inputs(rows);
    for (size_t i = 0; i < rows; ++i) {
        auto& input = inputs[i];
        const auto roll = random() % 100;
        input.type = roll < 50   ? domain::InteractionType::View
                     : roll < 75 ? domain::InteractionType::Click
                     : roll < 85 ? domain::InteractionType::Like
                     : roll < 95 ? domain::InteractionType::Lead
                                 : domain::InteractionType::Purchase;
        input.campaignId = CampaignId("campaign-" + std::to_string(random() % kCampaigns));
        input.affiliateId = AffiliateId("affiliate-" + std::to_string(random() % kAffiliates));
        input.userId = "user-" + std::to_string(random() % 50'000);
        input.ip = "198.51.100." + std::to_string(random() % 250);
        input.userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        input.context.url = "https://shop.example/products/" + std::to_string(random() % 1000);
        input.utm = dto::Utm{.source = "instagram", .medium = "social", .campaign = "winter"};
        if (input.type == domain::InteractionType::Purchase) {
            input.orderId = "order-" + std::to_string(i);
            input.amount = Money::of(static_cast<std::int64_t>(500 + random() % 50'000), "USD").value();
        }
    }
    return inputs;
}

dto::Interaction interactionOf(const dto::InteractionInput& input, UtcTime now)
{
    dto::Interaction interaction;
    interaction.id = InteractionId(newUuidV7());
    interaction.type = input.type;
    interaction.campaignId = input.campaignId;
    interaction.affiliateId = input.affiliateId;
    interaction.userId = input.userId;
    interaction.ip = input.ip;
    interaction.userAgent = input.userAgent;
    interaction.occurredAt = interaction.receivedAt = now;
    interaction.context = input.context;
    interaction.utm = input.utm;
    interaction.orderId = input.orderId;
    interaction.amount = input.amount;
    if (input.amount)
        interaction.sagaId = SagaId(newUuidV7());
    return interaction;
}

storage::Database freshTrackingDatabase(const std::filesystem::path& dir)
{
    auto db = storage::Database::open((dir / "tracking.db").string());
    if (!db || !storage::migrate(db.value(), tracking::migrations())) {
        std::fprintf(stderr, "cannot create the benchmark database in %s\n", dir.c_str());
        std::exit(1);
    }
    return std::move(db).value();
}

double processCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

template <typename Work>
Timing secondsOf(Work&& work)
{
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = processCpuSeconds();
    work();
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            processCpuSeconds() - cpuStart};
}

// The rows exactly as the service writes them, every value computed before the clock starts.
struct PreparedRow {
    dto::Interaction interaction;
    std::string logPayload;
    messages::Envelope event;
    std::string eventBody;
};

Measurement measureCeiling(const std::vector<dto::InteractionInput>& inputs)
{
    const UtcTime now = SystemClock().now();
    std::vector<PreparedRow> rows;
    rows.reserve(inputs.size());
    for (const auto& input : inputs) {
        PreparedRow row{interactionOf(input, now), {}, {}, {}};
        row.logPayload = dto::toJson(row.interaction).dump();
        row.event = messages::makeEnvelope(std::string(types::kInteractionTracked), 1, "tracking",
                                           row.interaction.id.str(), dto::toJson(row.interaction), now);
        row.eventBody = messages::serialize(row.event);
        rows.push_back(std::move(row));
    }
    const auto dir = freshDirectory("ceiling");
    auto db = freshTrackingDatabase(dir);
    const Timing timing = secondsOf([&] {
        storage::Transaction transaction(db);
        for (const auto& row : rows) {
            const auto& i = row.interaction;
            const auto type = domain::kInteractionTypes.name(i.type);
            const auto occurredAt = toEpochMillis(i.occurredAt);
            std::optional<std::int64_t> amount;
            std::optional<std::string> currency;
            if (i.amount) {
                amount = i.amount->amount();
                currency = i.amount->currency();
            }
            const dto::Utm utm = i.utm.value_or(dto::Utm{});
            db.prepare("INSERT INTO interaction_log(type, payload, logged_at) VALUES (?, ?, ?)")
                .bindAll(types::kInteractionTracked, row.logPayload, occurredAt)
                .run();
            db.prepare("INSERT INTO interactions(" + std::string(tracking::kInteractionColumns) +
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bindAll(i.id.str(), type, i.campaignId.str(), i.affiliateId.str(), i.userId, i.anonymousId, i.ip,
                         i.userAgent, occurredAt, toEpochMillis(i.receivedAt), i.context.url, i.context.referrer,
                         i.context.device, utm.source, utm.medium, utm.campaign, utm.content, utm.term, i.clickId,
                         i.orderId, amount, currency, "recorded", std::nullopt,
                         i.sagaId ? std::optional(i.sagaId->str()) : std::nullopt)
                .run();
            db.prepare("INSERT INTO journey_steps(campaign_id, visitor, occurred_at, interaction_id)"
                       " VALUES (?, 'u' || ?, ?, ?)")
                .bindAll(i.campaignId.str(), i.userId, occurredAt, i.id.str())
                .run();
            db.prepare("INSERT INTO daily_stats(campaign_id, day, type, count) VALUES (?1, ?2 / 86400000, ?3, ?4)"
                       " ON CONFLICT(campaign_id, day, type) DO UPDATE SET count = count + excluded.count")
                .bindAll(i.campaignId.str(), occurredAt, type, std::int64_t{1})
                .run();
            db.prepare("INSERT INTO minute_stats(campaign_id, minute, type, count) VALUES (?1, ?2 / 60000, ?3, ?4)"
                       " ON CONFLICT(campaign_id, minute, type) DO UPDATE SET count = count + excluded.count")
                .bindAll(i.campaignId.str(), occurredAt, type, std::int64_t{1})
                .run();
            db.prepare("INSERT INTO affiliate_stats(affiliate_id, campaign_id, type, count, revenue, currency)"
                       " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(affiliate_id, campaign_id, type)"
                       " DO UPDATE SET count = count + excluded.count, revenue = revenue + excluded.revenue")
                .bindAll(i.affiliateId.str(), i.campaignId.str(), type, std::int64_t{1}, amount.value_or(0), currency)
                .run();
            db.prepare("INSERT INTO outbox(message_id, type, msg_key, body, created_at) VALUES (?, ?, ?, ?, ?)")
                .bindAll(row.event.id, row.event.type, row.event.key, row.eventBody, formatRfc3339(now))
                .run();
        }
        transaction.commit();
    });
    std::filesystem::remove_all(dir);
    return {"ceiling: the same SQL, one transaction", inputs.size(), 1, timing.seconds, timing.cpuSeconds};
}

Measurement measureStore(const std::vector<dto::InteractionInput>& inputs)
{
    const UtcTime now = SystemClock().now();
    std::vector<dto::Interaction> interactions;
    interactions.reserve(inputs.size());
    for (const auto& input : inputs)
        interactions.push_back(interactionOf(input, now));
    const auto dir = freshDirectory("store");
    auto db = freshTrackingDatabase(dir);
    const Timing timing = secondsOf([&] {
        storage::Transaction transaction(db);
        for (const auto& interaction : interactions)
            tracking::recordInteraction(db, tracking::encodeInteraction(interaction));
        transaction.commit();
    });
    std::filesystem::remove_all(dir);
    return {"store: recordInteraction(), one transaction", inputs.size(), 1, timing.seconds, timing.cpuSeconds};
}

// batchSize 1 calls track() per interaction; more calls trackBatch() with that many at a time.
Measurement measureService(const std::vector<dto::InteractionInput>& inputs, int callers, size_t batchSize)
{
    const auto dir = freshDirectory("service");
    SystemClock clock;
    events::EmbeddedBus bus;
    auto opened = tracking::TrackingService::open({dir, "tracking"}, bus, clock);
    if (!opened) {
        std::fprintf(stderr, "cannot open the service: %s\n", opened.error().message.c_str());
        std::exit(1);
    }
    auto& service = *opened.value();
    const UtcTime now = clock.now();
    for (int c = 0; c < kCampaigns; ++c) {
        dto::Campaign campaign;
        campaign.id = CampaignId("campaign-" + std::to_string(c));
        campaign.name = "Campaign";
        campaign.brand.name = "Brand";
        campaign.startsAt = now - std::chrono::days{1};
        campaign.endsAt = now + std::chrono::days{30};
        campaign.budget = Money::of(1'000'000'000, "USD").value();
        campaign.spent = Money::of(0, "USD").value();
        campaign.commission.ratePpm = 100'000;
        campaign.state = domain::CampaignState::Active;
        const auto event = messages::makeEnvelope(std::string(types::kCampaignCreated), 1, "marketing",
                                                  campaign.id.str(), dto::toJson(campaign), now);
        (void)service.consumer().deliver(std::span(&event, 1));
    }
    for (int a = 0; a < kAffiliates; ++a) {
        dto::Affiliate affiliate;
        affiliate.id = AffiliateId("affiliate-" + std::to_string(a));
        affiliate.name = "Partner";
        affiliate.email = "p@example.com";
        affiliate.state = domain::AffiliateState::Active;
        const auto event = messages::makeEnvelope(std::string(types::kAffiliateRegistered), 1, "affiliates",
                                                  affiliate.id.str(), dto::toJson(affiliate), now);
        (void)service.consumer().deliver(std::span(&event, 1));
    }

    std::atomic<size_t> failures{0};
    std::vector<std::vector<double>> latencies(static_cast<size_t>(callers));
    std::atomic<bool> ingesting{true};
    std::uintmax_t maxWalBytes = 0;
    std::thread walWatch([&] {
        const auto wal = dir / "tracking.db-wal";
        while (ingesting) {
            std::error_code error;
            const auto size = std::filesystem::file_size(wal, error);
            if (!error)
                maxWalBytes = std::max(maxWalBytes, size);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    const Timing timing = secondsOf([&] {
        std::vector<std::thread> threads;
        for (int t = 0; t < callers; ++t)
            threads.emplace_back([&, t] {
                auto& mine = latencies[static_cast<size_t>(t)];
                const size_t stride = batchSize * static_cast<size_t>(callers);
                for (size_t first = batchSize * static_cast<size_t>(t); first < inputs.size(); first += stride) {
                    const auto slice = std::span(inputs).subspan(first, std::min(batchSize, inputs.size() - first));
                    const auto start = std::chrono::steady_clock::now();
                    if (batchSize == 1) {
                        failures += service.track(slice.front()) ? 0 : 1;
                    } else {
                        for (const auto& result : service.trackBatch(slice))
                            failures += result ? 0 : 1;
                    }
                    mine.push_back(
                        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
                }
            });
        for (auto& thread : threads)
            thread.join();
    });
    ingesting = false;
    walWatch.join();
    std::vector<double> all;
    for (const auto& mine : latencies)
        all.insert(all.end(), mine.begin(), mine.end());
    std::sort(all.begin(), all.end());
    const auto at = [&all](double quantile) {
        return all[std::min(all.size() - 1, static_cast<size_t>(quantile * static_cast<double>(all.size())))];
    };
    opened.value().reset();
    std::filesystem::remove_all(dir);
    if (failures > 0)
        std::fprintf(stderr, "%zu interactions were refused\n", failures.load());
    return {batchSize == 1 ? "service: track(), each caller waits for its commit"
                           : "service: trackBatch() of " + std::to_string(batchSize) + ", each caller waits",
            inputs.size(), callers, timing.seconds, timing.cpuSeconds,
            std::array{at(0.50), at(0.99), all.back()}, maxWalBytes};
}

}  // namespace

int main(int argc, char** argv)
{
    const size_t rows = argc > 1 ? std::stoul(argv[1]) : 200'000;
    std::vector<int> callerCounts;
    for (int i = 2; i < argc; ++i)
        callerCounts.push_back(std::stoi(argv[i]));
    if (callerCounts.empty())
        callerCounts = {8, 64};

    const auto inputs = makeInputs(rows);
    std::vector<Measurement> measurements{measureCeiling(inputs), measureStore(inputs)};
    for (const int callers : callerCounts)
        measurements.push_back(measureService(inputs, callers, 1));
    // What the writer does with full groups: the batch endpoint, POST /interactions/batch.
    measurements.push_back(measureService(inputs, callerCounts.front(), 100));

    std::printf("### Tracking ingest, %s UTC, %u threads (nproc), %s, memory allocator: %s\n\n",
                formatRfc3339(SystemClock().now()).substr(0, 16).c_str(), std::thread::hardware_concurrency(),
                cpuModel().c_str(), app::memoryAllocator().c_str());
    std::printf("| path | rows | callers | seconds | rows/s | of ceiling | CPU s | rows/CPU-s | of ceiling (CPU) |"
                " call p50 / p99 / max ms | largest WAL MiB |\n"
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
    const double ceiling = measurements.front().rowsPerSecond();
    const double cpuCeiling = measurements.front().rowsPerCpuSecond();
    for (const auto& m : measurements) {
        std::printf("| %s | %zu | %d | %.2f | %.0f | %.0f%% | %.2f | %.0f | %.0f%% |", m.path.c_str(), m.rows, m.callers,
                    m.seconds, m.rowsPerSecond(), 100.0 * m.rowsPerSecond() / ceiling, m.cpuSeconds,
                    m.rowsPerCpuSecond(), 100.0 * m.rowsPerCpuSecond() / cpuCeiling);
        if (m.latencyMs)
            std::printf(" %.1f / %.1f / %.1f | %.0f |\n", (*m.latencyMs)[0], (*m.latencyMs)[1], (*m.latencyMs)[2],
                        static_cast<double>(m.maxWalBytes) / (1024.0 * 1024.0));
        else
            std::printf(" | |\n");
    }
    return 0;
}
