#include "bff/saga/saga_steps.h"
#include "tests/bff/saga/saga_world.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <mutex>

using namespace alpes;
using namespace alpes::saga;
using domain::CommissionState;
using domain::InteractionState;
using services::tracking::AttributionOutcome;
namespace types = alpes::messages::types;

Q_DECLARE_METATYPE(alpes::saga::SagaState)

namespace {

constexpr std::int64_t kCommission = 500;
constexpr int kPermanent = 4;  // the first attempt and the three retries of fastSagaOptions()

// Drops the first `drops` sends of one command, whichever saga sends it: as if they were lost.
struct Fault {
    std::string command;
    int drops = 0;
    std::mutex mutex;
    int sent = 0;

    bool drop(std::string_view type)
    {
        const std::lock_guard lock(mutex);
        return type == command && sent++ < drops;
    }
};

// What a conversion's effects should be, in a form a data row can hold.
struct Expected {
    QString commission;  // "" none, else the state of its one commission
    std::int64_t spent = 0;
    QString attribution;  // "none", "attributed", "reverted"
    QString interactions;  // "recorded", "discarded"
};

const Expected kPaid{QStringLiteral("confirmed"), kCommission, QStringLiteral("attributed"), QStringLiteral("recorded")};
const Expected kClawedBack{QStringLiteral("reverted"), 0, QStringLiteral("reverted"), QStringLiteral("discarded")};

}  // namespace

Q_DECLARE_METATYPE(Expected)

