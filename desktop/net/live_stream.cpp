#include "desktop/net/live_stream.h"

#include <numeric>

namespace alpes::console {

LiveStream::LiveStream(SseReader& reader, QObject* parent) : QObject(parent), m_reader(reader)
{
    connect(&m_reader, &SseReader::eventReceived, this, &LiveStream::handle);
    connect(&m_reader, &SseReader::stateChanged, this, &LiveStream::statsChanged);
    m_statsTimer.setSingleShot(true);
    m_statsTimer.setInterval(kStatsIntervalMs);
    connect(&m_statsTimer, &QTimer::timeout, this, &LiveStream::statsChanged);
}

void LiveStream::statsTouched()
{
    if (!m_statsTimer.isActive())
        m_statsTimer.start();
}

void LiveStream::handle(const SseEvent& event)
{
    auto parsed = json::parse(std::string_view(event.data.constData(), static_cast<size_t>(event.data.size())));
    if (!parsed || !parsed->is_object())
        return;  // a malformed event is dropped; the next second brings fresh counts
    m_lastUpdate = QDateTime::currentDateTimeUtc();
    if (event.event == QStringLiteral("interactions")) {
        auto tick = dto::decodeInteractionsTick(*parsed);
        if (!tick)
            return;
        m_eventsPerSecond = std::accumulate(tick->counts.begin(), tick->counts.end(), std::int64_t{0},
                                            [](std::int64_t sum, const dto::InteractionCount& c) { return sum + c.count; });
        Q_EMIT interactionsTick(*tick);
    } else if (event.event == QStringLiteral("saga")) {
        auto change = dto::decodeStepChange(*parsed);
        if (!change)
            return;
        Q_EMIT stepChange(*change);
    } else if (event.event == QStringLiteral("kpis")) {
        auto dashboard = dto::decodeDashboard(*parsed);
        if (!dashboard)
            return;
        Q_EMIT kpis(*dashboard);
    }
    statsTouched();
}

}  // namespace alpes::console
