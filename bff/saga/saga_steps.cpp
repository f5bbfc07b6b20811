#include "bff/saga/saga_steps.h"

#include "bff/messages/message_types.h"

#include <algorithm>
#include <array>
#include <utility>

namespace alpes::saga {
namespace {

namespace types = messages::types;

constexpr StepName kUndoneByRelease[] = {StepName::ReserveBudget};
// A confirmed commission is reverted like a reserved one (a clawback).
constexpr StepName kUndoneByRevertCommission[] = {StepName::ReserveCommission, StepName::ConfirmCommission};
constexpr StepName kUndoneByRevertAttribution[] = {StepName::Attribute};
constexpr StepName kUndoneByDiscard[] = {StepName::Track};

constexpr std::array<StepDefinition, 9> kDefinitions{{
    {StepName::Track, StepKind::Action, "tracking", "", {}},
    {StepName::Attribute, StepKind::Action, "tracking", types::kAttributeConversion, {}},
    {StepName::ReserveCommission, StepKind::Action, "commissions", types::kReserveCommission, {}},
    {StepName::ReserveBudget, StepKind::Action, "marketing", types::kReserveBudget, {}},
    {StepName::ConfirmCommission, StepKind::Action, "commissions", types::kConfirmCommission, {}},
    {StepName::ReleaseBudget, StepKind::Compensation, "marketing", types::kReleaseBudget, kUndoneByRelease},
    {StepName::RevertCommission, StepKind::Compensation, "commissions", types::kRevertCommission,
     kUndoneByRevertCommission},
    {StepName::RevertAttribution, StepKind::Compensation, "tracking", types::kRevertAttribution,
     kUndoneByRevertAttribution},
    {StepName::DiscardInteractions, StepKind::Compensation, "tracking", types::kDiscardInteractions,
     kUndoneByDiscard},
}};
// definitionOf() indexes the table by the enum's value.
static_assert([] {
    for (size_t i = 0; i < kDefinitions.size(); ++i)
        if (static_cast<size_t>(kDefinitions[i].name) != i)
            return false;
    return true;
}());

constexpr StepName kForward[] = {StepName::Track, StepName::Attribute, StepName::ReserveCommission,
                                 StepName::ReserveBudget, StepName::ConfirmCommission};
constexpr StepName kFullPlan[] = {StepName::ReleaseBudget, StepName::RevertCommission, StepName::RevertAttribution,
                                  StepName::DiscardInteractions};

constexpr std::pair<std::string_view, StepName> kReplies[] = {
    {types::kConversionAttributed, StepName::Attribute},
    {types::kConversionUnattributed, StepName::Attribute},
    {types::kFraudDetected, StepName::Attribute},
    {types::kCommissionReserved, StepName::ReserveCommission},
    {types::kBudgetReserved, StepName::ReserveBudget},
    {types::kBudgetExceeded, StepName::ReserveBudget},
    {types::kCommissionConfirmed, StepName::ConfirmCommission},
    {types::kBudgetReleased, StepName::ReleaseBudget},
    {types::kCommissionReverted, StepName::RevertCommission},
    {types::kAttributionReverted, StepName::RevertAttribution},
    {types::kInteractionsDiscarded, StepName::DiscardInteractions},
};

}  // namespace

const StepDefinition& definitionOf(StepName name)
{
    return kDefinitions[static_cast<size_t>(name)];
}

std::span<const StepName> forwardSteps()
{
    return kForward;
}

std::span<const StepName> compensationPlan(CompensationScope scope)
{
    // The payment plan is the full plan's beginning, so widening a compensation only appends.
    return scope == CompensationScope::Full ? std::span<const StepName>(kFullPlan)
                                            : std::span<const StepName>(kFullPlan).first(2);
}

std::optional<StepName> stepAnsweredBy(std::string_view replyType)
{
    const auto* found = std::find_if(std::begin(kReplies), std::end(kReplies),
                                     [&](const auto& reply) { return reply.first == replyType; });
    return found == std::end(kReplies) ? std::nullopt : std::optional<StepName>(found->second);
}

}  // namespace alpes::saga
