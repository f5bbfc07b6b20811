#pragma once

#include "shared/core/result.h"

#include <chrono>
#include <string>
#include <string_view>

namespace alpes {

// A UTC instant with millisecond precision, as on the wire.
using UtcTime = std::chrono::sys_time<std::chrono::milliseconds>;
using Millis = std::chrono::milliseconds;

// "2026-11-22T18:00:00.000Z": always UTC, always three fractional digits.
std::string formatRfc3339(UtcTime time);

// Accepts RFC 3339 date-times: "Z" or a numeric offset, any number of fractional digits
// (truncated to milliseconds). Refuses dates that do not exist (2026-02-30) and anything else.
Result<UtcTime> parseRfc3339(std::string_view text);

std::int64_t toEpochMillis(UtcTime time);
UtcTime fromEpochMillis(std::int64_t millis);

// The wall clock, behind an interface so the saga, hold periods and the simulator can run on a
// clock the test controls. Implementations are thread-safe.
class Clock {
public:
    virtual ~Clock() = default;
    virtual UtcTime now() const = 0;
};

class SystemClock final : public Clock {
public:
    UtcTime now() const override;
};

}  // namespace alpes
