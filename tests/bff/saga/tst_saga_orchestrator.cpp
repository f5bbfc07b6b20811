#include "bff/events/embedded_bus.h"
#include "bff/saga/saga_orchestrator.h"
#include "shared/dto/campaign.h"
#include "tests/bff/saga/saga_test_messages.h"
#include "tests/support/event_fixture.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_clock.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <mutex>

using namespace alpes;
using namespace alpes::saga;
using namespace std::chrono_literals;
namespace types = alpes::messages::types;

namespace {

const UtcTime kStart = parseRfc3339("2026-11-22T18:00:00.000Z").value();

// Keeps every command the saga publishes, as the services would receive them.
class CommandRecorder {
public:
    CommandRecorder(const std::filesystem::path& file, events::MessageBus& bus)
        : m_db(testing::EventDatabase::open(file)),
          m_consumer({.name = "recorder",
                      .types = {std::string(types::kAttributeConversion), std::string(types::kReserveCommission),
                                std::string(types::kReserveBudget), std::string(types::kConfirmCommission),
                                std::string(types::kReleaseBudget), std::string(types::kRevertCommission),
                                std::string(types::kRevertAttribution), std::string(types::kDiscardInteractions)}},
                     *m_db.writer, m_upcaster, [this](storage::Database&, const messages::Envelope& message) -> Status {
                         const std::lock_guard lock(m_mutex);
                         m_received.push_back(message);
                         return {};
                     })
    {
        bus.subscribe(m_consumer);
    }

    std::vector<messages::Envelope> received(std::string_view type) const
    {
        const std::lock_guard lock(m_mutex);
        std::vector<messages::Envelope> matching;
        for (const auto& message : m_received)
            if (message.type == type)
                matching.push_back(message);
        return matching;
    }
    size_t count(std::string_view type) const { return received(type).size(); }
    size_t total() const
    {
        const std::lock_guard lock(m_mutex);
        return m_received.size();
    }

private:
    testing::EventDatabase m_db;
    messages::Upcaster m_upcaster;
    events::Consumer m_consumer;
    mutable std::mutex m_mutex;
    std::vector<messages::Envelope> m_received;
};

messages::Envelope campaignEvent(std::string_view type, std::int64_t holdPeriodSeconds, UtcTime updatedAt)
{
    dto::Campaign campaign;
    campaign.id = CampaignId("campaign-1");
    campaign.name = "Summer";
    campaign.brand = {BrandId("brand-1"), "Acme"};
    campaign.startsAt = kStart - 24h;
    campaign.endsAt = kStart + 24h * 30;
    campaign.budget = testing::usd(100000);
    campaign.spent = testing::usd(0);
    campaign.commission.ratePpm = 50000;
    campaign.holdPeriodSeconds = holdPeriodSeconds;
    campaign.state = domain::CampaignState::Active;
    campaign.createdAt = kStart - 24h;
    campaign.updatedAt = updatedAt;
    return messages::makeEnvelope(std::string(type), 1, "marketing", campaign.id.str(), dto::toJson(campaign),
                                  updatedAt);
}

std::vector<std::string> stepStates(const SagaDetail& detail)
{
    std::vector<std::string> states;
    for (const auto& step : detail.steps)
        states.push_back(std::string(kStepNames.name(step.name)) + ":" + std::string(kStepStates.name(step.state)));
    return states;
}

}  // namespace

