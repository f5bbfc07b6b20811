#include "bff/api/aggregator.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <exception>

namespace alpes::api {

namespace {

// Whether an error says the source is unhealthy (counts towards opening its circuit), as
// opposed to an answer about the request ("no such campaign").
bool isFailure(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Unavailable:
    case ErrorCode::Timeout:
    case ErrorCode::Internal:
    case ErrorCode::RateLimited:
        return true;
    case ErrorCode::Validation:
    case ErrorCode::NotFound:
    case ErrorCode::Conflict:
    case ErrorCode::Unauthorized:
    case ErrorCode::Forbidden:
        return false;
    }
    return true;
}

SourceOutcome failed(ErrorCode code, std::string message)
{
    return SourceOutcome{code == ErrorCode::Timeout ? SourceStatus::Timeout : SourceStatus::Error, nullptr,
                         Error{code, std::move(message), {}, {}}};
}

// A source's own call, with an exception turned into an error: it runs on a pool thread, where an
// escaping exception would end the process.
Result<nlohmann::json> callSafely(const std::string& source, const std::function<Result<nlohmann::json>()>& call)
{
    try {
        return call();
    } catch (const std::exception& e) {
        return Error::internal(source + " failed", e.what());
    } catch (...) {
        return Error::internal(source + " failed", "unknown exception");
    }
}

}  // namespace

std::string_view sourceStatusName(SourceStatus status)
{
    switch (status) {
    case SourceStatus::Ok: return "ok";
    case SourceStatus::Timeout: return "timeout";
    case SourceStatus::Error: return "error";
    }
    return "error";
}

// What one call shares between the caller of run() and the pool thread making it. Owned by both
// (shared_ptr), because the call may finish after run() has returned.
struct Aggregator::CallState {
    enum class Phase { Queued, Running, Finished, Abandoned };

    std::mutex mutex;
    std::condition_variable finished;
    Phase phase = Phase::Queued;
    std::optional<Result<nlohmann::json>> result;
};

Aggregator::Aggregator(Options options, const Clock& clock)
    : m_options(options), m_clock(clock), m_pool(options.threads, options.maxQueued)
{
}

Aggregator::~Aggregator() = default;

CircuitBreaker& Aggregator::breakerFor(std::string_view source)
{
    std::lock_guard lock(m_breakersMutex);
    auto found = m_breakers.find(source);
    if (found == m_breakers.end())
        found = m_breakers.emplace(std::string(source), std::make_unique<CircuitBreaker>(m_options.breaker)).first;
    return *found->second;
}

void Aggregator::execute(const std::string& source, const std::function<Result<nlohmann::json>()>& call,
                         CallState& state)
{
    {
        std::lock_guard lock(state.mutex);
        if (state.phase == CallState::Phase::Abandoned)
            return;  // its caller gave up before a thread was free: the source is not called
        state.phase = CallState::Phase::Running;
    }
    const std::optional<FaultInjector::Fault> fault = m_faults.faultFor(source);
    if (fault && fault->delay > Millis(0))
        m_pool.sleepUnlessStopping(fault->delay);
    Result<nlohmann::json> result = fault && fault->failure ? Result<nlohmann::json>(*fault->failure)
                                                            : callSafely(source, call);
    {
        std::lock_guard lock(state.mutex);
        state.result = std::move(result);
        state.phase = CallState::Phase::Finished;
    }
    state.finished.notify_all();
}

std::map<std::string, SourceOutcome, std::less<>> Aggregator::run(std::vector<SourceCall> sources)
{
    const auto start = std::chrono::steady_clock::now();
    struct Started {
        const SourceCall* source;
        Millis deadline;
        CircuitBreaker* breaker;
        CircuitBreaker::Permit permit;
        std::shared_ptr<CallState> state;
    };
    std::vector<Started> started;
    std::map<std::string, SourceOutcome, std::less<>> outcomes;

    for (const SourceCall& source : sources) {
        assert(std::count_if(sources.begin(), sources.end(), [&](const SourceCall& s) { return s.name == source.name; })
               == 1);
        CircuitBreaker& breaker = breakerFor(source.name);
        const std::optional<CircuitBreaker::Permit> permit = breaker.tryAcquire(m_clock.now());
        if (!permit) {
            outcomes[source.name] = failed(ErrorCode::Unavailable, source.name + " is not called for now: it failed "
                                                                                 "repeatedly (circuit open)");
            continue;
        }
        auto state = std::make_shared<CallState>();
        const bool submitted = m_pool.trySubmit(
            [this, name = source.name, call = source.call, state] { execute(name, call, *state); });
        if (!submitted) {
            breaker.release(*permit);
            outcomes[source.name] = failed(ErrorCode::Unavailable, source.name + " was not called: the server is busy");
            continue;
        }
        started.push_back(Started{&source, source.deadline.value_or(m_options.defaultDeadline), &breaker, *permit,
                                  std::move(state)});
    }

    for (Started& call : started) {
        const std::string& name = call.source->name;
        std::unique_lock lock(call.state->mutex);
        const bool finished = call.state->finished.wait_until(
            lock, start + call.deadline, [&] { return call.state->phase == CallState::Phase::Finished; });
        if (finished) {
            Result<nlohmann::json> result = std::move(*call.state->result);
            lock.unlock();
            if (result.ok()) {
                call.breaker->recordSuccess(call.permit);
                outcomes[name] = SourceOutcome{SourceStatus::Ok, std::move(result).value(), {}};
                continue;
            }
            if (isFailure(result.error().code))
                call.breaker->recordFailure(call.permit, m_clock.now());
            else
                call.breaker->recordSuccess(call.permit);
            outcomes[name] = SourceOutcome{SourceStatus::Error, nullptr, std::move(result).error()};
        } else if (call.state->phase == CallState::Phase::Queued) {
            // Our pool was late, not the source: its circuit learns nothing from this.
            call.state->phase = CallState::Phase::Abandoned;
            lock.unlock();
            call.breaker->release(call.permit);
            outcomes[name] = failed(ErrorCode::Timeout, name + " was not called in time: the server is busy");
        } else {
            lock.unlock();
            call.breaker->recordFailure(call.permit, m_clock.now());
            outcomes[name] = failed(ErrorCode::Timeout, name + " did not answer within "
                                                            + std::to_string(call.deadline.count()) + " ms");
        }
    }
    return outcomes;
}

std::vector<Aggregator::BreakerSnapshot> Aggregator::breakers() const
{
    std::lock_guard lock(m_breakersMutex);
    std::vector<BreakerSnapshot> snapshots;
    snapshots.reserve(m_breakers.size());
    for (const auto& [source, breaker] : m_breakers)
        snapshots.push_back(BreakerSnapshot{source, breaker->state(), breaker->consecutiveFailures()});
    return snapshots;
}

}  // namespace alpes::api
