#include "bff/services/tracking/attribution.h"

#include "tests/support/test_printing.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace alpes;
using namespace alpes::services::tracking;
using domain::AttributionModel;

namespace {

const UtcTime kPurchaseAt = parseRfc3339("2026-11-22T12:00:00.000Z").value();

Touchpoint touch(const std::string& id, const std::string& affiliate, Millis beforePurchase)
{
    return {InteractionId(id), AffiliateId(affiliate), kPurchaseAt - beforePurchase};
}

Money usd(std::int64_t minorUnits)
{
    return Money::of(minorUnits, "USD").value();
}

domain::AttributionSettings settings(AttributionModel model, int windowDays = 30, double halfLifeDays = 7.0)
{
    return {model, windowDays, halfLifeDays};
}

// "A=34 B=33": the shares in the order attribute() gives them.
std::string sharesOf(const Attribution& attribution)
{
    std::string text;
    for (const auto& share : attribution.shares)
        text += (text.empty() ? "" : " ") + share.affiliateId.str() + "=" + std::to_string(share.amount.amount());
    return text;
}

std::vector<double> weightsOf(const Attribution& attribution)
{
    std::vector<double> weights;
    for (const auto& touchpoint : attribution.touchpoints)
        weights.push_back(touchpoint.weight);
    return weights;
}

// Three partners touched once each, one, two and three hours before the purchase.
const std::vector<Touchpoint> kThreePartners{touch("t1", "A", std::chrono::hours{3}),
                                             touch("t2", "B", std::chrono::hours{2}),
                                             touch("t3", "C", std::chrono::hours{1})};

}  // namespace

