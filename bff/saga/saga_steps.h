#pragma once

#include "bff/saga/saga_types.h"

#include <optional>
#include <span>
#include <string_view>

namespace alpes::saga {

// The fixed shape of the conversion saga: each step's service, the command it sends and the
// replies that end it, and which compensation undoes which action (product.md §5).
struct StepDefinition {
    StepName name;
    StepKind kind;
    std::string_view service;
    std::string_view command;  // empty for `track`: the purchase itself, recorded before the saga began
    // For a compensation: the actions whose effect it undoes.
    std::span<const StepName> undoes;
};

const StepDefinition& definitionOf(StepName name);

// The forward steps in the order they run.
std::span<const StepName> forwardSteps();

// The compensations of a scope in the order they run: ReleaseBudget → RevertCommission, and for
// `full` then RevertAttribution → DiscardInteractions.
std::span<const StepName> compensationPlan(CompensationScope scope);

// The step whose command a reply of this type answers; nullopt for any other type. FraudDetected
// answers `attribute` when tracking's fraud rules fire on AttributeConversion.
std::optional<StepName> stepAnsweredBy(std::string_view replyType);

}  // namespace alpes::saga
