#include "shared/core/time.h"

#include <cstdio>

namespace alpes {
namespace {

using namespace std::chrono;

bool readDigits(std::string_view text, size_t pos, size_t count, int& out)
{
    if (pos + count > text.size())
        return false;
    int value = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
    }
    out = value;
    return true;
}

Error invalidTime()
{
    return Error::validation("", "Must be an RFC 3339 date-time such as 2026-11-22T18:00:00.000Z");
}

}  // namespace

std::string formatRfc3339(UtcTime time)
{
    const auto dayPoint = floor<days>(time);
    const year_month_day ymd{dayPoint};
    const hh_mm_ss hms{time - dayPoint};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
    return buffer;
}

Result<UtcTime> parseRfc3339(std::string_view text)
{
    int yearValue = 0, monthValue = 0, dayValue = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 20 || !readDigits(text, 0, 4, yearValue) || text[4] != '-' ||
        !readDigits(text, 5, 2, monthValue) || text[7] != '-' || !readDigits(text, 8, 2, dayValue) ||
        (text[10] != 'T' && text[10] != 't') || !readDigits(text, 11, 2, hour) || text[13] != ':' ||
        !readDigits(text, 14, 2, minute) || text[16] != ':' || !readDigits(text, 17, 2, second))
        return invalidTime();
    const year_month_day date{year{yearValue}, month{static_cast<unsigned>(monthValue)},
                              day{static_cast<unsigned>(dayValue)}};
    if (!date.ok() || hour > 23 || minute > 59 || second > 59)
        return invalidTime();

    size_t pos = 19;
    int millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3)
                millis = millis * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return invalidTime();
        for (int i = digits; i < 3; ++i)
            millis *= 10;
    }

    int offsetMinutes = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int offsetHours = 0, offsetMins = 0;
        if (!readDigits(text, pos + 1, 2, offsetHours) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
            !readDigits(text, pos + 4, 2, offsetMins) || offsetHours > 23 || offsetMins > 59)
            return invalidTime();
        offsetMinutes = (offsetHours * 60 + offsetMins) * (text[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return invalidTime();
    }
    if (pos != text.size())
        return invalidTime();

    const auto local = sys_days{date} + hours{hour} + minutes{minute} + seconds{second} + milliseconds{millis};
    const UtcTime utc{local - minutes{offsetMinutes}};
    // An offset can carry 0000-01-01 or 9999-12-31 out of the four-digit years formatRfc3339
    // writes: such a time would be stored and then answered in a form no client can read back.
    if (utc < sys_days{year{0} / January / 1} || utc >= sys_days{year{10000} / January / 1})
        return invalidTime();
    return utc;
}

std::int64_t toEpochMillis(UtcTime time)
{
    return time.time_since_epoch().count();
}

UtcTime fromEpochMillis(std::int64_t millis)
{
    return UtcTime{milliseconds{millis}};
}

UtcTime SystemClock::now() const
{
    return floor<milliseconds>(system_clock::now());
}

}  // namespace alpes
