#include "bff/demo/demo_options.h"
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

    void ticksCoverTheTimelineInOrderFromOffsetZero()
    {
        TrafficSimulator simulator(testing::sampleWorld(), {.seed = 3});
        const auto ticks = run(simulator);
        QCOMPARE(ticks.front().from.count(), std::int64_t(0));
        size_t history = 0;
        for (size_t i = 0; i < ticks.size(); ++i) {
            if (i > 0)
                QCOMPARE(ticks[i].from, ticks[i - 1].to);
            for (const auto& interaction : ticks[i].interactions) {
                // What happened from offset 0 on is sent in its tick; what happened before it
                // (touchpoints of journeys under way at the start) later, dated in the past.
                QVERIFY(interaction.offset < ticks[i].to);
                QVERIFY(interaction.offset >= ticks[i].from || interaction.offset < Millis(0));
                history += interaction.offset < Millis(0);
            }
        }
        QVERIFY(history > 0);
    }

    void theStartIsNoBurstButPurchasesFlowAtOnce()
    {
        // A live chart counts by arrival: the first seconds carry about the steady rate
        // (the earlier touchpoints of journeys under way go out with their purchases), and yet
        // organic and click-injection purchases both arrive within the first five seconds.
        TrafficSimulator simulator(testing::sampleWorld(), {.seed = 42});
        std::map<std::int64_t, size_t> perSecond;
        Millis firstOrganicPurchase = kSpan;
        Millis firstInjectedPurchase = kSpan;
        for (const auto& tick : run(simulator)) {
            perSecond[tick.from.count() / 1000] += tick.interactions.size();
            for (const auto& interaction : tick.interactions) {
                if (interaction.input.type != InteractionType::Purchase)
                    continue;
                Millis& first = interaction.input.userId->rfind("bot-", 0) == 0 ? firstInjectedPurchase
                                                                                : firstOrganicPurchase;
                first = std::min(first, tick.from);
            }
        }
        double steady = 0;
        for (std::int64_t second = 150; second < 300; ++second)
            steady += static_cast<double>(perSecond[second]) / 150.0;
        double firstTen = 0;
        for (std::int64_t second = 0; second < 10; ++second) {
            firstTen += static_cast<double>(perSecond[second]);
            QVERIFY2(static_cast<double>(perSecond[second]) < 2 * steady,
                     qPrintable(QStringLiteral("second %1: %2, steady %3").arg(second).arg(perSecond[second]).arg(steady)));
        }
        QVERIFY(firstTen < 1.5 * 10 * steady);
        QVERIFY(firstOrganicPurchase < std::chrono::seconds(5));
        QVERIFY(firstInjectedPurchase < std::chrono::seconds(5));
    }

    void speedBringsMoreJourneysNotFasterOnes()
    {
        TrafficSimulator normal(testing::sampleWorld(), {.seed = 6, .fraud = false});
        TrafficSimulator fast(testing::sampleWorld(), {.seed = 6, .speed = 60, .fraud = false});
        const double ratio = static_cast<double>(interactionsOf(run(fast, std::chrono::seconds(10))).size()) /
                             static_cast<double>(interactionsOf(run(normal, std::chrono::seconds(10))).size());
        QVERIFY2(ratio > 45 && ratio < 75, qPrintable(QString::number(ratio)));
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

    void organicJourneysWaitLongEnoughAndBurstsDoNot_data()
    {
        QTest::addColumn<double>("speed");
        QTest::addColumn<int>("minutes");  // 0: ten seconds
        QTest::newRow("slowest") << 0.1 << 30;
        QTest::newRow("default") << 1.0 << 5;
        QTest::newRow("fastest") << kMaxSpeed << 0;
    }
    void organicJourneysWaitLongEnoughAndBurstsDoNot()
    {
        // Per user and campaign, the gap from the last click to a purchase, as the click-injection
        // rule measures it (by occurredAt): organic purchases wait 30 s or more at any speed, bots
        // less than 1.5 s (self-referrals are caught by their own rule first). Every purchase's click was sent before it or with it, also when the click
        // happened before the start.
        QFETCH(double, speed);
        QFETCH(int, minutes);
        const auto world = testing::sampleWorld();
        TrafficSimulator simulator(world, {.seed = 9, .speed = speed});
        std::map<std::pair<std::string, size_t>, Millis> lastClick;
        size_t injected = 0;
        size_t selfReferred = 0;
        size_t organic = 0;
        for (const auto& interaction : interactionsOf(run(simulator, minutes > 0 ? Millis(std::chrono::minutes(minutes)) : Millis(std::chrono::seconds(10))))) {
            const auto& input = interaction.input;
            const auto key = std::pair(*input.userId, interaction.campaign);
            if (input.type == InteractionType::Click)
                lastClick[key] = interaction.offset;
            if (input.type != InteractionType::Purchase)
                continue;
            QVERIFY(lastClick.contains(key));
            const Millis gap = interaction.offset - lastClick[key];
            const bool bot = input.userId->rfind("bot-", 0) == 0;
            const bool own = *input.userId == world.partners[interaction.partner].userId;
            injected += bot;
            selfReferred += own;
            organic += !bot && !own;
            if (bot)
                QVERIFY(gap < std::chrono::milliseconds(1500) + Millis(1));
            else if (!own)
                QVERIFY(gap >= std::chrono::seconds(30));
        }
        QVERIFY(organic >= 20);
        QVERIFY(injected >= 5);
        QVERIFY(selfReferred >= 1);
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
