#pragma once

#include "bff/saga/saga_messages.h"
#include "bff/saga/saga_options.h"
#include "bff/saga/saga_record.h"
#include "shared/messages/envelope.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace alpes::saga {

// The conversion saga's state machine (product.md §5) over one saga, in memory: every transition
// changes the record, queues the commands to send and notes the step changes. It does no I/O, so
// the orchestrator can run it inside one writer unit and save the record and the commands together
// (write-ahead: a step's intent is committed with the command that carries it).
//
//   started ──ConversionAttributed──▶ attributed ──CommissionReserved──▶ (ReserveBudget)
//      │                                   ──BudgetReserved──▶ reserved ──hold over──▶ completed
//      └─ConversionUnattributed──▶ unattributed
//   FraudDetected / flagFraud (any time):  compensating (full) ──▶ compensated
//   BudgetExceeded / a step out of retries / abort:  compensating (payment) ──▶ compensated
//   a compensation out of retries: failed (retry() resumes it, abort() gives up)
//
// Thread-safety: none; one instance lives inside one writer unit.
class ConversionSaga {
public:
    static constexpr std::string_view kType = "conversion";
    static constexpr std::string_view kSource = "saga";

    ConversionSaga(SagaRecord record, const SagaOptions& options);

    // A new saga for a tracked purchase: `track` done, `attribute` sent.
    static ConversionSaga begin(const PurchaseTracked& purchase, const std::string& trackedMessageId,
                                std::chrono::seconds holdPeriod, const SagaOptions& options, UtcTime now);

    // Applies a reply (or a FraudDetected). False when it changes nothing: a reply for a step
    // that is no longer running, or a fraud report for a saga already fully compensating.
    bool onReply(const messages::Envelope& message, const Reply& reply, UtcTime now);
    // For an overdue step, until when its reply may still come although it is late (its command is
    // still queued, or replies arrive late because the messaging is backlogged); nullopt if it is lost.
    using ReplyExpectedBy = std::function<std::optional<UtcTime>(const StepRecord& step)>;

    // Acts on every running step whose timer is due: waits longer for a reply that may still come,
    // re-sends, or gives up after the last retry.
    bool onTimers(UtcTime now, const ReplyExpectedBy& replyExpectedBy = {});
    // Sends ConfirmCommission once the hold period is over.
    bool onHoldPeriodOver(UtcTime now);
    // Starts (or widens to) the full compensation; false when it is already under way.
    bool flagFraud(const std::string& rule, const std::string& detail, UtcTime now);
    // Operator actions; Conflict when the saga's state does not allow them.
    Status retry(UtcTime now);
    Status abort(UtcTime now);

    const SagaRecord& record() const { return m_record; }
    SagaRecord& record() { return m_record; }
    // The commands to append to the outbox, in order, and the step changes to announce.
    std::vector<messages::Envelope> takeOutgoing() { return std::exchange(m_outgoing, {}); }
    std::vector<StepChange> takeChanges();

private:
    StepRecord* find(StepName name);
    StepRecord& forward(StepName name);
    void touch(StepRecord& step, UtcTime now);
    void setState(SagaState state, UtcTime now);
    void send(StepRecord& step, json::Json payload, const std::string& causationId, UtcTime now);
    void resend(StepRecord& step, UtcTime now);
    void finish(StepRecord& step, StepState state, const messages::Envelope& reply, UtcTime now);
    void skipPendingForward(UtcTime now);
    void retryLater(StepRecord& step, UtcTime now);
    void giveUp(StepRecord& step, const std::string& error, bool mayHaveEffect, UtcTime now);
    bool beginCompensation(Compensation compensation, UtcTime now);
    void advanceCompensation(const std::string& causationId, UtcTime now);
    json::Json compensationPayload(StepName name) const;

    void onAttributeReply(StepRecord& step, const messages::Envelope& message, const Reply& reply, UtcTime now);
    void onCommissionReserved(StepRecord& step, const messages::Envelope& message, const Reply& reply, UtcTime now);
    void onBudgetReply(StepRecord& step, const messages::Envelope& message, const Reply& reply, UtcTime now);

    SagaRecord m_record;
    const SagaOptions& m_options;
    std::vector<messages::Envelope> m_outgoing;
    std::vector<StepChange> m_changes;
};

}  // namespace alpes::saga
