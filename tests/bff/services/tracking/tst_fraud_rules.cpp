#include "bff/services/tracking/fraud_rules.h"
#include "tests/bff/services/tracking/tracking_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::services::tracking;
using namespace std::chrono_literals;
using domain::InteractionType;
using testing::types::kAttributeConversion;
using testing::types::kConversionAttributed;
using testing::types::kFraudDetected;

Q_DECLARE_METATYPE(alpes::services::tracking::FraudRules)
Q_DECLARE_METATYPE(alpes::services::tracking::FraudFacts)

namespace {

const UtcTime kPurchasedAt = testing::testStart();

dto::Interaction purchaseBy(std::optional<std::string> userId, std::optional<std::string> ip)
{
    dto::Interaction purchase;
    purchase.id = InteractionId("p-1");
    purchase.type = InteractionType::Purchase;
    purchase.affiliateId = AffiliateId("a-1");
    purchase.userId = std::move(userId);
    purchase.ip = std::move(ip);
    purchase.occurredAt = kPurchasedAt;
    return purchase;
}

FraudFacts honest()
{
    return FraudFacts{.lastClickAt = kPurchasedAt - 60s,
                      .purchasesByUserInHour = 1,
                      .purchasesByIpInHour = 1,
                      .partners = {{AffiliateId("a-1"), "partner-user"}}};
}

template <typename Change>
FraudFacts honestBut(Change change)
{
    FraudFacts facts = honest();
    change(facts);
    return facts;
}

template <typename Change>
FraudRules defaultRulesBut(Change change)
{
    FraudRules rules;
    change(rules);
    return rules;
}

}  // namespace

