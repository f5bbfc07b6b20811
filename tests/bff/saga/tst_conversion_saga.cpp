#include "bff/saga/conversion_saga.h"
#include "bff/saga/saga_steps.h"
#include "tests/bff/saga/saga_test_messages.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::saga;
using namespace std::chrono_literals;
namespace types = alpes::messages::types;
using testing::reply;

namespace {

const UtcTime kStart = parseRfc3339("2026-11-22T18:00:00.000Z").value();
constexpr std::chrono::seconds kHold{3600};

// One saga driven by hand: the machine, the clock it is given, and what it sent.
class Driver {
public:
    explicit Driver(SagaOptions options = {})
        : m_options(std::move(options)),
          m_purchase(testing::purchaseTracked()),
          m_saga(ConversionSaga::begin(m_purchase, "tracked-1", kHold, m_options, kStart))
    {
        collect();
    }

    ConversionSaga& saga() { return m_saga; }
    const saga::PurchaseTracked& purchase() const { return m_purchase; }
    UtcTime now() const { return m_now; }
    void advance(Millis by) { m_now += by; }

    bool answer(std::string_view type, json::Json payload = json::Json::object())
    {
        const auto message = reply(type, m_purchase, std::move(payload), m_now, lastCommandId());
        const auto decoded = readReply(message);
        if (!decoded)
            qFatal("unreadable reply %s: %s", message.type.c_str(), decoded.error().message.c_str());
        const bool changed = m_saga.onReply(message, *decoded, m_now);
        collect();
        return changed;
    }
    bool timers(const ConversionSaga::ReplyExpectedBy& replyExpectedBy = {})
    {
        const bool changed = m_saga.onTimers(m_now, replyExpectedBy);
        collect();
        return changed;
    }
    bool holdOver()
    {
        const bool changed = m_saga.onHoldPeriodOver(m_now);
        collect();
        return changed;
    }
    bool fraud(const std::string& rule, const std::string& detail)
    {
        const bool changed = m_saga.flagFraud(rule, detail, m_now);
        collect();
        return changed;
    }
    Status retry()
    {
        auto status = m_saga.retry(m_now);
        collect();
        return status;
    }
    Status abort()
    {
        auto status = m_saga.abort(m_now);
        collect();
        return status;
    }

    // Runs the forward path up to `reserved`.
    void reserve(std::int64_t commission = 500)
    {
        answer(types::kConversionAttributed, testing::attributedPayload(m_purchase));
        answer(types::kCommissionReserved, testing::commissionReservedPayload(commission));
        answer(types::kBudgetReserved, testing::budgetReservedPayload(commission));
    }

    SagaState state() const { return m_saga.record().saga.state; }
    const SagaStep& step(StepName name) const
    {
        for (const auto& step : m_saga.record().steps)
            if (step.step.name == name)
                return step.step;
        qFatal("no step %s", std::string(kStepNames.name(name)).c_str());
    }
    bool has(StepName name) const
    {
        const auto& steps = m_saga.record().steps;
        return std::any_of(steps.begin(), steps.end(), [name](const StepRecord& s) { return s.step.name == name; });
    }
    std::vector<std::string> stepStates() const
    {
        std::vector<std::string> states;
        for (const auto& step : m_saga.record().steps)
            states.push_back(std::string(kStepNames.name(step.step.name)) + ":" +
                             std::string(kStepStates.name(step.step.state)));
        return states;
    }
    // The types of the commands sent since the last call.
    std::vector<std::string> sentTypes()
    {
        std::vector<std::string> sentTypes;
        for (const auto& command : std::exchange(m_sent, {}))
            sentTypes.push_back(command.type);
        return sentTypes;
    }
    std::vector<messages::Envelope> sent() { return std::exchange(m_sent, {}); }
    std::vector<StepChange> changes() { return std::exchange(m_changes, {}); }

private:
    void collect()
    {
        for (auto& command : m_saga.takeOutgoing()) {
            m_lastCommandId = command.id;
            m_sent.push_back(std::move(command));
        }
        for (auto& change : m_saga.takeChanges())
            m_changes.push_back(change);
    }
    std::string lastCommandId() const { return m_lastCommandId; }

