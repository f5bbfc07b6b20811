// The whole engine on a data directory, for the saga's crash test (tst_saga_crash.cpp):
//   saga_crash_child DIR produce N   makes the campaigns and partners if the directory has none,
//                                    then tracks N purchases (order-0 … order-N-1) from 16 threads,
//                                    most after a click, flags every 7th as fraud by hand, and keeps
//                                    the sagas running until killed. It prints "ack I CONVERSION"
//                                    once purchase I is stored, "flagged CONVERSION" once a fraud
//                                    flag is stored, "produced" when all are in, then "open N"
//                                    (sagas not yet terminal) every 50 ms.
//   saga_crash_child DIR recover     runs until every saga is terminal and nothing is in flight.
// An order tracked before a kill is refused as a duplicate when it is tracked again.
#include "bff/app/engine.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

using namespace alpes;

namespace {

constexpr int kCampaigns = 4;
constexpr int kPartners = 6;
constexpr std::int64_t kBudget = 80'000;     // 160 commissions of 5.00 USD: the budget runs out
constexpr std::int64_t kCommission = 500;
constexpr std::int64_t kHoldPeriodSeconds = 1;

std::mutex g_printing;

void print(const std::string& line)
{
    const std::lock_guard lock(g_printing);
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

struct World {
    std::vector<CampaignId> campaigns;
    std::vector<AffiliateId> partners;
};

// Makes the campaigns and partners of a fresh directory.
Status makeWorld(app::Engine& engine, const Clock& clock)
{
    for (int i = 0; i < kPartners; ++i) {
        auto partner = engine.affiliates().registerAffiliate(
            {.name = "Partner " + std::to_string(i), .email = "p" + std::to_string(i) + "@example.com"});
        if (!partner)
            return std::move(partner).error();
        if (auto approved = engine.affiliates().approve(partner->id); !approved)
            return std::move(approved).error();
    }
    for (int i = 0; i < kCampaigns; ++i) {
        dto::CampaignDraft draft;
        draft.name = "Campaign " + std::to_string(i);
        draft.brand = dto::Brand{std::nullopt, "Acme"};
        draft.startsAt = clock.now() - std::chrono::days(1);
        draft.endsAt = clock.now() + std::chrono::days(60);
        draft.budget = Money::of(kBudget, "USD").value();
        draft.commission.type = domain::CommissionType::Fixed;
        draft.commission.fixedAmount = Money::of(kCommission, "USD").value();
        draft.holdPeriodSeconds = kHoldPeriodSeconds;
        auto campaign = engine.marketing().create(draft);
        if (!campaign)
            return std::move(campaign).error();
        if (auto active = engine.marketing().activate(campaign->id); !active)
            return std::move(active).error();
    }
    return {};
}

// The campaigns and partners of the directory, made on the first run.
Result<World> setUp(app::Engine& engine, const Clock& clock)
{
    if (engine.marketing().list({}, {.limit = 1}).value().items.empty())
        if (Status made = makeWorld(engine, clock); !made)
            return std::move(made).error();
    World world;
    const auto campaigns = engine.marketing().list({}, {.limit = 100}).value();
    for (const auto& campaign : campaigns.items)
        world.campaigns.push_back(campaign.id);
    const auto partners = engine.affiliates().list({}, {.limit = 100}).value();
    for (const auto& partner : partners.items)
        world.partners.push_back(partner.id);
    // Ids are UUID v7: sorted, they are in creation order on every run, so purchase I always goes
    // to the same campaign and a repeat of it is refused as a duplicate order.
    std::sort(world.campaigns.begin(), world.campaigns.end());
    std::sort(world.partners.begin(), world.partners.end());
    return world;
}

// Ingest refuses campaigns and partners whose copies have not reached tracking yet.
void waitUntilTrackingKnows(app::Engine& engine, const World& world)
{
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    for (bool known = false; !known; std::this_thread::sleep_for(std::chrono::milliseconds(10))) {
        known = true;
        for (const auto& campaign : world.campaigns)
            known = known && engine.tracking().dailyStats(campaign, today, today).ok();
        for (const auto& partner : world.partners)
            known = known && engine.tracking().affiliateStats(partner).ok();
    }
}

dto::InteractionInput interaction(domain::InteractionType type, const CampaignId& campaign, const AffiliateId& partner,
                                  int index, UtcTime at)
{
    dto::InteractionInput input;
    input.type = type;
    input.campaignId = campaign;
    input.affiliateId = partner;
    input.userId = "user-" + std::to_string(index);
    input.occurredAt = at;
    return input;
}

// Tracks purchase `index` (after a click, but for every 10th) and flags every 7th as fraud.
void produce(app::Engine& engine, const World& world, const Clock& clock, int index)
{
    const auto& campaign = world.campaigns[static_cast<size_t>(index % kCampaigns)];
    const auto& partner = world.partners[static_cast<size_t>(index % kPartners)];
    const UtcTime now = clock.now();
    if (index % 10 != 0) {
        const auto click = interaction(domain::InteractionType::Click, campaign, partner, index,
                                       now - std::chrono::minutes(2));
        if (const auto tracked = engine.tracking().track(click); !tracked)
            print("error " + tracked.error().message);
    }
    auto purchase = interaction(domain::InteractionType::Purchase, campaign, partner, index, now);
    purchase.orderId = "order-" + std::to_string(index);
    purchase.amount = Money::of(10'000, "USD").value();
    const auto tracked = engine.tracking().track(purchase);
    if (!tracked) {
        if (tracked.error().code != ErrorCode::Conflict)
            print("error " + tracked.error().message);
        return;  // tracked before a kill; its saga goes on by itself
    }
    print("ack " + std::to_string(index) + " " + tracked->id.str());
    if (index % 7 != 3)
        return;
    // The saga exists once tracking's InteractionTracked has reached it.
    for (int attempt = 0; attempt < 2000; ++attempt) {
        const auto flagged = engine.sagas().flagFraud(tracked->id, "crash test");
        if (flagged) {
            print("flagged " + tracked->id.str());
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    print("error cannot flag " + tracked->id.str());
}

std::int64_t openSagas(app::Engine& engine)
{
    const auto counts = engine.sagas().countByState().value();
    std::int64_t open = 0;
    for (const auto& [state, count] : counts)
        if (!saga::isTerminal(state))
            open += count;
    return open;
}

bool quiet(app::Engine& engine)
{
    const auto delivered = engine.everythingDelivered();
    return delivered && *delivered;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 3)
        return 2;
    const std::string mode = argv[2];
    SystemClock clock;
    auto opened = app::Engine::open({.dataDir = argv[1], .saga = {.runnerInterval = std::chrono::milliseconds(20)}},
                                    clock);
    if (!opened) {
        std::fprintf(stderr, "cannot open: %s\n", opened.error().message.c_str());
        return 1;
    }
    auto& engine = *opened.value();
    engine.start();

    if (mode == "recover") {
        for (int quietChecks = 0, tick = 0; quietChecks < 5; ++tick) {
            if (tick > 6000)
                return 1;  // two minutes
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            quietChecks = openSagas(engine) == 0 && quiet(engine) ? quietChecks + 1 : 0;
        }
        engine.stop();
        return 0;
    }

    const int purchases = argc > 3 ? std::atoi(argv[3]) : 1000;
    auto world = setUp(engine, clock);
    if (!world) {
        std::fprintf(stderr, "cannot set up: %s\n", world.error().message.c_str());
        return 1;
    }
    waitUntilTrackingKnows(engine, *world);
    std::atomic<int> next{0};
    std::vector<std::thread> producers;
    for (int t = 0; t < 16; ++t)
        producers.emplace_back([&] {
            for (int index = next++; index < purchases; index = next++)
                produce(engine, *world, clock, index);
        });
    for (auto& producer : producers)
        producer.join();
    print("produced");
    for (;;) {
        print("open " + std::to_string(openSagas(engine)));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}
