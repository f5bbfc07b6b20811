#pragma once

#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/enum_names.h"
#include "shared/json/json_decoder.h"

#include <optional>
#include <string>
#include <vector>

namespace alpes::dto {

// The conversion saga's vocabulary (product.md §5) with its wire spellings, and what the saga log
// shows of one saga: the values GET /sagas/{id} and the console's timeline are made of.

enum class SagaState { Started, Attributed, Reserved, Completed, Unattributed, Compensating, Compensated, Failed };
inline constexpr domain::EnumNames<SagaState, 8> kSagaStates{{{{SagaState::Started, "started"},
                                                               {SagaState::Attributed, "attributed"},
                                                               {SagaState::Reserved, "reserved"},
                                                               {SagaState::Completed, "completed"},
                                                               {SagaState::Unattributed, "unattributed"},
                                                               {SagaState::Compensating, "compensating"},
                                                               {SagaState::Compensated, "compensated"},
                                                               {SagaState::Failed, "failed"}}}};

// A saga in one of these states waits for nothing: no step is running and no timer is due.
// (A fraud flag can still reopen completed, unattributed and compensated sagas: a clawback.)
constexpr bool isTerminal(SagaState state)
{
    return state == SagaState::Completed || state == SagaState::Unattributed || state == SagaState::Compensated ||
           state == SagaState::Failed;
}

enum class StepKind { Action, Compensation };
inline constexpr domain::EnumNames<StepKind, 2> kStepKinds{
    {{{StepKind::Action, "action"}, {StepKind::Compensation, "compensation"}}}};

enum class StepState { Pending, Running, Done, Failed, Skipped };
inline constexpr domain::EnumNames<StepState, 5> kStepStates{{{{StepState::Pending, "pending"},
                                                               {StepState::Running, "running"},
                                                               {StepState::Done, "done"},
                                                               {StepState::Failed, "failed"},
                                                               {StepState::Skipped, "skipped"}}}};

// The steps of the conversion saga: the forward actions, then their compensations.
enum class StepName {
    Track,
    Attribute,
    ReserveCommission,
    ReserveBudget,
    ConfirmCommission,
    ReleaseBudget,
    RevertCommission,
    RevertAttribution,
    DiscardInteractions,
};
inline constexpr domain::EnumNames<StepName, 9> kStepNames{{{{StepName::Track, "track"},
                                                             {StepName::Attribute, "attribute"},
                                                             {StepName::ReserveCommission, "reserve_commission"},
                                                             {StepName::ReserveBudget, "reserve_budget"},
                                                             {StepName::ConfirmCommission, "confirm_commission"},
                                                             {StepName::ReleaseBudget, "release_budget"},
                                                             {StepName::RevertCommission, "revert_commission"},
                                                             {StepName::RevertAttribution, "revert_attribution"},
                                                             {StepName::DiscardInteractions, "discard_interactions"}}}};

// How much a compensation undoes: `payment` only the budget and the commission (the conversion stays
// attributed, unpaid); `full` everything, down to discarding the journey's interactions (fraud).
enum class CompensationScope { Payment, Full };
inline constexpr domain::EnumNames<CompensationScope, 2> kCompensationScopes{
    {{{CompensationScope::Payment, "payment"}, {CompensationScope::Full, "full"}}}};

enum class CompensationTrigger { Fraud, BudgetExceeded, StepFailed, Aborted };
inline constexpr domain::EnumNames<CompensationTrigger, 4> kCompensationTriggers{
    {{{CompensationTrigger::Fraud, "fraud"},
      {CompensationTrigger::BudgetExceeded, "budget_exceeded"},
      {CompensationTrigger::StepFailed, "step_failed"},
      {CompensationTrigger::Aborted, "aborted"}}}};

// The fraud rule name of a conversion a manager flagged by hand.
inline constexpr std::string_view kManualFraudRule = "manual";

// Why a saga compensates. For fraud, `rule` is the rule that fired (or "manual") and `detail` its
// explanation; `reason` is the one-line summary the timeline shows.
struct Compensation {
    CompensationScope scope = CompensationScope::Payment;
    CompensationTrigger trigger = CompensationTrigger::StepFailed;
    std::string reason;
    std::optional<std::string> rule;
    std::optional<std::string> detail;

    friend bool operator==(const Compensation&, const Compensation&) = default;
};

// One step of one saga as its log keeps it.
struct SagaStep {
    StepName name = StepName::Track;
    std::string service;
    StepKind kind = StepKind::Action;
    StepState state = StepState::Pending;
    std::optional<UtcTime> startedAt;
    std::optional<UtcTime> endedAt;
    int attempts = 0;
    std::optional<std::string> error;    // why it failed (or was interrupted)
    std::optional<std::string> outcome;  // what its reply said, in one line
    std::vector<std::string> commandIds;  // one per attempt, oldest first
    std::optional<std::string> replyId;   // the message that ended it
    std::optional<json::Json> payload;    // the command's payload as sent

    friend bool operator==(const SagaStep&, const SagaStep&) = default;
};

// A saga without its steps: what lists show.
struct SagaSummary {
    SagaId id;
    std::string type;
    SagaState state = SagaState::Started;
    ConversionId conversionId;
    CampaignId campaignId;
    AffiliateId affiliateId;
    std::string orderId;
    Money amount;
    UtcTime startedAt{};
    UtcTime updatedAt{};
    std::optional<UtcTime> endedAt;
    std::optional<std::string> error;  // why it failed
    std::optional<Compensation> compensation;

    friend bool operator==(const SagaSummary&, const SagaSummary&) = default;
};

// A saga with its steps in the order they were planned: its timeline.
struct SagaDetail {
    SagaSummary saga;
    std::vector<SagaStep> steps;
};

// One change of one step, for live views (the SSE topic `sagas`).
struct StepChange {
    SagaId sagaId;
    StepName step = StepName::Track;
    StepState state = StepState::Pending;
    UtcTime at{};

    friend bool operator==(const StepChange&, const StepChange&) = default;
};

// GET /sagas items, GET /sagas/{id}, and the SSE `saga` event: the BFF encodes, the console decodes.
json::Json toJson(const Compensation& compensation);
json::Json toJson(const SagaStep& step);
json::Json toJson(const SagaSummary& saga);
// The summary's fields plus "steps".
json::Json toJson(const SagaDetail& saga);
json::Json toJson(const StepChange& change);
Result<SagaSummary> decodeSagaSummary(const json::Json& body);
Result<SagaDetail> decodeSagaDetail(const json::Json& body);
Result<StepChange> decodeStepChange(const json::Json& body);

}  // namespace alpes::dto
