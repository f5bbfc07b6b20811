#include "bff/api/circuit_breaker.h"

#include <cassert>

namespace alpes::api {

std::string_view circuitStateName(CircuitState state)
{
    switch (state) {
    case CircuitState::Closed: return "closed";
    case CircuitState::Open: return "open";
    case CircuitState::HalfOpen: return "half-open";
    }
    return "closed";
}

CircuitBreaker::CircuitBreaker(Options options) : m_options(options)
{
    assert(options.failureThreshold >= 1);
}

std::optional<CircuitBreaker::Permit> CircuitBreaker::tryAcquire(UtcTime now)
{
    std::lock_guard lock(m_mutex);
    switch (m_state) {
    case CircuitState::Closed:
        return Permit{m_generation, false};
    case CircuitState::Open:
        if (now - m_openedAt < m_options.coolDown)
            return std::nullopt;
        m_state = CircuitState::HalfOpen;
        break;
    case CircuitState::HalfOpen:
        if (m_trialInFlight)
            return std::nullopt;
        break;
    }
    m_trialInFlight = true;
    return Permit{m_generation, true};
}

void CircuitBreaker::recordSuccess(const Permit& permit)
{
    std::lock_guard lock(m_mutex);
    if (permit.generation != m_generation)
        return;
    if (m_state == CircuitState::HalfOpen && permit.trial) {
        m_state = CircuitState::Closed;
        m_trialInFlight = false;
        ++m_generation;
    }
    m_failures = 0;
}

void CircuitBreaker::recordFailure(const Permit& permit, UtcTime now)
{
    std::lock_guard lock(m_mutex);
    if (permit.generation != m_generation)
        return;
    if (m_state == CircuitState::HalfOpen && permit.trial)
        open(now);
    else if (m_state == CircuitState::Closed && ++m_failures >= m_options.failureThreshold)
        open(now);
}

void CircuitBreaker::release(const Permit& permit)
{
    std::lock_guard lock(m_mutex);
    if (permit.generation == m_generation && permit.trial)
        m_trialInFlight = false;
}

void CircuitBreaker::open(UtcTime now)
{
    m_state = CircuitState::Open;
    m_openedAt = now;
    m_trialInFlight = false;
    ++m_generation;
}

CircuitState CircuitBreaker::state() const
{
    std::lock_guard lock(m_mutex);
    return m_state;
}

int CircuitBreaker::consecutiveFailures() const
{
    std::lock_guard lock(m_mutex);
    return m_failures;
}

}  // namespace alpes::api