// The saga through the real engine, with a failure injected at each forward step and at each
// compensation step in turn: lost once (the retry saves it) or lost for good (the saga
// compensates, or fails and is retried by an operator). Every effect is checked in the service
// that owns it: commissions, the budget ledger, the attribution, the interactions and projections.
class TestSagaFaultInjection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        m_fault = std::make_shared<Fault>();
        auto options = testing::SagaWorld::fastSagaOptions();
        options.dropCommand = [fault = m_fault](const SagaId&, std::string_view command, int) {
            return fault->drop(command);
        };
        m_world = std::make_unique<testing::SagaWorld>(m_dir->path(), options);
        QVERIFY(m_world->open().ok());
        auto partner = m_world->addPartner();
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

    void everyStepSurvivesOrCompensatesItsFailure_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("drops");
        QTest::addColumn<bool>("fraud");  // flag the conversion once reserved, to run the compensations
        QTest::addColumn<SagaState>("state");
        QTest::addColumn<Expected>("effects");
        QTest::addColumn<bool>("retryByOperator");

        const auto row = [](const char* name, std::string_view command, int drops, bool fraud, SagaState state,
                            Expected effects, bool retry = false) {
            QTest::newRow(name) << QString::fromUtf8(command.data(), static_cast<qsizetype>(command.size())) << drops
                                << fraud << state << effects << retry;
        };
        // Forward steps: lost once, the retry completes the saga; lost for good, the payment is undone.
        row("attribute lost once", types::kAttributeConversion, 1, false, SagaState::Completed, kPaid);
        row("reserve commission lost once", types::kReserveCommission, 1, false, SagaState::Completed, kPaid);
        row("reserve budget lost once", types::kReserveBudget, 1, false, SagaState::Completed, kPaid);
        row("confirm commission lost once", types::kConfirmCommission, 1, false, SagaState::Completed, kPaid);
        row("attribute lost", types::kAttributeConversion, kPermanent, false, SagaState::Compensated,
            {QString(), 0, QStringLiteral("none"), QStringLiteral("recorded")});
        row("reserve commission lost", types::kReserveCommission, kPermanent, false, SagaState::Compensated,
            {QString(), 0, QStringLiteral("attributed"), QStringLiteral("recorded")});
        row("reserve budget lost", types::kReserveBudget, kPermanent, false, SagaState::Compensated,
            {QStringLiteral("reverted"), 0, QStringLiteral("attributed"), QStringLiteral("recorded")});
        row("confirm commission lost", types::kConfirmCommission, kPermanent, false, SagaState::Compensated,
            {QStringLiteral("reverted"), 0, QStringLiteral("attributed"), QStringLiteral("recorded")});
        // Compensations (after a fraud flag): lost once, still fully undone; lost for good, the saga
        // fails with what was undone so far, and an operator's retry finishes it.
        row("release budget lost once", types::kReleaseBudget, 1, true, SagaState::Compensated, kClawedBack);
        row("revert commission lost once", types::kRevertCommission, 1, true, SagaState::Compensated, kClawedBack);
        row("revert attribution lost once", types::kRevertAttribution, 1, true, SagaState::Compensated, kClawedBack);
        row("discard interactions lost once", types::kDiscardInteractions, 1, true, SagaState::Compensated,
            kClawedBack);
        row("release budget lost", types::kReleaseBudget, kPermanent, true, SagaState::Failed,
            {QStringLiteral("reserved"), kCommission, QStringLiteral("attributed"), QStringLiteral("recorded")}, true);
        row("revert commission lost", types::kRevertCommission, kPermanent, true, SagaState::Failed,
            {QStringLiteral("reserved"), 0, QStringLiteral("attributed"), QStringLiteral("recorded")}, true);
        row("revert attribution lost", types::kRevertAttribution, kPermanent, true, SagaState::Failed,
            {QStringLiteral("reverted"), 0, QStringLiteral("attributed"), QStringLiteral("recorded")}, true);
        row("discard interactions lost", types::kDiscardInteractions, kPermanent, true, SagaState::Failed,
            {QStringLiteral("reverted"), 0, QStringLiteral("reverted"), QStringLiteral("recorded")}, true);
    }
    void everyStepSurvivesOrCompensatesItsFailure()
    {
        QFETCH(QString, command);
        QFETCH(int, drops);
        QFETCH(bool, fraud);
        QFETCH(SagaState, state);
        QFETCH(Expected, effects);
        QFETCH(bool, retryByOperator);
        {
            const std::lock_guard lock(m_fault->mutex);
            m_fault->command = command.toStdString();
            m_fault->drops = drops;
        }

        const UtcTime now = m_world->clock().now();
        const auto click = m_world->click(m_campaign, m_partner, "user-1", now - std::chrono::minutes(5));
        const auto purchase = m_world->purchase(m_campaign, m_partner, "user-1", "order-1", 10000, now);
        QVERIFY(click.ok() && purchase.ok());
        QVERIFY(purchase->sagaId);
        const SagaId sagaId = *purchase->sagaId;
        if (fraud) {
            QVERIFY(m_world->reaches(sagaId, {SagaState::Reserved}));
            QVERIFY(m_world->engine().sagas().flagFraud(purchase->id, "chargeback").ok());
        }
        QVERIFY(m_world->reaches(sagaId, {SagaState::Completed, SagaState::Compensated, SagaState::Failed}));
        const auto saga = m_world->engine().sagas().get(sagaId).value();
        QCOMPARE(saga.saga.state, state);
        verifyEffects(purchase->id, click->id, effects);

        // The faulty step's attempts are all on record.
        const auto faulty = std::find_if(saga.steps.begin(), saga.steps.end(), [&](const SagaStep& step) {
            return definitionOf(step.name).command == command.toStdString();
        });
        QVERIFY(faulty != saga.steps.end());
        QCOMPARE(faulty->attempts, std::min(drops + 1, kPermanent));
        QCOMPARE(faulty->commandIds.size(), size_t(faulty->attempts));
        if (drops == kPermanent) {
            QCOMPARE(faulty->state, StepState::Failed);
            QVERIFY(faulty->error->starts_with("no reply after 4 attempts"));
        }
        if (state == SagaState::Failed)
            QVERIFY(saga.saga.error->starts_with(std::string(kStepNames.name(faulty->name)) + " failed"));

        if (retryByOperator) {
            QVERIFY(m_world->engine().sagas().retry(sagaId).ok());
            QVERIFY(m_world->reaches(sagaId, {SagaState::Compensated, SagaState::Failed}));
            QCOMPARE(m_world->stateOf(sagaId), SagaState::Compensated);
            verifyEffects(purchase->id, click->id, kClawedBack);
        }
    }

    void duplicatedCommandsAndRepliesChangeNothing()
    {
        const UtcTime now = m_world->clock().now();
        const auto click = m_world->click(m_campaign, m_partner, "user-2", now - std::chrono::minutes(5));
        const auto purchase = m_world->purchase(m_campaign, m_partner, "user-2", "order-2", 10000, now);
        QVERIFY(click.ok() && purchase.ok());
        QVERIFY(m_world->reaches(*purchase->sagaId, {SagaState::Completed}));
        const auto before = m_world->engine().sagas().get(*purchase->sagaId).value();

        // Every command the saga sent, delivered again to its service under a new message id (as a
        // re-send after a lost reply would be); the replies reach the saga and are ignored.
        auto& engine = m_world->engine();
        for (const auto& step : before.steps) {
            const auto& definition = definitionOf(step.name);
            if (definition.command.empty())
                continue;
            auto command = messages::makeEnvelope(std::string(definition.command), 1, "saga",
                                                  purchase->id.str(), *step.payload, m_world->clock().now());
            command.correlationId = purchase->sagaId->str();
            events::Consumer& consumer = definition.service == "tracking"      ? engine.tracking().consumer()
                                         : definition.service == "commissions" ? engine.commissions().consumer()
                                                                               : engine.marketing().consumer();
            QVERIFY(consumer.deliver(std::span(&command, 1)).ok());
        }
        QVERIFY(m_world->settle());
        const auto after = m_world->engine().sagas().get(*purchase->sagaId).value();
        QCOMPARE(after.saga, before.saga);
        QCOMPARE(after.steps, before.steps);
        verifyEffects(purchase->id, click->id, kPaid);
        QCOMPARE(m_world->engine().commissions().list({.campaignId = m_campaign}, {})->items.size(), size_t(1));
    }

