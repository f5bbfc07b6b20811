#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace alpes::console {

// What the saga timeline draws, in the widget's own terms, so it does not depend on how the wire
// spells a saga (models/saga_timeline_mapper.h builds it from the DTO).
struct TimelineStep {
    QString name;     // already translated for display
    QString service;  // the lane
    bool compensation = false;
    QString state;  // "pending", "running", "done", "failed", "skipped"
    std::optional<qint64> startedMs;
    std::optional<qint64> endedMs;
    int attempts = 0;
    QString error;
    QString outcome;
    QString payload;  // the command as sent, pretty-printed JSON
};

struct SagaTimeline {
    QString title;
    std::vector<TimelineStep> steps;
};

}  // namespace alpes::console
