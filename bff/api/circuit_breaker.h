#pragma once

#include "shared/core/time.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>

namespace alpes::api {

enum class CircuitState { Closed, Open, HalfOpen };

// "closed", "open", "half-open": for /metrics labels and logs.
std::string_view circuitStateName(CircuitState state);

// Stops calling a source that keeps failing, and tries it again after a cool-down.
//
// Closed: calls go through; `failureThreshold` consecutive failures open the circuit. Open: no
// call goes through until `coolDown` has passed; then the next call is let through as the one
// trial (half-open) and every other call is still refused. The trial's success closes the
// circuit, its failure opens it for another cool-down.
//
// Each call that is let through gets a Permit and hands it back with its outcome, so a late
// outcome of a call let through before the circuit opened cannot close it or count twice.
// Time comes from the caller (a Clock), so tests drive the cool-down.
//
// Thread-safety: every member may be called from any thread.
class CircuitBreaker {
public:
    struct Options {
        int failureThreshold = 5;  // ≥ 1
        Millis coolDown{10'000};
    };

    struct Permit {
        std::uint64_t generation;  // changes each time the circuit opens or closes
        bool trial;
    };

    explicit CircuitBreaker(Options options);

    // A permit when a call may go through now; nothing while the circuit refuses calls.
    std::optional<Permit> tryAcquire(UtcTime now);
    void recordSuccess(const Permit& permit);
    void recordFailure(const Permit& permit, UtcTime now);
    // The permitted call was not made (no thread free to make it): neither success nor failure.
    void release(const Permit& permit);

    CircuitState state() const;
    int consecutiveFailures() const;

private:
    void open(UtcTime now);

    const Options m_options;
    mutable std::mutex m_mutex;
    CircuitState m_state = CircuitState::Closed;
    int m_failures = 0;
    UtcTime m_openedAt{};
    bool m_trialInFlight = false;
    std::uint64_t m_generation = 0;
};

}  // namespace alpes::api