// The orchestrator on its own saga log (a real SQLite file), fed through its consumer and timed by
// a test clock; the services are stood in for by a recorder of the commands it sends.
class TestSagaOrchestrator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        m_clock = std::make_unique<testing::TestClock>(kStart);
        m_bus = std::make_unique<events::EmbeddedBus>();
        m_recorder = std::make_unique<CommandRecorder>(m_dir->path() / "recorder.db", *m_bus);
        open();
    }
    void cleanup()
    {
        m_sagas.reset();
        m_recorder.reset();
        m_bus.reset();
        m_clock.reset();
        m_dir.reset();
    }

    void startsOneSagaPerPurchaseAndNoneForOtherInteractions()
    {
        const auto purchase = testing::purchaseTracked();
        QVERIFY(deliver(testing::interactionTracked(purchase, m_clock->now())));
        // The same purchase told again (a new message): still one saga, one command.
        QVERIFY(deliver(testing::interactionTracked(purchase, m_clock->now())));
        auto view = testing::interactionTracked(testing::purchaseTracked("2"), m_clock->now());
        view.payload["type"] = "view";
        QVERIFY(deliver(view));

        QTRY_COMPARE(m_recorder->count(types::kAttributeConversion), size_t(1));
        const auto saga = m_sagas->get(purchase.sagaId);
        QVERIFY(saga.ok());
        QCOMPARE(saga->saga.state, SagaState::Started);
        QCOMPARE(saga->saga.conversionId, purchase.conversionId);
        QCOMPARE(saga->saga.orderId, purchase.orderId);
        QCOMPARE(saga->saga.amount, purchase.amount);
        QCOMPARE(saga->steps[1].commandIds,
                 std::vector<std::string>{m_recorder->received(types::kAttributeConversion)[0].id});
        QCOMPARE(m_sagas->getByConversion(purchase.conversionId)->saga.id, purchase.sagaId);
        QCOMPARE(m_sagas->get(SagaId("saga-2")).error().code, ErrorCode::NotFound);
        QCOMPARE(m_sagas->countByState()->at(SagaState::Started), std::int64_t(1));
    }

    void persistsEveryStepOfTheForwardPath()
    {
        const auto purchase = testing::purchaseTracked();
        QVERIFY(deliver(campaignEvent(types::kCampaignCreated, 60, kStart)));
        QVERIFY(deliver(testing::interactionTracked(purchase, m_clock->now())));
        QVERIFY(answer(types::kConversionAttributed, testing::attributedPayload(purchase)));
        QVERIFY(answer(types::kCommissionReserved, testing::commissionReservedPayload(500)));
        QVERIFY(answer(types::kBudgetReserved, testing::budgetReservedPayload(500)));
        QTRY_COMPARE(m_recorder->count(types::kReserveBudget), size_t(1));

        auto saga = m_sagas->get(purchase.sagaId).value();
        QCOMPARE(saga.saga.state, SagaState::Reserved);
        QCOMPARE(stepStates(saga), (std::vector<std::string>{"track:done", "attribute:done", "reserve_commission:done",
                                                             "reserve_budget:done", "confirm_commission:pending"}));
        const auto& budget = saga.steps[3];
        QCOMPARE(budget.service, std::string("marketing"));
        QCOMPARE(budget.kind, StepKind::Action);
        QCOMPARE(budget.attempts, 1);
        QCOMPARE(budget.outcome, std::optional<std::string>("reserved 5.00 USD, 995.00 USD left"));
        QCOMPARE(budget.payload->at("amount").at("amount"), json::Json(500));
        QVERIFY(budget.replyId && budget.startedAt && budget.endedAt);

        // The hold period of the saga's campaign copy (60 s) decides when the commission is confirmed.
        m_clock->advance(59s);
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(0));
        m_clock->advance(1s);
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(1));
        QTRY_COMPARE(m_recorder->count(types::kConfirmCommission), size_t(1));
        QVERIFY(answer(types::kCommissionConfirmed, json::Json{{"commissionIds", {"commission-1"}}}));
        saga = m_sagas->get(purchase.sagaId).value();
        QCOMPARE(saga.saga.state, SagaState::Completed);
        QCOMPARE(saga.saga.endedAt, std::optional<UtcTime>(m_clock->now()));
        QCOMPARE(m_recorder->total(), size_t(4));  // each command once
    }

    void aShorterHoldPeriodAppliesToReservedSagasAtOnce()
    {
        const auto purchase = testing::purchaseTracked();
        QVERIFY(deliver(campaignEvent(types::kCampaignCreated, 3600, kStart)));
        reserve(purchase);
        m_clock->advance(10s);
        QVERIFY(deliver(campaignEvent(types::kCampaignUpdated, 5, kStart + 1s)));
        // An older copy arriving late does not undo the change.
        QVERIFY(deliver(campaignEvent(types::kCampaignUpdated, 3600, kStart)));
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(1));
        QTRY_COMPARE(m_recorder->count(types::kConfirmCommission), size_t(1));
    }

    void anOverdueReplyIsAskedForAgainAndTheLogKeepsEveryAttempt()
    {
        const auto purchase = testing::purchaseTracked();
        QVERIFY(deliver(testing::interactionTracked(purchase, m_clock->now())));
        waitUntilSent();
        m_clock->advance(m_sagas->options().stepTimeout);
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(1));  // schedules the re-send
        m_clock->advance(m_sagas->options().firstBackoff);
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(1));
        QTRY_COMPARE(m_recorder->count(types::kAttributeConversion), size_t(2));
        const auto attribute = m_sagas->get(purchase.sagaId)->steps[1];
        QCOMPARE(attribute.attempts, 2);
        QCOMPARE(attribute.commandIds.size(), size_t(2));
        QCOMPARE(attribute.state, StepState::Running);
    }

    void resumesUnfinishedSagasAfterARestart()
    {
        const auto first = testing::purchaseTracked("1");
        const auto second = testing::purchaseTracked("2");
        QVERIFY(deliver(testing::interactionTracked(first, m_clock->now())));
        QVERIFY(deliver(testing::interactionTracked(second, m_clock->now())));
        QVERIFY(answer(types::kConversionAttributed, testing::attributedPayload(first), first));
        QTRY_COMPARE(m_recorder->count(types::kReserveCommission), size_t(1));
        m_sagas.reset();  // as after a crash: the saga log is all that is left

        m_clock->advance(m_sagaOptions.stepTimeout);
        open();
        waitUntilSent();  // what was committed before the crash goes out first
        // Both sagas are where they stopped; their overdue commands go out again.
        QCOMPARE(m_sagas->get(first.sagaId)->saga.state, SagaState::Attributed);
        QCOMPARE(m_sagas->get(second.sagaId)->saga.state, SagaState::Started);
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(2));  // overdue: re-sends scheduled
        m_clock->advance(m_sagaOptions.firstBackoff);
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(2));
        QTRY_COMPARE(m_recorder->count(types::kReserveCommission), size_t(2));
        QTRY_COMPARE(m_recorder->count(types::kAttributeConversion), size_t(3));
        QVERIFY(answer(types::kCommissionReserved, testing::commissionReservedPayload(500), first));
        QTRY_COMPARE(m_recorder->count(types::kReserveBudget), size_t(1));
    }

    void aRepeatedOrLateReplyChangesNothing()
    {
        const auto purchase = testing::purchaseTracked();
        QVERIFY(deliver(testing::interactionTracked(purchase, m_clock->now())));
        const auto attributed = reply(types::kConversionAttributed, testing::attributedPayload(purchase), purchase);
        QVERIFY(deliver(attributed));
        QVERIFY(deliver(attributed));  // the same message: dropped by the inbox
        QVERIFY(answer(types::kConversionAttributed, testing::attributedPayload(purchase)));  // a repeat: its step is done
        QVERIFY(answer(types::kConversionUnattributed, json::Json{{"reason", "no_touchpoints"}}));
        // A reply of a saga this log does not know is ignored.
        QVERIFY(answer(types::kBudgetReserved, testing::budgetReservedPayload(1), testing::purchaseTracked("9")));
        QTRY_COMPARE(m_recorder->count(types::kReserveCommission), size_t(1));
        QCOMPARE(m_sagas->get(purchase.sagaId)->saga.state, SagaState::Attributed);
        QCOMPARE(m_sagas->consumer().deadLetters()->size(), size_t(0));
    }

    void anUnreadableReplyEndsInTheDeadLetters()
    {
        const auto purchase = testing::purchaseTracked();
        QVERIFY(deliver(testing::interactionTracked(purchase, m_clock->now())));
        QVERIFY(answer(types::kBudgetReserved, json::Json{{"amount", "a lot"}}));
        const auto letters = m_sagas->consumer().deadLetters();
        QCOMPARE(letters->size(), size_t(1));
        QCOMPARE(letters->front().message.type, std::string(types::kBudgetReserved));
    }

    void flagsFraudByHandAndClawsBackACompletedSaga()
    {
        const auto purchase = testing::purchaseTracked();
        QCOMPARE(m_sagas->flagFraud(purchase.conversionId, "chargeback").error().code, ErrorCode::NotFound);
        QVERIFY(deliver(campaignEvent(types::kCampaignCreated, 1, kStart)));
        reserve(purchase);
        m_clock->advance(1s);
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(1));
        QVERIFY(answer(types::kCommissionConfirmed, json::Json{{"commissionIds", {"commission-1"}}}));
        QCOMPARE(m_sagas->flagFraud(purchase.conversionId, "").error().code, ErrorCode::Validation);

        const auto flagged = m_sagas->flagFraud(purchase.conversionId, "chargeback");
        QVERIFY(flagged.ok());
        QCOMPARE(flagged->saga.state, SagaState::Compensating);
        QCOMPARE(flagged->saga.compensation->rule, std::optional<std::string>("manual"));
        QCOMPARE(flagged->saga.compensation->detail, std::optional<std::string>("chargeback"));
        QCOMPARE(stepStates(*flagged).back(), std::string("discard_interactions:pending"));
        QTRY_COMPARE(m_recorder->count(types::kReleaseBudget), size_t(1));
        // Flagging it again changes nothing.
        QCOMPARE(m_sagas->flagFraud(purchase.conversionId, "again")->saga.compensation->detail,
                 std::optional<std::string>("chargeback"));
        QVERIFY(answer(types::kBudgetReleased, json::Json{{"amount", {{"amount", 500}, {"currency", "USD"}}}}));
        QVERIFY(answer(types::kCommissionReverted, json::Json{{"commissionIds", {"commission-1"}}}));
        QVERIFY(answer(types::kAttributionReverted, json::Json{{"reverted", true}}));
        QVERIFY(answer(types::kInteractionsDiscarded, json::Json{{"interactionIds", {"click-1"}}}));
        QCOMPARE(m_sagas->get(purchase.sagaId)->saga.state, SagaState::Compensated);
        QTRY_COMPARE(m_recorder->count(types::kDiscardInteractions), size_t(1));  // relayed after the commit
        QCOMPARE(m_recorder->received(types::kDiscardInteractions)[0].payload.at("reason"),
                 json::Json("fraud: manual (chargeback)"));
    }

    void anOperatorRetriesOrAbortsAFailedCompensation()
    {
        const auto purchase = testing::purchaseTracked();
        reserve(purchase);
        QCOMPARE(m_sagas->retry(purchase.sagaId).error().code, ErrorCode::Conflict);
        QVERIFY(m_sagas->flagFraud(purchase.conversionId, "x").ok());
        expireEveryAttempt();
        auto saga = m_sagas->get(purchase.sagaId).value();
        QCOMPARE(saga.saga.state, SagaState::Failed);
        QVERIFY(saga.saga.error->starts_with("release_budget failed: no reply after 4 attempts"));

        const auto retried = m_sagas->retry(purchase.sagaId);
        QVERIFY(retried.ok());
        QCOMPARE(retried->saga.state, SagaState::Compensating);
        QCOMPARE(retried->steps[5].attempts, 1);
        expireEveryAttempt();
        QCOMPARE(m_sagas->get(purchase.sagaId)->saga.state, SagaState::Failed);
        const auto aborted = m_sagas->abort(purchase.sagaId);
        QVERIFY(aborted.ok());
        QVERIFY(aborted->saga.error->starts_with("aborted by operator"));
        QCOMPARE(m_sagas->abort(purchase.sagaId).error().code, ErrorCode::Conflict);
        QCOMPARE(m_sagas->retry(SagaId("nobody")).error().code, ErrorCode::NotFound);
    }

    void aCommandStillInTheOutboxIsNotSentAgain()
    {
        m_sagas.reset();
        open({}, false);  // the relay does not run: commands stay committed in the outbox
        const auto purchase = testing::purchaseTracked();
        QVERIFY(deliver(testing::interactionTracked(purchase, m_clock->now())));
        m_clock->advance(m_sagaOptions.stepTimeout * 10);
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(1));  // its deadline moves on
        m_clock->advance(m_sagaOptions.firstBackoff * 8);
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(0));
        QCOMPARE(m_sagas->get(purchase.sagaId)->steps[1].attempts, 1);
        m_sagas->database().start();
        QTRY_COMPARE(m_recorder->count(types::kAttributeConversion), size_t(1));
    }

    void repliesArrivingLateHoldBackTheRetries()
    {
        const auto slow = testing::purchaseTracked("1");
        QVERIFY(deliver(testing::interactionTracked(slow, m_clock->now())));
        waitUntilSent();
        // Another saga's reply, produced 30 s before it arrives: the messaging is backlogged.
        const auto other = testing::purchaseTracked("2");
        QVERIFY(deliver(testing::interactionTracked(other, m_clock->now())));
        m_clock->advance(m_sagaOptions.stepTimeout + std::chrono::seconds(1));
        QVERIFY(deliver(testing::reply(types::kConversionUnattributed, other, json::Json{{"reason", "no_touchpoints"}},
                                       m_clock->now() - std::chrono::seconds(30))));
        // Its reply may be as late as the others: it is waited for until 5 s + 30 s after it was sent.
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(1));
        QCOMPARE(m_sagas->get(slow.sagaId)->steps[1].attempts, 1);
        m_clock->advance(std::chrono::seconds(28));
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(0));
        // Then, nothing late having arrived since, the timeout counts as usual again.
        m_clock->advance(std::chrono::seconds(1));
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(1));
        m_clock->advance(m_sagaOptions.firstBackoff);
        QCOMPARE(m_sagas->runDueTimers().value(), size_t(1));
        QCOMPARE(m_sagas->get(slow.sagaId)->steps[1].attempts, 2);
    }

    void listsNewestFirstWithACursorAndFilters()
    {
        for (int i = 1; i <= 5; ++i) {
            auto purchase = testing::purchaseTracked(std::to_string(i));
            purchase.campaignId = CampaignId(i % 2 == 0 ? "campaign-even" : "campaign-odd");
            QVERIFY(deliver(testing::interactionTracked(purchase, m_clock->now())));
        }
        QVERIFY(answer(types::kConversionUnattributed, json::Json{{"reason", "no_touchpoints"}},
                       testing::purchaseTracked("3")));
        auto page = m_sagas->list({}, {.limit = 2}).value();
        QCOMPARE(page.items.size(), size_t(2));
        QCOMPARE(page.items[0].id, SagaId("saga-5"));
        QCOMPARE(page.items[1].id, SagaId("saga-4"));
        QVERIFY(page.nextCursor);
        page = m_sagas->list({}, {.limit = 2, .after = decodeCursor(*page.nextCursor).value()}).value();
        QCOMPARE(page.items[0].id, SagaId("saga-3"));
        QCOMPARE(page.items[0].state, SagaState::Unattributed);

        const auto odd = m_sagas->list({.campaignId = CampaignId("campaign-odd")}, {}).value();
        QCOMPARE(odd.items.size(), size_t(3));
        QVERIFY(!odd.nextCursor);
        const auto started = m_sagas->list({.state = SagaState::Started, .campaignId = CampaignId("campaign-odd")}, {});
        QCOMPARE(started->items.size(), size_t(2));
        const auto counts = m_sagas->countByState().value();
        QCOMPARE(counts.at(SagaState::Started), std::int64_t(4));
        QCOMPARE(counts.at(SagaState::Unattributed), std::int64_t(1));
        QCOMPARE(counts.at(SagaState::Failed), std::int64_t(0));
    }

    void tellsTheListenerOfEveryStepChangeOnceCommitted()
    {
        struct Seen {
            std::mutex mutex;
            std::vector<StepChange> changes;
        };
        auto seen = std::make_shared<Seen>();
        m_sagas.reset();
        open([seen](const StepChange& change) {
            const std::lock_guard lock(seen->mutex);
            seen->changes.push_back(change);
        });
        const auto purchase = testing::purchaseTracked();
        QVERIFY(deliver(testing::interactionTracked(purchase, m_clock->now())));
        QVERIFY(answer(types::kConversionUnattributed, json::Json{{"reason", "no_touchpoints"}}));
        // Told after the commit, on the writer thread, so possibly after deliver() returned.
        QTRY_COMPARE([&] {
            const std::lock_guard lock(seen->mutex);
            return seen->changes.size();
        }(), size_t(6));
        const std::lock_guard lock(seen->mutex);
        std::vector<std::string> told;
        for (const auto& change : seen->changes) {
            QCOMPARE(change.sagaId, purchase.sagaId);
            told.push_back(std::string(kStepNames.name(change.step)) + ":" +
                           std::string(kStepStates.name(change.state)) + " saga " +
                           std::string(kSagaStates.name(change.sagaState)));
        }
        QCOMPARE(told, (std::vector<std::string>{"track:done saga started", "attribute:running saga started",
                                                 "attribute:done saga unattributed",
                                                 "reserve_commission:skipped saga unattributed",
                                                 "reserve_budget:skipped saga unattributed",
                                                 "confirm_commission:skipped saga unattributed"}));
    }

