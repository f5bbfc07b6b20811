#pragma once

#include "shared/core/strong_id.h"

#include <chrono>
#include <functional>
#include <string_view>

namespace alpes::saga {

// How the conversion saga waits and retries (product.md §5.3: a step times out after 5 s and is
// retried 3 times with backoff). Durations are measured on the saga's Clock.
struct SagaOptions {
    // How long a step waits for its reply before the command counts as lost.
    std::chrono::milliseconds stepTimeout{5000};
    // How many times a step's command is sent again after a timeout before the step fails.
    int maxRetries = 3;
    // The pause before the first re-send; each further one doubles it.
    std::chrono::milliseconds firstBackoff{500};
    // How often the runner looks for due timers (real time, not the saga's Clock).
    std::chrono::milliseconds runnerInterval{50};

    // Fault injection for tests: asked before each command goes out; true drops it, as if it were
    // lost on the way (the step then times out and is retried like any lost command).
    std::function<bool(const SagaId& saga, std::string_view command, int attempt)> dropCommand;
};

}  // namespace alpes::saga