// The fraud rules of product.md §2: each fires on its own evidence and not below its threshold,
// can be switched off and retuned; and through the tracking service, AttributeConversion answers
// FraudDetected with the rule that fired, the same for a repeated command.
class TestFraudRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eachRuleFiresOnlyOnItsEvidence_data()
    {
        QTest::addColumn<FraudFacts>("facts");
        QTest::addColumn<std::optional<std::string>>("ip");
        QTest::addColumn<FraudRules>("rules");
        QTest::addColumn<QString>("fired");  // empty: no rule fires

        const std::optional<std::string> ip = "198.51.100.4";
        const FraudRules defaults;
        QTest::newRow("an honest purchase") << honest() << ip << defaults << QString();
        QTest::newRow("self-referral: the paid partner's own user buys")
            << honestBut([](FraudFacts& f) { f.partners.emplace_back(AffiliateId("a-2"), "u-1"); }) << ip << defaults
            << QStringLiteral("self_referral");
        QTest::newRow("self-referral off") << honestBut([](FraudFacts& f) { f.partners[0].second = "u-1"; }) << ip
                                           << defaultRulesBut([](FraudRules& r) { r.selfReferral = false; })
                                           << QString();
        QTest::newRow("click injection: 2.9 s after the click")
            << honestBut([](FraudFacts& f) { f.lastClickAt = kPurchasedAt - 2900ms; }) << ip << defaults
            << QStringLiteral("click_injection");
        QTest::newRow("click injection: 3 s is not under 3 s")
            << honestBut([](FraudFacts& f) { f.lastClickAt = kPurchasedAt - 3000ms; }) << ip << defaults << QString();
        QTest::newRow("click injection with a 10 s threshold")
            << honestBut([](FraudFacts& f) { f.lastClickAt = kPurchasedAt - 5000ms; }) << ip
            << defaultRulesBut([](FraudRules& r) { r.clickInjectionGap = 10s; }) << QStringLiteral("click_injection");
        QTest::newRow("click injection off")
            << honestBut([](FraudFacts& f) { f.lastClickAt = kPurchasedAt; }) << ip
            << defaultRulesBut([](FraudRules& r) { r.clickInjection = false; }) << QString();
        QTest::newRow("no click, no click injection")
            << honestBut([](FraudFacts& f) { f.lastClickAt.reset(); }) << ip << defaults << QString();
        QTest::newRow("velocity: a user's 6th purchase in an hour")
            << honestBut([](FraudFacts& f) { f.purchasesByUserInHour = 6; }) << ip << defaults
            << QStringLiteral("user_velocity");
        QTest::newRow("velocity: a user's 5th purchase in an hour")
            << honestBut([](FraudFacts& f) { f.purchasesByUserInHour = 5; }) << ip << defaults << QString();
        QTest::newRow("velocity: a user's 3rd with at most 2")
            << honestBut([](FraudFacts& f) { f.purchasesByUserInHour = 3; }) << ip
            << defaultRulesBut([](FraudRules& r) { r.maxPurchasesPerUserPerHour = 2; }) << QStringLiteral("user_velocity");
        QTest::newRow("velocity by user off")
            << honestBut([](FraudFacts& f) { f.purchasesByUserInHour = 60; }) << ip
            << defaultRulesBut([](FraudRules& r) { r.userVelocity = false; }) << QString();
        QTest::newRow("velocity: an IP's 6th purchase in an hour")
            << honestBut([](FraudFacts& f) { f.purchasesByIpInHour = 6; }) << ip << defaults
            << QStringLiteral("ip_velocity");
        QTest::newRow("velocity: an IP's 5th purchase in an hour")
            << honestBut([](FraudFacts& f) { f.purchasesByIpInHour = 5; }) << ip << defaults << QString();
        QTest::newRow("velocity by IP off")
            << honestBut([](FraudFacts& f) { f.purchasesByIpInHour = 60; }) << ip
            << defaultRulesBut([](FraudRules& r) { r.ipVelocity = false; }) << QString();
        QTest::newRow("velocity by IP without an IP")
            << honestBut([](FraudFacts& f) { f.purchasesByIpInHour = 60; }) << std::optional<std::string>() << defaults
            << QString();
        QTest::newRow("the first rule in order wins")
            << honestBut([](FraudFacts& f) {
                   f.lastClickAt = kPurchasedAt;
                   f.purchasesByUserInHour = 9;
               })
            << ip << defaults << QStringLiteral("click_injection");
    }
    void eachRuleFiresOnlyOnItsEvidence()
    {
        QFETCH(FraudFacts, facts);
        QFETCH(std::optional<std::string>, ip);
        QFETCH(FraudRules, rules);
        QFETCH(QString, fired);
        const auto verdict = judgeFraud(purchaseBy("u-1", ip), facts, rules);
        QCOMPARE(verdict ? QString::fromUtf8(kFraudRules.name(verdict->rule).data()) : QString(), fired);
    }

    void explainsWhyARuleFired()
    {
        const auto clickInjection =
            judgeFraud(purchaseBy("u-1", "198.51.100.4"),
                       honestBut([](FraudFacts& f) { f.lastClickAt = kPurchasedAt - 1200ms; }), {});
        QCOMPARE(clickInjection->detail, std::string("purchase 1.2 s after the last click (minimum 3.0 s)"));
        const auto velocity = judgeFraud(purchaseBy("u-1", "198.51.100.4"),
                                         honestBut([](FraudFacts& f) { f.purchasesByIpInHour = 7; }), {});
        QCOMPARE(velocity->detail, std::string("7 purchases from IP 198.51.100.4 within an hour (at most 5)"));
        const auto selfReferral = judgeFraud(purchaseBy("partner-user", std::nullopt), honest(), {});
        QCOMPARE(selfReferral->detail, std::string("the purchaser partner-user is partner a-1's own user"));
    }

    // Through the tracking service: the facts come from its tables.
    void clickInjectionIsCaughtFromTheJourney()
    {
        Service tracking;
        tracking.click("u-1", 1s);
        const auto fast = tracking.order("u-1", "A-1");
        QCOMPARE(tracking.attribute(fast).rule, std::string("click_injection"));

        tracking.clock().advance(1h);
        tracking.click("u-2", 4s);
        const auto slow = tracking.order("u-2", "A-2");
        QCOMPARE(tracking.attribute(slow).type, std::string(kConversionAttributed));
    }

    void velocityCountsAPurchasersPurchasesOfTheLastHour_data()
    {
        QTest::addColumn<bool>("byIp");
        QTest::newRow("by user") << false;
        QTest::newRow("by IP") << true;
    }
    void velocityCountsAPurchasersPurchasesOfTheLastHour()
    {
        QFETCH(bool, byIp);
        Service tracking;
        std::vector<std::string> orders;
        for (int i = 1; i <= 6; ++i) {
            const std::string user = byIp ? "u-" + std::to_string(i) : "u-1";
            tracking.click(user, 30s);
            orders.push_back(
                tracking.order(user, "A-" + std::to_string(i), byIp ? "198.51.100.4" : "198.51.100." + std::to_string(i)));
            tracking.clock().advance(5min);
        }
        // Judged in any order, the 6th is the one beyond 5 in the hour.
        QCOMPARE(tracking.attribute(orders[5]).rule, std::string(byIp ? "ip_velocity" : "user_velocity"));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(tracking.attribute(orders[static_cast<size_t>(i)]).type, std::string(kConversionAttributed));
        // An hour after the first, the count starts over.
        tracking.clock().advance(40min);
        const std::string user = byIp ? "u-7" : "u-1";
        tracking.click(user, 30s);
        const auto seventh = tracking.order(user, "A-7", byIp ? "198.51.100.4" : "198.51.100.7");
        QCOMPARE(tracking.attribute(seventh).type, std::string(kConversionAttributed));
    }

    void selfReferralComparesThePurchaserWithThePaidPartners()
    {
        Service tracking;
        // a-2's own user buys through a-1, after clicking a-2's link: a-2 would be paid.
        tracking.click("partner-two", 60s, "a-2");
        QCOMPARE(tracking.attribute(tracking.order("partner-two", "A-1")).rule, std::string("self_referral"));
        tracking.click("u-9", 60s, "a-2");
        QCOMPARE(tracking.attribute(tracking.order("u-9", "A-2")).type, std::string(kConversionAttributed));
    }

    void switchedOffRulesLetTheConversionThrough()
    {
        Service tracking(FraudRules{.clickInjection = false, .userVelocity = false, .ipVelocity = false,
                                    .selfReferral = false});
        tracking.click("partner-two", 0s, "a-2");
        QCOMPARE(tracking.attribute(tracking.order("partner-two", "A-1")).type, std::string(kConversionAttributed));
    }

    void aRepeatedCommandAnswersTheSameFraudAndChangesNothing()
    {
        Service tracking;
        tracking.click("u-1", 1s);
        const auto conversion = tracking.order("u-1", "A-1");
        const auto first = tracking.attribute(conversion);
        const auto view = tracking.service().conversion(ConversionId(conversion)).value();
        QCOMPARE(view.outcome, std::optional<AttributionOutcome>(AttributionOutcome::Fraud));
        QCOMPARE(view.fraud->rule, FraudRule::ClickInjection);
        tracking.clock().advance(1h);  // later, the facts would not convict it: the stored verdict answers
        const auto second = tracking.attribute(conversion);
        QCOMPARE(second.type, std::string(kFraudDetected));
        QCOMPARE(second.rule, first.rule);
        QCOMPARE(second.detail, first.detail);
        QVERIFY(second.messageId != first.messageId);
        QCOMPARE(tracking.service().conversion(ConversionId(conversion))->fraud, view.fraud);
        QVERIFY(tracking.service().conversion(ConversionId(conversion))->touchpoints.empty());
    }

