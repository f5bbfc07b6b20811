#pragma once

#include "shared/core/time.h"

#include <atomic>
#include <cstdint>

namespace alpes::testing {

// A clock the test moves by hand, so hold periods, windows and schedules need no sleeping.
// Thread-safe: services read it from their writer threads while the test advances it.
class TestClock final : public Clock {
public:
    explicit TestClock(UtcTime start) : m_millis(toEpochMillis(start)) {}
    UtcTime now() const override { return fromEpochMillis(m_millis.load()); }
    void set(UtcTime time) { m_millis.store(toEpochMillis(time)); }
    void advance(Millis by) { m_millis.fetch_add(by.count()); }

private:
    std::atomic<std::int64_t> m_millis;
};

}  // namespace alpes::testing