private:
    // Until the saga's relay has delivered every committed command.
    void waitUntilSent()
    {
        QTRY_COMPARE(m_sagas->database().relay().depth().value(), std::int64_t(0));
    }

    void open(StepListener listener = {}, bool relay = true)
    {
        auto sagas = SagaOrchestrator::open({m_dir->path(), std::string(SagaOrchestrator::kName)}, *m_bus, *m_clock,
                                            m_sagaOptions);
        QVERIFY(sagas.ok());
        m_sagas = std::move(sagas).value();
        if (listener)
            m_sagas->addStepListener(std::move(listener));
        if (relay)
            m_sagas->database().start();
    }

    bool deliver(const messages::Envelope& message)
    {
        return m_sagas->consumer().deliver(std::span(&message, 1)).ok();
    }

    messages::Envelope reply(std::string_view type, json::Json payload, const saga::PurchaseTracked& purchase)
    {
        return testing::reply(type, purchase, std::move(payload), m_clock->now());
    }

    bool answer(std::string_view type, json::Json payload,
                const saga::PurchaseTracked& purchase = testing::purchaseTracked())
    {
        return deliver(reply(type, std::move(payload), purchase));
    }

    void reserve(const saga::PurchaseTracked& purchase)
    {
        QVERIFY(deliver(testing::interactionTracked(purchase, m_clock->now())));
        QVERIFY(answer(types::kConversionAttributed, testing::attributedPayload(purchase), purchase));
        QVERIFY(answer(types::kCommissionReserved, testing::commissionReservedPayload(500), purchase));
        QVERIFY(answer(types::kBudgetReserved, testing::budgetReservedPayload(500), purchase));
        QCOMPARE(m_sagas->get(purchase.sagaId)->saga.state, SagaState::Reserved);
    }

    // Lets every attempt of the running step time out: first attempt and all retries.
    void expireEveryAttempt()
    {
        for (int attempt = 0; attempt <= m_sagaOptions.maxRetries; ++attempt) {
            waitUntilSent();
            m_clock->advance(m_sagaOptions.stepTimeout);
            QVERIFY(m_sagas->runDueTimers().ok());
            m_clock->advance(Millis(m_sagaOptions.firstBackoff * 8));
            QVERIFY(m_sagas->runDueTimers().ok());
        }
    }

    SagaOptions m_sagaOptions;
    std::unique_ptr<testing::TempDataDir> m_dir;
    std::unique_ptr<testing::TestClock> m_clock;
    std::unique_ptr<events::EmbeddedBus> m_bus;
    std::unique_ptr<CommandRecorder> m_recorder;
    std::unique_ptr<SagaOrchestrator> m_sagas;
};

QTEST_GUILESS_MAIN(TestSagaOrchestrator)
#include "tst_saga_orchestrator.moc"
