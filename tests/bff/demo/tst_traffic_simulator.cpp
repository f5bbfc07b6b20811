#include "bff/demo/traffic_simulator.h"
#include "tests/bff/demo/demo_world_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <map>
#include <set>

using namespace alpes;
using namespace alpes::demo;
using domain::InteractionType;

namespace {

constexpr Millis kSpan = std::chrono::minutes(5);

// Every tick of the simulator up to `span` past offset 0.
std::vector<TrafficTick> run(TrafficSimulator& simulator, Millis span = kSpan)
{
    std::vector<TrafficTick> ticks;
    while (simulator.position() < span)
        ticks.push_back(simulator.next());
    return ticks;
}

std::vector<SimulatedInteraction> interactionsOf(const std::vector<TrafficTick>& ticks)
{
    std::vector<SimulatedInteraction> all;
    for (const auto& tick : ticks)
        all.insert(all.end(), tick.interactions.begin(), tick.interactions.end());
    return all;
}

}  // namespace

// The demo's traffic generator: deterministic, shaped like shoppers, with the fraud it promises.
class TestTrafficSimulator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theSameSeedGivesTheSameInteractionsAndDigest()
    {
        TrafficSimulator first(testing::sampleWorld(), {.seed = 7});
        TrafficSimulator second(testing::sampleWorld(), {.seed = 7});
        const auto a = interactionsOf(run(first));
        const auto b = interactionsOf(run(second));
        QVERIFY(a.size() > 1000);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].offset.count(), b[i].offset.count());
            QCOMPARE(a[i].campaign, b[i].campaign);
            QCOMPARE(a[i].partner, b[i].partner);
            QVERIFY(a[i].input.type == b[i].input.type);
            QCOMPARE(a[i].input.userId, b[i].input.userId);
            QCOMPARE(a[i].input.orderId, b[i].input.orderId);
            QVERIFY(a[i].input.amount == b[i].input.amount);
        }
        QCOMPARE(first.digest(), second.digest());
    }

    void theDigestIgnoresTheIdsTheServicesChose()
    {
        TrafficSimulator first(testing::sampleWorld("run-1-"), {.seed = 7});
        TrafficSimulator second(testing::sampleWorld("run-2-"), {.seed = 7});
        run(first);
        run(second);
        QCOMPARE(first.digest(), second.digest());
    }

    void anotherSeedGivesAnotherDigest()
    {
        TrafficSimulator first(testing::sampleWorld(), {.seed = 7});
        TrafficSimulator second(testing::sampleWorld(), {.seed = 8});
        run(first);
        run(second);
        QVERIFY(first.digest() != second.digest());
    }

    void trafficGoesOnlyToActiveCampaignsThroughApprovedPartners()
    {
        const auto world = testing::sampleWorld();
        TrafficSimulator simulator(world, {.seed = 1});
        for (const auto& interaction : interactionsOf(run(simulator))) {
            QCOMPARE(world.campaigns[interaction.campaign].state, domain::CampaignState::Active);
            QCOMPARE(world.partners[interaction.partner].state, domain::AffiliateState::Active);
            QCOMPARE(interaction.input.campaignId, world.campaigns[interaction.campaign].id);
            QCOMPARE(interaction.input.affiliateId, world.partners[interaction.partner].id);
        }
    }

    void ticksCoverTheTimelineInOrderFromTheWarmUp()
    {
        TrafficSimulator simulator(testing::sampleWorld(), {.seed = 3, .warmUp = std::chrono::seconds(30)});
        const auto ticks = run(simulator);
        QCOMPARE(ticks.front().from.count(), std::int64_t(-30000));
        for (size_t i = 0; i < ticks.size(); ++i) {
            if (i > 0)
                QCOMPARE(ticks[i].from, ticks[i - 1].to);
            for (size_t j = 0; j < ticks[i].interactions.size(); ++j) {
                const Millis offset = ticks[i].interactions[j].offset;
                QVERIFY(offset >= ticks[i].from && offset < ticks[i].to);
                if (j > 0)
                    QVERIFY(offset >= ticks[i].interactions[j - 1].offset);
            }
        }
    }

    void purchasesHaveUniqueOrdersAndAmountsInTheCampaignsCurrency()
    {
        const auto world = testing::sampleWorld();
        TrafficSimulator simulator(world, {.seed = 5});
        std::set<std::string> orders;
        size_t purchases = 0;
        for (const auto& interaction : interactionsOf(run(simulator))) {
            const auto& input = interaction.input;
            QCOMPARE(input.orderId.has_value(), input.type == InteractionType::Purchase);
            QCOMPARE(input.amount.has_value(), input.type == InteractionType::Purchase);
            if (input.type != InteractionType::Purchase)
                continue;
            ++purchases;
            QVERIFY2(orders.insert(*input.orderId).second, input.orderId->c_str());
            QCOMPARE(input.amount->currency(), world.campaigns[interaction.campaign].currency);
            QVERIFY(input.amount->amount() > 0);
            QVERIFY(dto::validateInteractionInput(input, UtcTime{}).ok());
        }
        // About 0.7 a second at the evening peak: a purchase every second or two.
        QVERIFY(purchases > 150);
    }

    void organicJourneysWaitLongEnoughAndBurstsDoNot()
    {
        // Per user and campaign, the gap from the last click to a purchase: bots and self-referrals
        // are the only ones under 30 s.
        const auto world = testing::sampleWorld();
        TrafficSimulator simulator(world, {.seed = 9});
        std::map<std::pair<std::string, size_t>, Millis> lastClick;
        size_t injected = 0;
        size_t selfReferred = 0;
        for (const auto& interaction : interactionsOf(run(simulator))) {
            const auto& input = interaction.input;
            const auto key = std::pair(*input.userId, interaction.campaign);
            if (input.type == InteractionType::Click)
                lastClick[key] = interaction.offset;
            if (input.type != InteractionType::Purchase)
                continue;
            const bool bot = input.userId->rfind("bot-", 0) == 0;
            const bool own = *input.userId == world.partners[interaction.partner].userId;
            injected += bot;
            selfReferred += own;
            if (!bot && !own && lastClick.contains(key))
                QVERIFY(interaction.offset - lastClick[key] >= std::chrono::seconds(30));
            if (bot)
                QVERIFY(interaction.offset - lastClick.at(key) < std::chrono::milliseconds(1500) + Millis(1));
        }
        QVERIFY(injected >= 20);
        QVERIFY(selfReferred >= 5);
    }

    void ordersClawbacksNowAndThen()
    {
        TrafficSimulator simulator(testing::sampleWorld(), {.seed = 2});
        size_t clawbacks = 0;
        for (const auto& tick : run(simulator))
            clawbacks += tick.clawbacks.size();
        QVERIFY(clawbacks >= 5);
        TrafficSimulator quiet(testing::sampleWorld(), {.seed = 2, .fraud = false});
        for (const auto& tick : run(quiet)) {
            QVERIFY(tick.clawbacks.empty());
            for (const auto& interaction : tick.interactions)
                QVERIFY(interaction.input.userId->rfind("u-", 0) == 0);
        }
    }

    void followsTheDailyCurve()
    {
        // A quarter of an hour of traffic at the evening peak and in the morning trough.
        const auto hourFrom = [](Millis timeOfDay) {
            TrafficSimulator simulator(testing::sampleWorld(),
                                       {.seed = 4, .warmUp = Millis(0), .timeOfDayAtStart = timeOfDay, .fraud = false});
            return interactionsOf(run(simulator, std::chrono::minutes(15))).size();
        };
        QVERIFY(hourFrom(std::chrono::hours(20)) > 3 * hourFrom(std::chrono::hours(8)));
    }
};

QTEST_APPLESS_MAIN(TestTrafficSimulator)
#include "tst_traffic_simulator.moc"
