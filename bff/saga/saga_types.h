#pragma once

#include "shared/dto/saga.h"

#include <functional>
#include <optional>

namespace alpes::saga {

// The saga's vocabulary and its timeline values are the shared DTOs the console decodes
// (shared/dto/saga.h); the saga speaks of them unqualified.
using dto::Compensation;
using dto::CompensationScope;
using dto::CompensationTrigger;
using dto::isTerminal;
using dto::kCompensationScopes;
using dto::kCompensationTriggers;
using dto::kManualFraudRule;
using dto::kSagaStates;
using dto::kStepKinds;
using dto::kStepNames;
using dto::kStepStates;
using dto::SagaDetail;
using dto::SagaState;
using dto::SagaStep;
using dto::SagaSummary;
using dto::StepChange;
using dto::StepKind;
using dto::StepName;
using dto::StepState;

struct SagaFilter {
    std::optional<SagaState> state;
    std::optional<CampaignId> campaignId;
};

using StepListener = std::function<void(const StepChange&)>;

}  // namespace alpes::saga
