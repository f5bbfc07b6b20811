#include "bff/saga/saga_steps.h"
#include "tests/bff/saga/saga_world.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::saga;
using namespace std::chrono_literals;
using domain::CommissionState;
using domain::InteractionState;
namespace types = alpes::messages::types;

namespace {

constexpr std::int64_t kCommission = 500;

std::vector<std::string> stepStates(const SagaDetail& saga)
{
    std::vector<std::string> states;
    for (const auto& step : saga.steps)
        states.push_back(std::string(kStepNames.name(step.name)) + ":" + std::string(kStepStates.name(step.state)));
    return states;
}

}  // namespace

// Fraud through the real engine: each of tracking's rules, firing or not, decides whether the saga
// pays or compensates, and the rule that fired is on the saga's record. A manager's flag claws back
// a completed conversion. Repeated fraud events and commands change nothing.
class TestSagaFraud : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        m_world = std::make_unique<testing::SagaWorld>(m_dir->path());
        QVERIFY(m_world->open().ok());
        auto partner = m_world->addPartner("partner-own-user");
        auto campaign = m_world->addCampaign(100000, kCommission, 5);
        QVERIFY(partner.ok() && campaign.ok());
        m_partner = *partner;
        m_campaign = *campaign;
        QVERIFY(m_world->settle());
    }
    void cleanup()
    {
        m_world.reset();
        m_dir.reset();
    }

    void eachRuleDecidesWhetherTheSagaPaysOrCompensates_data()
    {
        QTest::addColumn<QString>("buyer");
        QTest::addColumn<int>("secondsAfterClick");
        QTest::addColumn<int>("earlierPurchases");  // by the same buyer (and IP) in the hour before
        QTest::addColumn<bool>("sameUserEarlier");  // false: the earlier ones are other users on the same IP
        QTest::addColumn<QString>("rule");           // empty: the conversion is paid

        const QString shopper = QStringLiteral("shopper");
        QTest::newRow("click injection fires") << shopper << 1 << 0 << true << QStringLiteral("click_injection");
        QTest::newRow("click injection does not fire") << shopper << 10 << 0 << true << QString();
        QTest::newRow("self-referral fires") << QStringLiteral("partner-own-user") << 60 << 0 << true
                                             << QStringLiteral("self_referral");
        QTest::newRow("self-referral does not fire") << shopper << 60 << 0 << true << QString();
        QTest::newRow("user velocity fires") << shopper << 60 << 5 << true << QStringLiteral("user_velocity");
        QTest::newRow("user velocity does not fire") << shopper << 60 << 4 << true << QString();
        QTest::newRow("IP velocity fires") << shopper << 60 << 5 << false << QStringLiteral("ip_velocity");
        QTest::newRow("IP velocity does not fire") << shopper << 60 << 4 << false << QString();
    }
    void eachRuleDecidesWhetherTheSagaPaysOrCompensates()
    {
        QFETCH(QString, buyer);
        QFETCH(int, secondsAfterClick);
        QFETCH(int, earlierPurchases);
        QFETCH(bool, sameUserEarlier);
        QFETCH(QString, rule);

        for (int i = 0; i < earlierPurchases; ++i) {
            const std::string user = sameUserEarlier ? buyer.toStdString() : "other-" + std::to_string(i);
            QVERIFY(m_world->click(m_campaign, m_partner, user, m_world->clock().now() - 30s).ok());
            QVERIFY(m_world->purchase(m_campaign, m_partner, user, "earlier-" + std::to_string(i), 5000,
                                      m_world->clock().now(), testing::SagaWorld::ipOf(buyer.toStdString()))
                        .ok());
            // Each purchase has its own journey: the next click comes after this purchase.
            m_world->clock().advance(2min);
        }
        const auto [click, purchase] = buy(buyer.toStdString(), std::chrono::seconds(secondsAfterClick));
        QVERIFY(m_world->reaches(*purchase.sagaId, {SagaState::Completed, SagaState::Compensated}));
        const auto saga = m_world->engine().sagas().get(*purchase.sagaId).value();
        const auto effects = m_world->effectsOf(m_campaign, purchase.id, {click.id, purchase.id});

        if (rule.isEmpty()) {
            QCOMPARE(saga.saga.state, SagaState::Completed);
            QVERIFY(!saga.saga.compensation);
            QCOMPARE(effects.commissions, std::vector<CommissionState>{CommissionState::Confirmed});
            QCOMPARE(effects.interactions,
                     (std::vector<InteractionState>{InteractionState::Recorded, InteractionState::Recorded}));
            return;
        }
        // Caught at attribution: only the interactions are undone, and the saga says which rule fired.
        QCOMPARE(saga.saga.state, SagaState::Compensated);
        QCOMPARE(saga.saga.compensation->trigger, CompensationTrigger::Fraud);
        QCOMPARE(saga.saga.compensation->scope, CompensationScope::Full);
        QCOMPARE(saga.saga.compensation->rule, std::optional<std::string>(rule.toStdString()));
        QVERIFY(!saga.saga.compensation->detail->empty());
        QCOMPARE(stepStates(saga),
                 (std::vector<std::string>{"track:done", "attribute:failed", "reserve_commission:skipped",
                                           "reserve_budget:skipped", "confirm_commission:skipped",
                                           "release_budget:skipped", "revert_commission:skipped",
                                           "revert_attribution:skipped", "discard_interactions:done"}));
        QVERIFY(saga.steps[1].error->starts_with("fraud: " + rule.toStdString()));
        QVERIFY(effects.commissions.empty());
        QCOMPARE(effects.spent, std::int64_t(earlierPurchases) * kCommission);
        QCOMPARE(effects.outcome, std::optional(services::tracking::AttributionOutcome::Fraud));
        QCOMPARE(effects.interactions,
                 (std::vector<InteractionState>{InteractionState::Discarded, InteractionState::Discarded}));
    }

    void aManagerClawsBackACompletedConversion()
    {
        const auto [click, purchase] = buy("shopper", 60s);
        QVERIFY(m_world->reaches(*purchase.sagaId, {SagaState::Completed}));
        QCOMPARE(m_world->effectsOf(m_campaign, purchase.id, {click.id, purchase.id}).countedToday, std::int64_t(2));
        QVERIFY(m_world->engine().sagas().flagFraud(purchase.id, "chargeback").ok());
        QVERIFY(m_world->reaches(*purchase.sagaId, {SagaState::Compensated}));
        const auto saga = m_world->engine().sagas().get(*purchase.sagaId).value();
        QCOMPARE(saga.saga.compensation->rule, std::optional<std::string>("manual"));
        QCOMPARE(stepStates(saga),
                 (std::vector<std::string>{"track:done", "attribute:done", "reserve_commission:done",
                                           "reserve_budget:done", "confirm_commission:done", "release_budget:done",
                                           "revert_commission:done", "revert_attribution:done",
                                           "discard_interactions:done"}));
        const auto effects = m_world->effectsOf(m_campaign, purchase.id, {click.id, purchase.id});
        QCOMPARE(effects.commissions, std::vector<CommissionState>{CommissionState::Reverted});
        QCOMPARE(effects.spent, std::int64_t(0));
        QVERIFY(effects.attributionReverted);
        QCOMPARE(effects.interactions,
                 (std::vector<InteractionState>{InteractionState::Discarded, InteractionState::Discarded}));
        QCOMPARE(effects.countedToday, std::int64_t(0));
    }

    void aRepeatedFraudEventOrCommandChangesNothing()
    {
        const auto [click, purchase] = buy("shopper", 1s);
        QVERIFY(m_world->reaches(*purchase.sagaId, {SagaState::Compensated}));
        auto& engine = m_world->engine();
        const auto before = engine.sagas().get(*purchase.sagaId).value();

        // AttributeConversion again (a re-send): tracking answers the same FraudDetected from what it stored.
        auto command = messages::makeEnvelope(std::string(types::kAttributeConversion), 1, "saga", purchase.id.str(),
                                              json::Json{{"conversionId", purchase.id.str()}}, m_world->clock().now());
        command.correlationId = purchase.sagaId->str();
        QVERIFY(engine.tracking().consumer().deliver(std::span(&command, 1)).ok());
        // A FraudDetected told twice, and by another rule: the saga already undid everything.
        auto fraud = messages::makeEnvelope(std::string(types::kFraudDetected), 1, "tracking", purchase.id.str(),
                                            json::Json{{"conversionId", purchase.id.str()},
                                                       {"campaignId", m_campaign.str()},
                                                       {"rule", "user_velocity"},
                                                       {"detail", "again"}},
                                            m_world->clock().now());
        fraud.correlationId = purchase.sagaId->str();
        QVERIFY(engine.sagas().consumer().deliver(std::span(&fraud, 1)).ok());
        QVERIFY(engine.sagas().consumer().deliver(std::span(&fraud, 1)).ok());
        QVERIFY(engine.sagas().flagFraud(purchase.id, "and by hand").ok());
        QVERIFY(m_world->settle());

        const auto after = engine.sagas().get(*purchase.sagaId).value();
        QCOMPARE(after.saga, before.saga);
        QCOMPARE(after.steps, before.steps);
        QCOMPARE(after.saga.compensation->rule, std::optional<std::string>("click_injection"));
        const auto effects = m_world->effectsOf(m_campaign, purchase.id, {click.id, purchase.id});
        QCOMPARE(effects.interactions,
                 (std::vector<InteractionState>{InteractionState::Discarded, InteractionState::Discarded}));
        QCOMPARE(engine.tracking().conversion(purchase.id)->fraud->rule,
                 services::tracking::FraudRule::ClickInjection);
    }

private:
    // A click on the partner's link, then `afterClick` later a purchase by the same buyer.
    std::pair<services::tracking::TrackReceipt, services::tracking::TrackReceipt> buy(const std::string& buyer,
                                                                                     Millis afterClick)
    {
        const UtcTime now = m_world->clock().now();
        auto click = m_world->click(m_campaign, m_partner, buyer, now - afterClick);
        auto purchase = m_world->purchase(m_campaign, m_partner, buyer, "order-" + buyer, 10000, now);
        if (!click || !purchase || !purchase->sagaId)
            qFatal("cannot track the journey");
        return {*click, *purchase};
    }

    std::unique_ptr<testing::TempDataDir> m_dir;
    std::unique_ptr<testing::SagaWorld> m_world;
    AffiliateId m_partner;
    CampaignId m_campaign;
};

QTEST_GUILESS_MAIN(TestSagaFraud)
#include "tst_saga_fraud.moc"