class TestAttribution : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void splitsByEveryModel_data()
    {
        QTest::addColumn<int>("model");
        QTest::addColumn<std::int64_t>("amount");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, AttributionModel model, std::int64_t amount, const char* expected) {
            QTest::newRow(name) << static_cast<int>(model) << amount << QString::fromUtf8(expected);
        };
        row("last touch takes all", AttributionModel::LastTouch, 10'000, "C=10000");
        row("first touch takes all", AttributionModel::FirstTouch, 10'000, "A=10000");
        row("linear, even", AttributionModel::Linear, 9'000, "A=3000 B=3000 C=3000");
        // 100 / 3 = 33.33…: the unit left over goes to the latest touchpoint's partner.
        row("linear, 100 over 3", AttributionModel::Linear, 100, "C=34 A=33 B=33");
        row("position based 40/20/40", AttributionModel::PositionBased, 10'000, "A=4000 C=4000 B=2000");
        // 101 × 0.4 = 40.4 twice and 101 × 0.2 = 20.2: one unit left; A and C tie on the largest
        // remainder and C's touchpoint came later.
        row("position based, uneven", AttributionModel::PositionBased, 101, "C=41 A=40 B=20");
    }
    void splitsByEveryModel()
    {
        QFETCH(int, model);
        QFETCH(std::int64_t, amount);
        QFETCH(QString, expected);
        const auto attribution =
            attribute(settings(static_cast<AttributionModel>(model)), kThreePartners, kPurchaseAt, usd(amount));
        QCOMPARE(sharesOf(attribution), expected.toStdString());
    }

    void lastTouchWeighsOnlyTheLastTouchpoint()
    {
        const auto attribution = attribute(settings(AttributionModel::LastTouch), kThreePartners, kPurchaseAt, usd(1));
        QCOMPARE(weightsOf(attribution), (std::vector<double>{0.0, 0.0, 1.0}));
        QCOMPARE(attribution.shares.size(), size_t(1));
        QCOMPARE(attribution.shares.front().weight, 1.0);
    }

    void positionBasedGivesAllToASingleTouchpointAndHalvesTwo()
    {
        const std::vector<Touchpoint> one{touch("t1", "A", std::chrono::hours{1})};
        QCOMPARE(sharesOf(attribute(settings(AttributionModel::PositionBased), one, kPurchaseAt, usd(999))),
                 std::string("A=999"));
        const std::vector<Touchpoint> two{touch("t1", "A", std::chrono::hours{2}),
                                          touch("t2", "B", std::chrono::hours{1})};
        const auto halves = attribute(settings(AttributionModel::PositionBased), two, kPurchaseAt, usd(101));
        QCOMPARE(sharesOf(halves), std::string("B=51 A=50"));
        QCOMPARE(weightsOf(halves), (std::vector<double>{0.5, 0.5}));
    }

    void positionBasedSharesTheMiddleTwentyPercent()
    {
        std::vector<Touchpoint> journey = kThreePartners;
        journey.insert(journey.begin(), touch("t0", "D", std::chrono::hours{4}));
        const auto attribution = attribute(settings(AttributionModel::PositionBased), journey, kPurchaseAt, usd(10'000));
        QCOMPARE(sharesOf(attribution), std::string("C=4000 D=4000 A=1000 B=1000"));
        QCOMPARE(weightsOf(attribution), (std::vector<double>{0.4, 0.1, 0.1, 0.4}));
    }

    void timeDecayHalvesTheWeightEachHalfLife()
    {
        const std::vector<Touchpoint> journey{touch("t1", "A", std::chrono::days{14}),
                                              touch("t2", "B", std::chrono::days{7}),
                                              touch("t3", "C", std::chrono::days{0})};
        // Weights 1/4, 1/2, 1 of 1.75.
        const auto attribution = attribute(settings(AttributionModel::TimeDecay), journey, kPurchaseAt, usd(7'000));
        QCOMPARE(sharesOf(attribution), std::string("C=4000 B=2000 A=1000"));
        QCOMPARE(weightsOf(attribution), (std::vector<double>{0.25 / 1.75, 0.5 / 1.75, 1.0 / 1.75}));
    }

    void timeDecayUsesTheCampaignHalfLife()
    {
        const std::vector<Touchpoint> journey{touch("t1", "A", std::chrono::days{2}),
                                              touch("t2", "B", std::chrono::days{1})};
        // A half-life of one day: A weighs 1/2 of B, so 1/3 of the amount.
        const auto attribution =
            attribute(settings(AttributionModel::TimeDecay, 30, 1.0), journey, kPurchaseAt, usd(900));
        QCOMPARE(sharesOf(attribution), std::string("B=600 A=300"));
    }

    void aPartnerTouchingSeveralTimesCollectsItsWeights()
    {
        const std::vector<Touchpoint> journey{touch("t1", "A", std::chrono::hours{3}),
                                              touch("t2", "B", std::chrono::hours{2}),
                                              touch("t3", "A", std::chrono::hours{1})};
        // A: 2/3 of 1000 = 666.67, B: 333.33; the unit left goes to A's larger remainder.
        const auto attribution = attribute(settings(AttributionModel::Linear), journey, kPurchaseAt, usd(1000));
        QCOMPARE(sharesOf(attribution), std::string("A=667 B=333"));
        QCOMPARE(attribution.touchpoints.size(), size_t(3));
    }

    void theWindowIncludesItsFirstInstantAndNothingBefore()
    {
        const std::vector<Touchpoint> journey{
            touch("t1", "A", std::chrono::days{30} + std::chrono::milliseconds{1}),
            touch("t2", "B", std::chrono::days{30}),
        };
        const auto attribution = attribute(settings(AttributionModel::FirstTouch), journey, kPurchaseAt, usd(100));
        QCOMPARE(sharesOf(attribution), std::string("B=100"));
        QCOMPARE(attribution.touchpoints.size(), size_t(1));
        QCOMPARE(windowStart(kPurchaseAt, 30), kPurchaseAt - std::chrono::days{30});
    }

    void aShorterWindowLeavesOlderTouchpointsOut()
    {
        const auto attribution =
            attribute(settings(AttributionModel::FirstTouch, 1), std::vector{touch("t1", "A", std::chrono::hours{25}),
                                                                   touch("t2", "B", std::chrono::hours{23})},
                      kPurchaseAt, usd(100));
        QCOMPARE(sharesOf(attribution), std::string("B=100"));
    }

    void touchpointsAfterThePurchaseDoNotCount()
    {
        const auto attribution = attribute(settings(AttributionModel::LastTouch),
                                           std::vector{touch("t1", "A", std::chrono::hours{1}),
                                            touch("t2", "B", -std::chrono::milliseconds{1})},
                                           kPurchaseAt, usd(100));
        QCOMPARE(sharesOf(attribution), std::string("A=100"));
    }

    void noTouchpointLeavesTheConversionUnattributed()
    {
        const auto none = attribute(settings(AttributionModel::Linear), {}, kPurchaseAt, usd(100));
        QVERIFY(none.shares.empty());
        QVERIFY(none.touchpoints.empty());
        const auto tooOld = attribute(settings(AttributionModel::Linear), std::vector{touch("t1", "A", std::chrono::days{31})},
                                      kPurchaseAt, usd(100));
        QVERIFY(tooOld.shares.empty());
    }

    void theOrderOfTheInputDoesNotChangeTheResult()
    {
        std::vector<Touchpoint> shuffled = kThreePartners;
        std::reverse(shuffled.begin(), shuffled.end());
        const auto a = attribute(settings(AttributionModel::PositionBased), kThreePartners, kPurchaseAt, usd(101));
        const auto b = attribute(settings(AttributionModel::PositionBased), shuffled, kPurchaseAt, usd(101));
        QVERIFY(a.shares == b.shares);
    }

    void sharesAlwaysAddUpToTheAmountExactly()
    {
        std::mt19937 random(20261122);
        const AttributionModel models[] = {AttributionModel::LastTouch, AttributionModel::FirstTouch,
                                           AttributionModel::Linear, AttributionModel::PositionBased,
                                           AttributionModel::TimeDecay};
        for (int round = 0; round < 2000; ++round) {
            std::vector<Touchpoint> journey;
            const int count = 1 + static_cast<int>(random() % 9);
            for (int i = 0; i < count; ++i)
                journey.push_back(touch("t" + std::to_string(i), "A" + std::to_string(random() % 4),
                                        std::chrono::minutes{random() % (30 * 24 * 60)}));
            const std::int64_t amount = 1 + static_cast<std::int64_t>(random() % 1'000'000);
            const auto model = models[round % 5];
            const auto attribution = attribute(settings(model), journey, kPurchaseAt, usd(amount));
            std::int64_t total = 0;
            double weights = 0;
            for (const auto& share : attribution.shares) {
                QVERIFY(share.amount.amount() >= 0);
                total += share.amount.amount();
            }
            for (const auto& touchpoint : attribution.touchpoints)
                weights += touchpoint.weight;
            QCOMPARE(total, amount);
            QVERIFY(std::abs(weights - 1.0) < 1e-9);
        }
    }
};

QTEST_APPLESS_MAIN(TestAttribution)
#include "tst_attribution.moc"