    SagaOptions m_options;
    saga::PurchaseTracked m_purchase;
    ConversionSaga m_saga;
    UtcTime m_now = kStart;
    std::vector<messages::Envelope> m_sent;
    std::vector<StepChange> m_changes;
    std::string m_lastCommandId;
};

std::vector<std::string> list(std::initializer_list<const char*> items)
{
    return {items.begin(), items.end()};
}

}  // namespace

// The state machine alone, without storage or messaging: every transition of product.md §5.
class TestConversionSaga : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void beginsWithTheTrackedPurchaseAndAsksForAttribution()
    {
        Driver driver;
        QCOMPARE(driver.state(), SagaState::Started);
        QCOMPARE(driver.stepStates(),
                 list({"track:done", "attribute:running", "reserve_commission:pending", "reserve_budget:pending",
                       "confirm_commission:pending"}));
        QCOMPARE(driver.step(StepName::Track).replyId, std::optional<std::string>("tracked-1"));
        const auto sent = driver.sent();
        QCOMPARE(sent.size(), size_t(1));
        QCOMPARE(sent[0].type, std::string(types::kAttributeConversion));
        QCOMPARE(sent[0].correlationId, std::string("saga-1"));
        QCOMPARE(sent[0].causationId, std::string("tracked-1"));
        QCOMPARE(sent[0].key, std::string("conversion-1"));
        // Not the last attempt: tracking may answer "not yet" while its copy of the campaign is behind.
        QCOMPARE(sent[0].payload, (json::Json{{"conversionId", "conversion-1"}, {"final", false}}));
        QCOMPARE(driver.step(StepName::Attribute).attempts, 1);
        QCOMPARE(driver.step(StepName::Attribute).commandIds, std::vector<std::string>{sent[0].id});
        QCOMPARE(driver.changes().size(), size_t(2));  // track done, attribute running
    }

    void walksTheForwardPathToCompletedAfterTheHoldPeriod()
    {
        Driver driver;
        driver.sent();
        QVERIFY(driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase())));
        QCOMPARE(driver.state(), SagaState::Attributed);
        auto sent = driver.sent();
        QCOMPARE(sent.size(), size_t(1));
        QCOMPARE(sent[0].type, std::string(types::kReserveCommission));
        QCOMPARE(sent[0].payload.at("shares"),
                 (json::Json::array({{{"affiliateId", "affiliate-1"}, {"amount", {{"amount", 10000}, {"currency", "USD"}}}}})));

        QVERIFY(driver.answer(types::kCommissionReserved, testing::commissionReservedPayload(500)));
        sent = driver.sent();
        QCOMPARE(sent[0].type, std::string(types::kReserveBudget));
        QCOMPARE(sent[0].payload.at("amount"), (json::Json{{"amount", 500}, {"currency", "USD"}}));

        QVERIFY(driver.answer(types::kBudgetReserved, testing::budgetReservedPayload(500)));
        QCOMPARE(driver.state(), SagaState::Reserved);
        QCOMPARE(driver.saga().record().confirmAt, std::optional<UtcTime>(driver.now() + kHold));

        driver.advance(kHold - 1ms);
        QVERIFY(!driver.holdOver());
        QVERIFY(driver.sentTypes().empty());
        driver.advance(1ms);
        QVERIFY(driver.holdOver());
        QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(types::kConfirmCommission)});
        QVERIFY(!driver.holdOver());  // sent once

        QVERIFY(driver.answer(types::kCommissionConfirmed, json::Json{{"commissionIds", {"commission-1"}}}));
        QCOMPARE(driver.state(), SagaState::Completed);
        QCOMPARE(driver.saga().record().saga.endedAt, std::optional<UtcTime>(driver.now()));
        QCOMPARE(driver.stepStates(),
                 list({"track:done", "attribute:done", "reserve_commission:done", "reserve_budget:done",
                       "confirm_commission:done"}));
    }

    void anUnattributedConversionEndsWithoutCommission()
    {
        Driver driver;
        QVERIFY(driver.answer(types::kConversionUnattributed, json::Json{{"reason", "no_touchpoints"}}));
        QCOMPARE(driver.state(), SagaState::Unattributed);
        QCOMPARE(driver.stepStates(),
                 list({"track:done", "attribute:done", "reserve_commission:skipped", "reserve_budget:skipped",
                       "confirm_commission:skipped"}));
        QCOMPARE(driver.step(StepName::Attribute).outcome, std::optional<std::string>("unattributed: no_touchpoints"));
        driver.sent();
        driver.advance(24h);
        QVERIFY(!driver.timers());
        QVERIFY(driver.sent().empty());
    }

    void aCommissionOfZeroCompletesWithoutTouchingTheBudget()
    {
        Driver driver;
        driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase()));
        driver.sent();
        QVERIFY(driver.answer(types::kCommissionReserved, testing::commissionReservedPayload(0)));
        QCOMPARE(driver.state(), SagaState::Completed);
        QVERIFY(driver.sent().empty());
        QCOMPARE(driver.step(StepName::ReserveBudget).state, StepState::Skipped);
        QCOMPARE(driver.step(StepName::ConfirmCommission).state, StepState::Skipped);
    }

    void anUnknownCampaignIsAskedAgainThenCompensated()
    {
        Driver driver;
        driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase()));
        driver.sent();
        for (int attempt = 1; attempt <= 3; ++attempt) {
            QVERIFY(driver.answer(types::kCommissionReserved, testing::refusedCommissionPayload("unknown_campaign")));
            QVERIFY(driver.sent().empty());  // not at once: after the backoff
            driver.advance(10s);
            QVERIFY(driver.timers());
            QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(types::kReserveCommission)});
            QCOMPARE(driver.step(StepName::ReserveCommission).attempts, attempt + 1);
        }
        QVERIFY(driver.answer(types::kCommissionReserved, testing::refusedCommissionPayload("unknown_campaign")));
        // Out of retries: nothing was reserved, so nothing is there to undo.
        QCOMPARE(driver.state(), SagaState::Compensated);
        QCOMPARE(driver.step(StepName::ReserveCommission).state, StepState::Failed);
        QCOMPARE(driver.step(StepName::RevertCommission).state, StepState::Skipped);
        QVERIFY(driver.sent().empty());
    }

    void aCurrencyMismatchIsCompensatedAtOnce()
    {
        Driver driver;
        driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase()));
        driver.sent();
        QVERIFY(driver.answer(types::kCommissionReserved, testing::refusedCommissionPayload("currency_mismatch")));
        QCOMPARE(driver.state(), SagaState::Compensated);
        QCOMPARE(driver.step(StepName::ReserveCommission).error,
                 std::optional<std::string>("refused: currency_mismatch"));
        const auto& compensation = driver.saga().record().saga.compensation;
        QVERIFY(compensation);
        QCOMPARE(compensation->trigger, CompensationTrigger::StepFailed);
        QCOMPARE(compensation->scope, CompensationScope::Payment);
    }

    void budgetExceededUndoesThePaymentAndKeepsTheAttribution()
    {
        Driver driver;
        driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase()));
        driver.answer(types::kCommissionReserved, testing::commissionReservedPayload(500));
        driver.sent();
        QVERIFY(driver.answer(types::kBudgetExceeded, testing::budgetExceededPayload(500)));
        QCOMPARE(driver.state(), SagaState::Compensating);
        QCOMPARE(driver.stepStates(),
                 list({"track:done", "attribute:done", "reserve_commission:done", "reserve_budget:failed",
                       "confirm_commission:skipped", "release_budget:skipped", "revert_commission:running"}));
        const auto sent = driver.sent();
        QCOMPARE(sent.size(), size_t(1));
        QCOMPARE(sent[0].type, std::string(types::kRevertCommission));
        QCOMPARE(sent[0].payload.at("reason"), json::Json("budget exceeded: budget"));
        QVERIFY(driver.answer(types::kCommissionReverted, json::Json{{"commissionIds", {"commission-1"}}}));
        QCOMPARE(driver.state(), SagaState::Compensated);
        QVERIFY(!driver.has(StepName::RevertAttribution));
        QVERIFY(!driver.has(StepName::DiscardInteractions));
        QCOMPARE(driver.saga().record().saga.compensation->trigger, CompensationTrigger::BudgetExceeded);
    }

    void fraudCaughtAtAttributionDiscardsTheInteractionsAndNothingElse()
    {
        Driver driver;
        driver.sent();
        QVERIFY(driver.answer(types::kFraudDetected, testing::fraudPayload("click_injection", "1.2 s after the click")));
        QCOMPARE(driver.state(), SagaState::Compensating);
        QCOMPARE(driver.stepStates(),
                 list({"track:done", "attribute:failed", "reserve_commission:skipped", "reserve_budget:skipped",
                       "confirm_commission:skipped", "release_budget:skipped", "revert_commission:skipped",
                       "revert_attribution:skipped", "discard_interactions:running"}));
        const auto sent = driver.sent();
        QCOMPARE(sent.size(), size_t(1));
        QCOMPARE(sent[0].type, std::string(types::kDiscardInteractions));
        const auto& compensation = *driver.saga().record().saga.compensation;
        QCOMPARE(compensation.rule, std::optional<std::string>("click_injection"));
        QCOMPARE(compensation.detail, std::optional<std::string>("1.2 s after the click"));
        QCOMPARE(compensation.reason, std::string("fraud: click_injection (1.2 s after the click)"));
        QVERIFY(driver.answer(types::kInteractionsDiscarded, json::Json{{"interactionIds", {"click-1", "conversion-1"}}}));
        QCOMPARE(driver.state(), SagaState::Compensated);
    }

    void fraudAfterCompletionClawsEverythingBackInReverseOrder()
    {
        Driver driver;
        driver.reserve();
        driver.advance(kHold);
        driver.holdOver();
        driver.answer(types::kCommissionConfirmed, json::Json{{"commissionIds", {"commission-1"}}});
        QCOMPARE(driver.state(), SagaState::Completed);
        driver.sent();
        QVERIFY(driver.fraud("manual", "chargeback from the shop"));
        const std::pair<std::string_view, std::string_view> order[] = {
            {types::kReleaseBudget, types::kBudgetReleased},
            {types::kRevertCommission, types::kCommissionReverted},
            {types::kRevertAttribution, types::kAttributionReverted},
            {types::kDiscardInteractions, types::kInteractionsDiscarded},
        };
        for (const auto& [command, answer] : order) {
            QCOMPARE(driver.state(), SagaState::Compensating);
            QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(command)});
            QVERIFY(driver.answer(answer, answer == types::kBudgetReleased
                                              ? json::Json{{"amount", {{"amount", 500}, {"currency", "USD"}}}}
                                              : json::Json::object()));
        }
        QCOMPARE(driver.state(), SagaState::Compensated);
        QVERIFY(driver.sent().empty());
    }

    void fraudDuringAPaymentCompensationWidensIt()
    {
        Driver driver;
        driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase()));
        driver.answer(types::kCommissionReserved, testing::commissionReservedPayload(500));
        driver.answer(types::kBudgetExceeded, testing::budgetExceededPayload(500));
        driver.sent();
        QVERIFY(driver.fraud("manual", "found later"));
        QVERIFY(driver.sent().empty());  // the running revert finishes first
        driver.answer(types::kCommissionReverted);
        QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(types::kRevertAttribution)});
        driver.answer(types::kAttributionReverted, json::Json{{"reverted", true}});
        QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(types::kDiscardInteractions)});
        driver.answer(types::kInteractionsDiscarded);
        QCOMPARE(driver.state(), SagaState::Compensated);
        QCOMPARE(driver.saga().record().saga.compensation->trigger, CompensationTrigger::Fraud);
        // A compensated payment can still be found to be fraud: only what is left is undone.
        QVERIFY(!driver.fraud("manual", "again"));
    }

    void fraudAfterAPaymentCompensationUndoesTheRest()
    {
        Driver driver;
        driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase()));
        driver.answer(types::kCommissionReserved, testing::commissionReservedPayload(500));
        driver.answer(types::kBudgetExceeded, testing::budgetExceededPayload(500));
        driver.answer(types::kCommissionReverted);
        QCOMPARE(driver.state(), SagaState::Compensated);
        driver.sent();
        QVERIFY(driver.fraud("self_referral", "the partner bought"));
        QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(types::kRevertAttribution)});
        QCOMPARE(driver.step(StepName::RevertCommission).attempts, 1);  // not sent again
    }

    void fraudInterruptsARunningStepAndUndoesItToo()
    {
        Driver driver;
        driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase()));
        driver.answer(types::kCommissionReserved, testing::commissionReservedPayload(500));
        driver.sent();
        QVERIFY(driver.fraud("manual", "while reserving"));
        // ReserveBudget is on its way and may still reserve: its release follows it on the same key.
        QCOMPARE(driver.step(StepName::ReserveBudget).state, StepState::Failed);
        QCOMPARE(driver.step(StepName::ReserveBudget).error, std::optional<std::string>("interrupted: compensation started"));
        QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(types::kReleaseBudget)});
        // Its late reply changes nothing.
        QVERIFY(!driver.answer(types::kBudgetReserved, testing::budgetReservedPayload(500)));
        QCOMPARE(driver.state(), SagaState::Compensating);
    }

    void aDuplicatedFraudReportOrReplyChangesNothing()
    {
        Driver driver;
        QVERIFY(driver.answer(types::kFraudDetected, testing::fraudPayload("self_referral", "x")));
        driver.sent();
        driver.changes();
        QVERIFY(!driver.answer(types::kFraudDetected, testing::fraudPayload("self_referral", "x")));
        QVERIFY(!driver.fraud("manual", "twice"));
        QVERIFY(driver.answer(types::kInteractionsDiscarded));
        QVERIFY(!driver.answer(types::kInteractionsDiscarded));
        QVERIFY(!driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase())));
        QCOMPARE(driver.state(), SagaState::Compensated);
        QVERIFY(driver.sent().empty());
        QCOMPARE(driver.saga().record().saga.compensation->rule, std::optional<std::string>("self_referral"));
    }

    void aLostReplyIsRetriedWithADoublingBackoff()
    {
        Driver driver(SagaOptions{.stepTimeout = 5s, .maxRetries = 3, .firstBackoff = 500ms});
        auto first = driver.sent();
        // Attempt n times out 5 s after it went out and is sent again 0.5 s × 2^(n-1) later.
        const Millis backoffs[] = {500ms, 1000ms, 2000ms};
        std::string previous = first[0].id;
        for (int attempt = 2; attempt <= 4; ++attempt) {
            driver.advance(5s - 1ms);
            QVERIFY(!driver.timers());
            driver.advance(1ms);
            QVERIFY(driver.timers());  // overdue: the re-send is scheduled
            QVERIFY(driver.sent().empty());
            driver.advance(backoffs[attempt - 2]);
            QVERIFY(driver.timers());
            const auto sent = driver.sent();
            QCOMPARE(sent.size(), size_t(1));
            QCOMPARE(sent[0].type, std::string(types::kAttributeConversion));
            QVERIFY(sent[0].id != previous);  // a new message, so that the receiver answers again
            QCOMPARE(sent[0].causationId, previous);
            previous = sent[0].id;
            QCOMPARE(driver.step(StepName::Attribute).attempts, attempt);
        }
        QCOMPARE(driver.step(StepName::Attribute).commandIds.size(), size_t(4));
        driver.advance(5s);
        QVERIFY(driver.timers());
        // Out of retries: the payment compensation, with nothing paid yet.
        QCOMPARE(driver.step(StepName::Attribute).state, StepState::Failed);
        QCOMPARE(driver.step(StepName::Attribute).error,
                 std::optional<std::string>("no reply after 4 attempts (timeout 5000 ms)"));
        QCOMPARE(driver.state(), SagaState::Compensated);
        QCOMPARE(driver.saga().record().saga.compensation->trigger, CompensationTrigger::StepFailed);
    }

    void aReplyThatMayStillBeOnItsWayIsWaitedFor()
    {
        Driver driver(SagaOptions{.stepTimeout = 5s, .firstBackoff = 0ms});
        driver.sent();
        driver.advance(5s);
        const UtcTime expected = driver.now() + 7s;
        QVERIFY(driver.timers([&](const StepRecord&) { return std::optional(expected); }));
        QVERIFY(driver.sent().empty());
        QCOMPARE(driver.step(StepName::Attribute).attempts, 1);
        QCOMPARE(driver.saga().record().steps[1].dueAt, std::optional(expected));
        driver.advance(7s);
        QVERIFY(driver.timers([&](const StepRecord&) { return std::optional(expected); }));  // no longer later
        QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(types::kAttributeConversion)});
    }

    void aReplyToAnEarlierAttemptEndsTheStep()
    {
        Driver driver(SagaOptions{.stepTimeout = 1s, .firstBackoff = 0ms});
        driver.advance(1s);
        QVERIFY(driver.timers());
        QCOMPARE(driver.step(StepName::Attribute).attempts, 2);
        QVERIFY(driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase())));
        QCOMPARE(driver.state(), SagaState::Attributed);
    }

    void aForwardStepOutOfRetriesUndoesWhatItMayHaveDone()
    {
        Driver driver(SagaOptions{.stepTimeout = 1s, .maxRetries = 1, .firstBackoff = 0ms});
        driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase()));
        driver.answer(types::kCommissionReserved, testing::commissionReservedPayload(500));
        driver.sent();
        driver.advance(1s);
        driver.timers();
        driver.advance(1s);
        driver.timers();
        // ReserveBudget got no answer: it may have reserved, so the budget is released.
        QCOMPARE(driver.stepStates(),
                 list({"track:done", "attribute:done", "reserve_commission:done", "reserve_budget:failed",
                       "confirm_commission:skipped", "release_budget:running", "revert_commission:pending"}));
        QCOMPARE(driver.sentTypes(),
                 (std::vector<std::string>{std::string(types::kReserveBudget), std::string(types::kReleaseBudget)}));
    }

    void aCompensationOutOfRetriesFailsTheSagaUntilAnOperatorRetries()
    {
        Driver driver(SagaOptions{.stepTimeout = 1s, .maxRetries = 1, .firstBackoff = 0ms});
        driver.reserve();
        driver.fraud("manual", "x");
        driver.advance(1s);
        driver.timers();
        driver.advance(1s);
        driver.timers();
        QCOMPARE(driver.state(), SagaState::Failed);
        QCOMPARE(driver.saga().record().saga.error,
                 std::optional<std::string>("release_budget failed: no reply after 2 attempts (timeout 1000 ms)"));
        QCOMPARE(driver.step(StepName::RevertCommission).state, StepState::Pending);
        driver.sent();
        driver.advance(1h);
        QVERIFY(!driver.timers());  // a failed saga waits for the operator

        QVERIFY(driver.retry().ok());
        QCOMPARE(driver.state(), SagaState::Compensating);
        QCOMPARE(driver.step(StepName::ReleaseBudget).attempts, 1);
        QCOMPARE(driver.step(StepName::ReleaseBudget).commandIds.size(), size_t(3));  // the history stays
        QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(types::kReleaseBudget)});
        driver.answer(types::kBudgetReleased, json::Json{{"amount", {{"amount", 500}, {"currency", "USD"}}}});
        driver.answer(types::kCommissionReverted);
        driver.answer(types::kAttributionReverted);
        driver.answer(types::kInteractionsDiscarded);
        QCOMPARE(driver.state(), SagaState::Compensated);
        QVERIFY(!driver.saga().record().saga.error);
    }

    void abortGivesUpOnAFailedCompensation()
    {
        Driver driver(SagaOptions{.stepTimeout = 1s, .maxRetries = 0, .firstBackoff = 0ms});
        driver.reserve();
        driver.fraud("manual", "x");
        driver.advance(1s);
        driver.timers();
        QCOMPARE(driver.state(), SagaState::Failed);
        QVERIFY(driver.abort().ok());
        QCOMPARE(driver.state(), SagaState::Failed);
        QCOMPARE(driver.saga().record().saga.error,
                 std::optional<std::string>(
                     "aborted by operator (release_budget failed: no reply after 1 attempt (timeout 1000 ms))"));
        QCOMPARE(driver.step(StepName::DiscardInteractions).state, StepState::Skipped);
        QCOMPARE(driver.retry().error().code, ErrorCode::Conflict);
        QCOMPARE(driver.abort().error().code, ErrorCode::Conflict);
        QVERIFY(!driver.fraud("manual", "after the abort"));
    }

    void abortCompensatesTheWorkOfASagaInFlight()
    {
        Driver driver;
        driver.reserve();
        driver.sent();
        QVERIFY(driver.abort().ok());
        QCOMPARE(driver.state(), SagaState::Compensating);
        QCOMPARE(driver.saga().record().saga.compensation->trigger, CompensationTrigger::Aborted);
        QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(types::kReleaseBudget)});
        QVERIFY(!driver.saga().record().confirmAt);  // no confirmation after an abort
        QCOMPARE(driver.abort().error().code, ErrorCode::Conflict);
        QCOMPARE(driver.retry().error().code, ErrorCode::Conflict);
    }

    void aDroppedCommandIsRecordedButNotSent()
    {
        int asked = 0;
        Driver driver(SagaOptions{.stepTimeout = 1s,
                                  .firstBackoff = 0ms,
                                  .dropCommand = [&asked](const SagaId&, std::string_view command, int attempt) {
                                      ++asked;
                                      return command == types::kAttributeConversion && attempt == 1;
                                  }});
        QVERIFY(driver.sent().empty());
        QCOMPARE(driver.step(StepName::Attribute).state, StepState::Running);
        QCOMPARE(driver.step(StepName::Attribute).commandIds.size(), size_t(1));
        driver.advance(1s);
        driver.timers();
        QCOMPARE(driver.sentTypes(), std::vector<std::string>{std::string(types::kAttributeConversion)});
        QCOMPARE(asked, 2);
    }

    void everyStepChangeIsTold()
    {
        Driver driver;
        driver.changes();
        driver.answer(types::kConversionAttributed, testing::attributedPayload(driver.purchase()));
        const auto changes = driver.changes();
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[0], (StepChange{SagaId("saga-1"), StepName::Attribute, StepState::Done, driver.now(),
                                         StepKind::Action, SagaState::Attributed}));
        QCOMPARE(changes[1], (StepChange{SagaId("saga-1"), StepName::ReserveCommission, StepState::Running,
                                         driver.now(), StepKind::Action, SagaState::Attributed}));
    }

    void theStepsKnowTheirServicesAndReplies()
    {
        QCOMPARE(definitionOf(StepName::ReserveBudget).service, std::string_view("marketing"));
        QCOMPARE(definitionOf(StepName::RevertAttribution).command, types::kRevertAttribution);
        QCOMPARE(stepAnsweredBy(types::kBudgetExceeded), std::optional<StepName>(StepName::ReserveBudget));
        QCOMPARE(stepAnsweredBy(types::kCampaignCreated), std::optional<StepName>());
        QCOMPARE(compensationPlan(CompensationScope::Payment).size(), size_t(2));
        QCOMPARE(compensationPlan(CompensationScope::Full).back(), StepName::DiscardInteractions);
    }
};

QTEST_APPLESS_MAIN(TestConversionSaga)
#include "tst_conversion_saga.moc"
