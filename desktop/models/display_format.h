#pragma once

#include "shared/core/money.h"
#include "shared/core/time.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <string>
#include <string_view>

namespace alpes::console {

// How the console shows the wire's values; one place so every table agrees.
inline QString qs(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }
inline QString qs(const std::string& text) { return qs(std::string_view(text)); }
inline QString qs(const char* text) { return qs(std::string_view(text)); }
inline QString qs(const std::optional<std::string>& text) { return text ? qs(*text) : QString(); }
QString formatMoney(const Money& money);
QString formatTime(UtcTime time);
QString formatTime(const std::optional<UtcTime>& time);
QDateTime toDateTime(UtcTime time);
// A wire spelling ("compensating", "last_touch") in the user's language: "Compensating",
// "Last touch". Unknown spellings are shown as words.
QString wireText(std::string_view wireName);

}  // namespace alpes::console