private:
    struct Answer {
        std::string type;
        std::string rule;
        std::string detail;
        std::string messageId;
    };

    // A tracking service with the given rules on a fresh directory, a campaign, and partners a-1
    // (userId partner-one) and a-2 (userId partner-two).
    class Service {
    public:
        explicit Service(FraudRules rules = {})
            : m_clock(testing::testStart()),
              m_sink(m_dir.path(), {std::string(kConversionAttributed), std::string(kFraudDetected),
                                    std::string(testing::types::kConversionUnattributed)})
        {
            m_bus.subscribe(m_sink.consumer());
            auto service = TrackingService::open({m_dir.path(), "tracking"}, m_bus, m_clock, rules);
            if (!service)
                qFatal("cannot open tracking: %s", service.error().message.c_str());
            m_service = std::move(service).value();
            deliver(testing::message(testing::types::kCampaignCreated, "c-1",
                                     dto::toJson(testing::makeCampaign("c-1", domain::CampaignState::Active,
                                                                       m_clock.now() - 24h * 60, m_clock.now() + 24h * 60)),
                                     m_clock.now()));
            for (const auto& [id, user] : {std::pair{"a-1", "partner-one"}, std::pair{"a-2", "partner-two"}})
                deliver(testing::message(testing::types::kAffiliateRegistered, id,
                                         dto::toJson(testing::makeAffiliate(id, user)), m_clock.now()));
            m_service->database().start();
        }
        ~Service() { m_service.reset(); }

        TrackingService& service() { return *m_service; }
        testing::TestClock& clock() { return m_clock; }

        // A click on partner's link by user, `before` the present.
        void click(const std::string& user, Millis before, const std::string& partner = "a-1")
        {
            track(testing::interaction(InteractionType::Click, "c-1", partner, user, m_clock.now() - before));
        }
        // A purchase through a-1, now.
        std::string order(const std::string& user, const std::string& orderId,
                          std::optional<std::string> ip = std::nullopt)
        {
            auto input = testing::purchase("c-1", "a-1", user, orderId, 1000);
            input.ip = std::move(ip);
            return track(input);
        }

        std::string track(const dto::InteractionInput& input)
        {
            const auto receipt = m_service->track(input);
            if (!receipt)
                qFatal("cannot track: %s", receipt.error().message.c_str());
            return receipt->id.str();
        }

        // Sends AttributeConversion and waits for its answer.
        Answer attribute(const std::string& conversion)
        {
            auto command = testing::message(kAttributeConversion, conversion, json::Json{{"conversionId", conversion}},
                                            m_clock.now(), "saga-" + conversion);
            deliver(command);
            for (int wait = 0; wait < 500; ++wait) {
                for (const auto type : {kConversionAttributed, kFraudDetected, testing::types::kConversionUnattributed})
                    for (const auto& reply : m_sink.received(type))
                        if (reply.causationId == command.id)
                            return {reply.type, reply.payload.value("rule", ""), reply.payload.value("detail", ""),
                                    reply.id};
                QTest::qWait(10);
            }
            qFatal("no answer to AttributeConversion");
        }

    private:
        void deliver(const messages::Envelope& message)
        {
            if (!m_service->consumer().deliver(std::span(&message, 1)))
                qFatal("delivery failed");
        }

        testing::TempDataDir m_dir;
        testing::TestClock m_clock;
        events::EmbeddedBus m_bus;
        testing::MessageSink m_sink;
        std::unique_ptr<TrackingService> m_service;
    };

};

QTEST_GUILESS_MAIN(TestFraudRules)
#include "tst_fraud_rules.moc"