private:
    void verifyEffects(const InteractionId& purchase, const InteractionId& click, const Expected& expected)
    {
        const auto effects = m_world->effectsOf(m_campaign, purchase, {click, purchase});
        std::vector<std::string> commissions;
        for (const auto state : effects.commissions)
            commissions.emplace_back(domain::kCommissionStates.name(state));
        QCOMPARE(commissions, expected.commission.isEmpty()
                                  ? std::vector<std::string>{}
                                  : std::vector<std::string>{expected.commission.toStdString()});
        QCOMPARE(effects.spent, expected.spent);
        const std::string attribution = !effects.outcome ? "none"
                                        : effects.attributionReverted
                                            ? "reverted"
                                            : std::string(services::tracking::kAttributionOutcomes.name(*effects.outcome));
        QCOMPARE(attribution, expected.attribution.toStdString());
        const auto interactions = expected.interactions == QStringLiteral("recorded") ? InteractionState::Recorded
                                                                                      : InteractionState::Discarded;
        QCOMPARE(effects.interactions, (std::vector<InteractionState>{interactions, interactions}));
        // The projections count what is recorded: a click and a purchase, or nothing once discarded.
        QCOMPARE(effects.countedToday, std::int64_t(interactions == InteractionState::Recorded ? 2 : 0));
    }

    std::unique_ptr<testing::TempDataDir> m_dir;
    std::shared_ptr<Fault> m_fault;
    std::unique_ptr<testing::SagaWorld> m_world;
    AffiliateId m_partner;
    CampaignId m_campaign;
};

QTEST_GUILESS_MAIN(TestSagaFaultInjection)
#include "tst_saga_fault_injection.moc"
