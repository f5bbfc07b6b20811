#pragma once

#include "bff/saga/saga_types.h"

#include <chrono>
#include <optional>
#include <vector>

namespace alpes::saga {

// One step as the state machine works on it: what the timeline shows plus its timer.
struct StepRecord {
    SagaStep step;
    // Running: when the reply is overdue, or, with `resendDue`, when the next attempt goes out.
    std::optional<UtcTime> dueAt;
    bool resendDue = false;
    // When the last attempt went out.
    std::optional<UtcTime> lastSentAt;
    // An action whose effect a compensation must undo: it was done, or its command went out and
    // no reply proved that it changed nothing (a lost reply is not a lost effect).
    bool mayHaveEffect = false;
    bool dirty = false;  // changed since it was loaded: the log writes it back
};

// One saga as the state machine works on it, loaded from and saved to the saga log.
struct SagaRecord {
    SagaSummary saga;
    // In plan order: the forward steps first, each at the index of its StepName (every saga is
    // created with all of them), then the compensations in the order they were planned.
    std::vector<StepRecord> steps;
    // The campaign's hold period, from the saga database's copy of the campaign.
    std::chrono::seconds holdPeriod{0};
    // When the budget was reserved: the hold period counts from there.
    std::optional<UtcTime> reservedAt;
    // Reserved: when the hold period is over and the commission is due its confirmation.
    std::optional<UtcTime> confirmAt;
    // An operator gave up on the failed compensation: nothing more will be tried.
    std::optional<UtcTime> abortedAt;
};

}  // namespace alpes::saga
