#include "desktop/models/saga_timeline_mapper.h"

#include "desktop/models/display_format.h"

#include <QCoreApplication>

namespace alpes::console {

namespace {

// The service each step runs in (product.md §5), for steps a stream event announces first.
std::string serviceOf(dto::StepName step)
{
    switch (step) {
    case dto::StepName::Track:
    case dto::StepName::Attribute:
    case dto::StepName::RevertAttribution:
    case dto::StepName::DiscardInteractions:
        return "tracking";
    case dto::StepName::ReserveCommission:
    case dto::StepName::ConfirmCommission:
    case dto::StepName::RevertCommission:
        return "commissions";
    case dto::StepName::ReserveBudget:
    case dto::StepName::ReleaseBudget:
        return "marketing";
    }
    return "saga";
}

bool isCompensation(dto::StepName step)
{
    return step == dto::StepName::ReleaseBudget || step == dto::StepName::RevertCommission ||
           step == dto::StepName::RevertAttribution || step == dto::StepName::DiscardInteractions;
}

QString stepTitle(dto::StepName step)
{
    switch (step) {
    case dto::StepName::Track: return QCoreApplication::translate("SagaSteps", "Track");
    case dto::StepName::Attribute: return QCoreApplication::translate("SagaSteps", "Attribute");
    case dto::StepName::ReserveCommission: return QCoreApplication::translate("SagaSteps", "Reserve commission");
    case dto::StepName::ReserveBudget: return QCoreApplication::translate("SagaSteps", "Reserve budget");
    case dto::StepName::ConfirmCommission: return QCoreApplication::translate("SagaSteps", "Confirm commission");
    case dto::StepName::ReleaseBudget: return QCoreApplication::translate("SagaSteps", "Release budget");
    case dto::StepName::RevertCommission: return QCoreApplication::translate("SagaSteps", "Revert commission");
    case dto::StepName::RevertAttribution: return QCoreApplication::translate("SagaSteps", "Revert attribution");
    case dto::StepName::DiscardInteractions: return QCoreApplication::translate("SagaSteps", "Discard interactions");
    }
    return {};
}

}  // namespace

SagaTimeline toTimeline(const dto::SagaDetail& saga)
{
    SagaTimeline timeline;
    timeline.title = QCoreApplication::translate("SagaSteps", "Saga %1 · order %2 · %3")
                         .arg(qs(saga.saga.id.str()).left(8), qs(saga.saga.orderId),
                              wireText(dto::kSagaStates.name(saga.saga.state)));
    if (saga.saga.compensation)
        timeline.title += QStringLiteral(" · ") + qs(saga.saga.compensation->reason);
    for (const dto::SagaStep& step : saga.steps) {
        TimelineStep drawn;
        drawn.name = stepTitle(step.name);
        drawn.service = qs(step.service);
        drawn.compensation = step.kind == dto::StepKind::Compensation;
        drawn.state = qs(dto::kStepStates.name(step.state));
        if (step.startedAt)
            drawn.startedMs = toEpochMillis(*step.startedAt);
        if (step.endedAt)
            drawn.endedMs = toEpochMillis(*step.endedAt);
        drawn.attempts = step.attempts;
        drawn.error = qs(step.error);
        drawn.outcome = qs(step.outcome);
        if (step.payload)
            drawn.payload = qs(step.payload->dump(2));
        timeline.steps.push_back(std::move(drawn));
    }
    return timeline;
}

bool applyStepChange(dto::SagaDetail& saga, const dto::StepChange& change)
{
    if (change.sagaId != saga.saga.id)
        return false;
    dto::SagaStep* target = nullptr;
    for (dto::SagaStep& step : saga.steps)
        if (step.name == change.step)
            target = &step;
    if (!target) {
        dto::SagaStep added;
        added.name = change.step;
        added.service = serviceOf(change.step);
        added.kind = isCompensation(change.step) ? dto::StepKind::Compensation : dto::StepKind::Action;
        saga.steps.push_back(std::move(added));
        target = &saga.steps.back();
    }
    target->state = change.state;
    if (change.state == dto::StepState::Running) {
        if (!target->startedAt)
            target->startedAt = change.at;
        ++target->attempts;
    } else if (change.state == dto::StepState::Done || change.state == dto::StepState::Failed) {
        if (!target->startedAt)
            target->startedAt = change.at;
        target->endedAt = change.at;
    }
    return true;
}

}  // namespace alpes::console
