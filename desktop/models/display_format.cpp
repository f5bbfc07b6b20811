#include "desktop/models/display_format.h"

#include <QCoreApplication>
#include <QLocale>

namespace alpes::console {

QString formatMoney(const Money& money)
{
    const double units = static_cast<double>(money.amount()) / 100.0;
    return QLocale().toString(units, 'f', 2) + QLatin1Char(' ') + qs(money.currency());
}

QDateTime toDateTime(UtcTime time)
{
    return QDateTime::fromMSecsSinceEpoch(toEpochMillis(time), Qt::UTC);
}

QString formatTime(UtcTime time)
{
    return toDateTime(time).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatTime(const std::optional<UtcTime>& time) { return time ? formatTime(*time) : QString(); }

namespace {

struct WireWord {
    std::string_view wire;
    const char* text;
};

// Every state, kind and type the tables show, so lupdate can offer them for translation.
constexpr WireWord kWireWords[] = {
    {"draft", QT_TRANSLATE_NOOP("Vocabulary", "Draft")},
    {"active", QT_TRANSLATE_NOOP("Vocabulary", "Active")},
    {"paused", QT_TRANSLATE_NOOP("Vocabulary", "Paused")},
    {"finished", QT_TRANSLATE_NOOP("Vocabulary", "Finished")},
    {"cancelled", QT_TRANSLATE_NOOP("Vocabulary", "Cancelled")},
    {"pending", QT_TRANSLATE_NOOP("Vocabulary", "Pending")},
    {"suspended", QT_TRANSLATE_NOOP("Vocabulary", "Suspended")},
    {"affiliate", QT_TRANSLATE_NOOP("Vocabulary", "Affiliate")},
    {"influencer", QT_TRANSLATE_NOOP("Vocabulary", "Influencer")},
    {"mixed", QT_TRANSLATE_NOOP("Vocabulary", "Mixed")},
    {"view", QT_TRANSLATE_NOOP("Vocabulary", "View")},
    {"click", QT_TRANSLATE_NOOP("Vocabulary", "Click")},
    {"like", QT_TRANSLATE_NOOP("Vocabulary", "Like")},
    {"lead", QT_TRANSLATE_NOOP("Vocabulary", "Lead")},
    {"purchase", QT_TRANSLATE_NOOP("Vocabulary", "Purchase")},
    {"recorded", QT_TRANSLATE_NOOP("Vocabulary", "Recorded")},
    {"discarded", QT_TRANSLATE_NOOP("Vocabulary", "Discarded")},
    {"reserved", QT_TRANSLATE_NOOP("Vocabulary", "Reserved")},
    {"confirmed", QT_TRANSLATE_NOOP("Vocabulary", "Confirmed")},
    {"reverted", QT_TRANSLATE_NOOP("Vocabulary", "Reverted")},
    {"started", QT_TRANSLATE_NOOP("Vocabulary", "Started")},
    {"attributed", QT_TRANSLATE_NOOP("Vocabulary", "Attributed")},
    {"completed", QT_TRANSLATE_NOOP("Vocabulary", "Completed")},
    {"unattributed", QT_TRANSLATE_NOOP("Vocabulary", "Unattributed")},
    {"compensating", QT_TRANSLATE_NOOP("Vocabulary", "Compensating")},
    {"compensated", QT_TRANSLATE_NOOP("Vocabulary", "Compensated")},
    {"failed", QT_TRANSLATE_NOOP("Vocabulary", "Failed")},
    {"running", QT_TRANSLATE_NOOP("Vocabulary", "Running")},
    {"done", QT_TRANSLATE_NOOP("Vocabulary", "Done")},
    {"skipped", QT_TRANSLATE_NOOP("Vocabulary", "Skipped")},
    {"action", QT_TRANSLATE_NOOP("Vocabulary", "Action")},
    {"compensation", QT_TRANSLATE_NOOP("Vocabulary", "Compensation")},
};

}  // namespace

QString wireText(std::string_view wireName)
{
    for (const WireWord& word : kWireWords)
        if (word.wire == wireName)
            return QCoreApplication::translate("Vocabulary", word.text);
    QString text = qs(wireName);
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

}  // namespace alpes::console
