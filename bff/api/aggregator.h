#pragma once

#include "bff/api/bounded_pool.h"
#include "bff/api/circuit_breaker.h"
#include "bff/api/fault_injector.h"
#include "shared/core/result.h"
#include "shared/core/time.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alpes::api {

enum class SourceStatus { Ok, Timeout, Error };

// "ok", "timeout", "error": the values of an aggregated answer's `sources` (product.md §3.1).
std::string_view sourceStatusName(SourceStatus status);

// One part of an aggregated answer: a named source ("marketing", "tracking", ...) and how to
// get its part. `call` may outlive the aggregation that started it (a late call keeps running
// on the pool), so it must own what it captures or capture only what outlives the Aggregator
// (the ports).
struct SourceCall {
    std::string name;
    std::function<Result<nlohmann::json>()> call;
    std::optional<Millis> deadline;  // the Aggregator's default when empty
};

struct SourceOutcome {
    SourceStatus status = SourceStatus::Ok;
    nlohmann::json value;  // when ok
    Error error;           // when not ok: `message` is for users, Timeout or Unavailable or the source's own
};

// Runs the sources of an aggregated endpoint in parallel and returns what arrived in time.
//
// Each source runs on a small pool owned by the Aggregator (fixed threads, bounded queue: when
// saturated a source reports `error` at once rather than queueing without bound). Each has a
// deadline, measured from the start of run() on the steady clock; a source still running then
// reports `timeout` and goes on in the background, writing only into state it shares with its
// task. A source still queued at its deadline is never called.
//
// A circuit breaker per source name counts failures: errors that say the source is unhealthy
// (Unavailable, Timeout, Internal, RateLimited) and timeouts. Other errors (NotFound,
// Validation, ...) are answers, not failures. While a source's circuit is open it is not called
// and reports `error`. Cool-downs use the Clock, so tests advance a TestClock.
//
// Faults from faults() are applied before each call (added delay, forced failure).
//
// Thread-safety: run(), faults() and breakers() may be called from any thread. The destructor
// waits for calls in progress (injected delays are cut short) and must run before anything the
// sources reference is destroyed.
class Aggregator {
public:
    struct Options {
        std::size_t threads = 8;
        std::size_t maxQueued = 256;
        Millis defaultDeadline{300};
        CircuitBreaker::Options breaker;
    };

    struct BreakerSnapshot {
        std::string source;
        CircuitState state;
        int consecutiveFailures;
    };

    Aggregator(Options options, const Clock& clock);
    Aggregator(const Aggregator&) = delete;
    Aggregator& operator=(const Aggregator&) = delete;
    ~Aggregator();

    // One outcome per source, by name. Names must be distinct.
    std::map<std::string, SourceOutcome, std::less<>> run(std::vector<SourceCall> sources);

    FaultInjector& faults() { return m_faults; }

    // Every source seen so far, by name, for /metrics.
    std::vector<BreakerSnapshot> breakers() const;

private:
    struct CallState;

    CircuitBreaker& breakerFor(std::string_view source);
    void execute(const std::string& source, const std::function<Result<nlohmann::json>()>& call,
                 CallState& state);

    const Options m_options;
    const Clock& m_clock;
    FaultInjector m_faults;
    mutable std::mutex m_breakersMutex;
    std::map<std::string, std::unique_ptr<CircuitBreaker>, std::less<>> m_breakers;
    // Last: destroyed first, so its threads are joined before what their tasks use goes away.
    BoundedPool m_pool;
};

}  // namespace alpes::api
