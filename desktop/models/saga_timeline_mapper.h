#pragma once

#include "desktop/charts/saga_timeline.h"
#include "shared/dto/saga.h"

namespace alpes::console {

// What the timeline draws for a saga from GET /sagas/{id}.
SagaTimeline toTimeline(const dto::SagaDetail& saga);

// Applies one `saga` stream event to a saga already on screen, so the compensation unfolds live
// between two fetches: the step's state and its start or end time. A step the saga did not list
// yet (a compensation just planned) is appended. Returns false when the event is for another saga.
bool applyStepChange(dto::SagaDetail& saga, const dto::StepChange& change);

}  // namespace alpes::console
