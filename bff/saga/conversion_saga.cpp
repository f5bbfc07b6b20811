#include "bff/saga/conversion_saga.h"

#include "bff/messages/message_types.h"
#include "bff/saga/saga_steps.h"
#include "shared/domain/campaign_terms.h"

#include <algorithm>

namespace alpes::saga {
namespace {

namespace types = messages::types;

constexpr int kMessageVersion = 1;
// Answers that decide nothing yet: the service stored nothing because its copy of the campaign or of
// a partner may not have caught up with marketing or affiliates (docs/messages.md). Worth asking
// again; any other refusal would be answered the same way every time.
constexpr std::string_view kNotYetReasons[] = {"unknown_campaign", "awaiting_campaign", "awaiting_partner"};
constexpr std::string_view kInterrupted = "interrupted: compensation started";
constexpr std::string_view kAbortedByOperator = "aborted by operator";

// The wait before attempt `attempts + 1`: firstBackoff, doubled for every attempt after the first.
Millis backoffAfter(const SagaOptions& options, int attempts)
{
    Millis wait = options.firstBackoff;
    for (int i = 1; i < attempts && wait < std::chrono::hours(1); ++i)
        wait *= 2;
    return wait;
}

bool isNotYet(const Reply& reply)
{
    return reply.reason && std::find(std::begin(kNotYetReasons), std::end(kNotYetReasons), *reply.reason) !=
                               std::end(kNotYetReasons);
}

// The steps whose service decides from its copies of other services' data: their command says whether
// this attempt is the last one, which must decide with the copy as it stands (docs/decisions.md).
bool decidesFromCopies(StepName name)
{
    return name == StepName::Attribute || name == StepName::ReserveCommission;
}

json::Json conversionPayload(const SagaSummary& saga)
{
    return json::Json{{"conversionId", saga.conversionId.str()}};
}

}  // namespace

ConversionSaga::ConversionSaga(SagaRecord record, const SagaOptions& options)
    : m_record(std::move(record)), m_options(options)
{
}

ConversionSaga ConversionSaga::begin(const PurchaseTracked& purchase, const std::string& trackedMessageId,
                                     std::chrono::seconds holdPeriod, const SagaOptions& options, UtcTime now)
{
    SagaRecord record;
    record.holdPeriod = holdPeriod;
    SagaSummary& saga = record.saga;
    saga.id = purchase.sagaId;
    saga.type = std::string(kType);
    saga.state = SagaState::Started;
    saga.conversionId = purchase.conversionId;
    saga.campaignId = purchase.campaignId;
    saga.affiliateId = purchase.affiliateId;
    saga.orderId = purchase.orderId;
    saga.amount = purchase.amount;
    saga.startedAt = saga.updatedAt = now;
    for (const StepName name : forwardSteps()) {
        const auto& definition = definitionOf(name);
        record.steps.push_back({.step = {.name = name, .service = std::string(definition.service), .kind = definition.kind},
                                .dirty = true});
    }
    ConversionSaga machine(std::move(record), options);
    // The purchase itself is the first step: recorded by tracking before the saga existed.
    StepRecord& track = machine.forward(StepName::Track);
    track.step.state = StepState::Done;
    track.step.startedAt = track.step.endedAt = now;
    track.step.replyId = trackedMessageId;
    track.step.outcome = "purchase " + purchase.orderId + " of " + purchase.amount.toString() + " recorded";
    track.mayHaveEffect = true;
    machine.touch(track, now);
    machine.send(machine.forward(StepName::Attribute), conversionPayload(machine.m_record.saga), trackedMessageId,
                 now);
    return machine;
}

StepRecord* ConversionSaga::find(StepName name)
{
    const auto found = std::find_if(m_record.steps.begin(), m_record.steps.end(),
                                    [name](const StepRecord& step) { return step.step.name == name; });
    return found == m_record.steps.end() ? nullptr : &*found;
}

StepRecord& ConversionSaga::forward(StepName name)
{
    return m_record.steps[static_cast<size_t>(name)];
}

void ConversionSaga::touch(StepRecord& step, UtcTime now)
{
    step.dirty = true;
    m_record.saga.updatedAt = now;
    m_changes.push_back({m_record.saga.id, step.step.name, step.step.state, now, step.step.kind});
}

std::vector<StepChange> ConversionSaga::takeChanges()
{
    // The unit is over: every change it made is told with the state the saga ended it in.
    for (auto& change : m_changes)
        change.sagaState = m_record.saga.state;
    return std::exchange(m_changes, {});
}

void ConversionSaga::setState(SagaState state, UtcTime now)
{
    m_record.saga.state = state;
    m_record.saga.updatedAt = now;
    if (isTerminal(state))
        m_record.saga.endedAt = now;
    else
        m_record.saga.endedAt.reset();
}

void ConversionSaga::send(StepRecord& step, json::Json payload, const std::string& causationId, UtcTime now)
{
    const auto& definition = definitionOf(step.step.name);
    ++step.step.attempts;
    if (decidesFromCopies(step.step.name))
        payload["final"] = step.step.attempts > m_options.maxRetries;
    step.step.payload = std::move(payload);
    step.step.state = StepState::Running;
    if (!step.step.startedAt)
        step.step.startedAt = now;
    step.step.endedAt.reset();
    step.dueAt = now + m_options.stepTimeout;
    step.resendDue = false;
    step.lastSentAt = now;
    // A fresh message id for every attempt: the receiver's inbox must not swallow a re-send whose
    // first attempt was applied but whose reply was lost, so that it answers again.
    auto command = messages::makeEnvelope(std::string(definition.command), kMessageVersion, std::string(kSource),
                                          m_record.saga.conversionId.str(), *step.step.payload, now);
    command.correlationId = m_record.saga.id.str();
    command.causationId = causationId;
    step.step.commandIds.push_back(command.id);
    const bool dropped =
        m_options.dropCommand && m_options.dropCommand(m_record.saga.id, definition.command, step.step.attempts);
    if (!dropped)
        m_outgoing.push_back(std::move(command));
    touch(step, now);
}

void ConversionSaga::resend(StepRecord& step, UtcTime now)
{
    const std::string previous = step.step.commandIds.empty() ? std::string() : step.step.commandIds.back();
    send(step, *step.step.payload, previous, now);
}

void ConversionSaga::finish(StepRecord& step, StepState state, const messages::Envelope& reply, UtcTime now)
{
    step.step.state = state;
    step.step.endedAt = now;
    step.step.replyId = reply.id;
    step.dueAt.reset();
    step.resendDue = false;
    touch(step, now);
}

void ConversionSaga::skipPendingForward(UtcTime now)
{
    for (const StepName name : forwardSteps()) {
        StepRecord& step = forward(name);
        if (step.step.state != StepState::Pending)
            continue;
        step.step.state = StepState::Skipped;
        step.step.endedAt = now;
        touch(step, now);
    }
}

void ConversionSaga::retryLater(StepRecord& step, UtcTime now)
{
    step.resendDue = true;
    step.dueAt = now + backoffAfter(m_options, step.step.attempts);
    step.dirty = true;
}

void ConversionSaga::giveUp(StepRecord& step, const std::string& error, bool mayHaveEffect, UtcTime now)
{
    step.step.state = StepState::Failed;
    step.step.error = error;
    step.step.endedAt = now;
    step.dueAt.reset();
    step.resendDue = false;
    step.mayHaveEffect = mayHaveEffect;
    touch(step, now);
    const std::string reason = std::string(kStepNames.name(step.step.name)) + " failed: " + error;
    if (step.step.kind == StepKind::Action) {
        beginCompensation({.scope = CompensationScope::Payment, .trigger = CompensationTrigger::StepFailed,
                           .reason = reason},
                          now);
        return;
    }
    m_record.saga.error = reason;
    setState(SagaState::Failed, now);
}

bool ConversionSaga::onReply(const messages::Envelope& message, const Reply& reply, UtcTime now)
{
    const auto name = stepAnsweredBy(message.type);
    if (!name)
        return false;
    StepRecord* step = find(*name);
    const bool running = step && step->step.state == StepState::Running;
    if (message.type == types::kFraudDetected) {
        if (running) {
            // Tracking refused to attribute: the attribution never took effect.
            step->step.error = reply.summary;
            step->mayHaveEffect = false;
            finish(*step, StepState::Failed, message, now);
        }
        return flagFraud(reply.rule.value_or(""), reply.detail.value_or(""), now) || running;
    }
    if (!running)
        return false;
    step->step.outcome = reply.summary;
    if (isNotYet(reply)) {
        // Nothing was decided or stored: ask again once the copy had time to catch up; the last
        // attempt is final, so a service answering "not yet" to it is not going to change its mind.
        if (step->step.attempts <= m_options.maxRetries)
            retryLater(*step, now);
        else
            giveUp(*step, reply.summary, false, now);
        return true;
    }
    switch (*name) {
    case StepName::Attribute:
        onAttributeReply(*step, message, reply, now);
        break;
    case StepName::ReserveCommission:
        onCommissionReserved(*step, message, reply, now);
        break;
    case StepName::ReserveBudget:
        onBudgetReply(*step, message, reply, now);
        break;
    case StepName::ConfirmCommission:
        finish(*step, StepState::Done, message, now);
        setState(SagaState::Completed, now);
        break;
    case StepName::ReleaseBudget:
    case StepName::RevertCommission:
    case StepName::RevertAttribution:
    case StepName::DiscardInteractions:
        finish(*step, StepState::Done, message, now);
        advanceCompensation(message.id, now);
        break;
    case StepName::Track:
        return false;  // answered by no reply: it is done when the saga begins
    }
    return true;
}

void ConversionSaga::onAttributeReply(StepRecord& step, const messages::Envelope& message, const Reply& reply,
                                      UtcTime now)
{
    if (message.type == types::kConversionUnattributed) {
        step.mayHaveEffect = false;
        finish(step, StepState::Done, message, now);
        skipPendingForward(now);
        setState(SagaState::Unattributed, now);
        return;
    }
    step.mayHaveEffect = true;
    finish(step, StepState::Done, message, now);
    setState(SagaState::Attributed, now);
    const SagaSummary& saga = m_record.saga;
    send(forward(StepName::ReserveCommission),
         json::Json{{"conversionId", saga.conversionId.str()},
                    {"campaignId", saga.campaignId.str()},
                    {"shares", sharesJson(reply.shares)}},
         message.id, now);
}

void ConversionSaga::onCommissionReserved(StepRecord& step, const messages::Envelope& message, const Reply& reply,
                                          UtcTime now)
{
    if (reply.reason) {
        giveUp(step, reply.summary, false, now);
        return;
    }
    step.mayHaveEffect = true;
    finish(step, StepState::Done, message, now);
    if (!reply.amount || reply.amount->isZero()) {
        // Nobody earns anything (no partner is active): nothing to take from the budget or to hold.
        step.step.outcome = "nobody earns (no partner of the conversion is active): " + reply.summary;
        skipPendingForward(now);
        setState(SagaState::Completed, now);
        return;
    }
    const SagaSummary& saga = m_record.saga;
    send(forward(StepName::ReserveBudget),
         json::Json{{"conversionId", saga.conversionId.str()},
                    {"campaignId", saga.campaignId.str()},
                    {"amount", domain::toJson(*reply.amount)}},
         message.id, now);
}

void ConversionSaga::onBudgetReply(StepRecord& step, const messages::Envelope& message, const Reply& reply,
                                   UtcTime now)
{
    if (message.type == types::kBudgetExceeded) {
        step.mayHaveEffect = false;
        step.step.error = reply.summary;
        finish(step, StepState::Failed, message, now);
        beginCompensation({.scope = CompensationScope::Payment,
                           .trigger = CompensationTrigger::BudgetExceeded,
                           .reason = "budget exceeded: " + reply.reason.value_or("")},
                          now);
        return;
    }
    step.mayHaveEffect = true;
    finish(step, StepState::Done, message, now);
    setState(SagaState::Reserved, now);
    m_record.reservedAt = now;
    m_record.confirmAt = now + m_record.holdPeriod;
}

bool ConversionSaga::onTimers(UtcTime now, const ReplyExpectedBy& replyExpectedBy)
{
    bool changed = false;
    for (StepRecord& step : m_record.steps) {
        if (step.step.state != StepState::Running || !step.dueAt || *step.dueAt > now)
            continue;
        changed = true;
        const auto expectedBy = step.resendDue || !replyExpectedBy ? std::nullopt : replyExpectedBy(step);
        if (step.resendDue) {
            resend(step, now);
        } else if (expectedBy && *expectedBy > now) {
            // Not lost, only slow: a re-send would add to the queue it is waiting in.
            step.dueAt = expectedBy;
            step.dirty = true;
        } else if (step.step.attempts <= m_options.maxRetries) {
            retryLater(step, now);
            if (*step.dueAt <= now)
                resend(step, now);
        } else {
            const int attempts = step.step.attempts;
            giveUp(step,
                   "no reply after " + std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts") +
                       " (timeout " + std::to_string(m_options.stepTimeout.count()) + " ms)",
                   true, now);
        }
    }
    return changed;
}

bool ConversionSaga::onHoldPeriodOver(UtcTime now)
{
    StepRecord& confirm = forward(StepName::ConfirmCommission);
    if (m_record.saga.state != SagaState::Reserved || confirm.step.state != StepState::Pending ||
        !m_record.confirmAt || *m_record.confirmAt > now)
        return false;
    m_record.confirmAt.reset();
    send(confirm, conversionPayload(m_record.saga), "", now);
    return true;
}

bool ConversionSaga::flagFraud(const std::string& rule, const std::string& detail, UtcTime now)
{
    return beginCompensation({.scope = CompensationScope::Full,
                              .trigger = CompensationTrigger::Fraud,
                              .reason = "fraud: " + rule + (detail.empty() ? "" : " (" + detail + ")"),
                              .rule = rule,
                              .detail = detail},
                             now);
}

bool ConversionSaga::beginCompensation(Compensation compensation, UtcTime now)
{
    auto& current = m_record.saga.compensation;
    if (current && current->scope >= compensation.scope)
        return false;  // already undoing at least this much: a repeated trigger changes nothing
    if (m_record.abortedAt)
        return false;  // an operator gave up on this saga
    for (const StepName name : forwardSteps()) {
        StepRecord& step = forward(name);
        if (step.step.state != StepState::Running)
            continue;
        // Its command is out: it may still take effect, so it is compensated like a done step.
        // Per-key order delivers the compensation after it.
        step.step.error = std::string(kInterrupted);
        step.mayHaveEffect = true;
        step.step.state = StepState::Failed;
        step.step.endedAt = now;
        step.dueAt.reset();
        step.resendDue = false;
        touch(step, now);
    }
    skipPendingForward(now);
    m_record.confirmAt.reset();
    for (const StepName name : compensationPlan(compensation.scope)) {
        if (find(name))
            continue;  // planned by an earlier, narrower compensation
        const auto& definition = definitionOf(name);
        const bool needed = std::any_of(definition.undoes.begin(), definition.undoes.end(),
                                        [this](StepName action) { return forward(action).mayHaveEffect; });
        StepRecord step{.step = {.name = name,
                                 .service = std::string(definition.service),
                                 .kind = StepKind::Compensation,
                                 .state = needed ? StepState::Pending : StepState::Skipped}};
        if (!needed) {
            step.step.endedAt = now;
            step.step.outcome = "nothing to undo";
        }
        m_record.steps.push_back(std::move(step));
        touch(m_record.steps.back(), now);
    }
    current = std::move(compensation);
    if (m_record.saga.state == SagaState::Failed)
        return true;  // a failed compensation waits for the operator; the new steps run on retry
    setState(SagaState::Compensating, now);
    advanceCompensation("", now);
    return true;
}

json::Json ConversionSaga::compensationPayload(StepName name) const
{
    const SagaSummary& saga = m_record.saga;
    const std::string reason = saga.compensation ? saga.compensation->reason : std::string();
    switch (name) {
    case StepName::ReleaseBudget:
        return json::Json{{"conversionId", saga.conversionId.str()}, {"campaignId", saga.campaignId.str()}};
    case StepName::RevertCommission:
    case StepName::DiscardInteractions:
        return json::Json{{"conversionId", saga.conversionId.str()}, {"reason", reason}};
    case StepName::RevertAttribution:
    case StepName::Track:
    case StepName::Attribute:
    case StepName::ReserveCommission:
    case StepName::ReserveBudget:
    case StepName::ConfirmCommission:
        break;
    }
    return conversionPayload(saga);
}

void ConversionSaga::advanceCompensation(const std::string& causationId, UtcTime now)
{
    for (StepRecord& step : m_record.steps) {
        if (step.step.kind != StepKind::Compensation)
            continue;
        if (step.step.state == StepState::Running || step.step.state == StepState::Failed)
            return;  // one compensation at a time, in order
        if (step.step.state == StepState::Pending) {
            send(step, compensationPayload(step.step.name), causationId, now);
            return;
        }
    }
    setState(SagaState::Compensated, now);
}

Status ConversionSaga::retry(UtcTime now)
{
    if (m_record.saga.state != SagaState::Failed)
        return Error::conflict("Only a failed saga can be retried; this one is " +
                               std::string(kSagaStates.name(m_record.saga.state)));
    if (m_record.abortedAt)
        return Error::conflict("This saga was aborted by an operator");
    for (StepRecord& step : m_record.steps) {
        if (step.step.kind != StepKind::Compensation || step.step.state != StepState::Failed)
            continue;
        step.step.state = StepState::Pending;
        step.step.attempts = 0;
        step.step.error.reset();
        step.step.endedAt.reset();
        touch(step, now);
    }
    m_record.saga.error.reset();
    setState(SagaState::Compensating, now);
    advanceCompensation("", now);
    return {};
}

Status ConversionSaga::abort(UtcTime now)
{
    const SagaState state = m_record.saga.state;
    if (state == SagaState::Started || state == SagaState::Attributed || state == SagaState::Reserved) {
        beginCompensation({.scope = CompensationScope::Payment,
                           .trigger = CompensationTrigger::Aborted,
                           .reason = std::string(kAbortedByOperator)},
                          now);
        return {};
    }
    if (state == SagaState::Failed && !m_record.abortedAt) {
        for (StepRecord& step : m_record.steps) {
            if (step.step.state != StepState::Pending)
                continue;
            step.step.state = StepState::Skipped;
            step.step.endedAt = now;
            step.step.outcome = std::string(kAbortedByOperator);
            touch(step, now);
        }
        m_record.abortedAt = now;
        m_record.saga.error = std::string(kAbortedByOperator) + " (" + m_record.saga.error.value_or("") + ")";
        setState(SagaState::Failed, now);
        return {};
    }
    return Error::conflict("A saga that is " + std::string(kSagaStates.name(state)) + " cannot be aborted");
}

}  // namespace alpes::saga
