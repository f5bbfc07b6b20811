#pragma once

#include "desktop/net/connection_state.h"
#include "desktop/net/sse_reader.h"
#include "shared/dto/dashboard.h"
#include "shared/dto/interactions_tick.h"
#include "shared/dto/saga.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace alpes::console {

// The live stream decoded: SSE events become typed signals for the pages, and the reader's
// health becomes what the status bar shows (state, events per second, last update). Saga step
// events grow with the ingest rate (thousands a second under load), so statsChanged is coalesced
// to at most one per kStatsInterval: formatting the local time for the status bar once per event
// cost a fifth of the console's CPU (glibc re-reads the time zone file on each conversion).
// GUI thread only.
class LiveStream : public QObject {
    Q_OBJECT

public:
    LiveStream(SseReader& reader, QObject* parent = nullptr);

    // Interactions per second the server counted in its last tick.
    std::int64_t eventsPerSecond() const { return m_eventsPerSecond; }
    const QDateTime& lastUpdate() const { return m_lastUpdate; }

    // Feeds one event as if the reader had received it (the reader's own path; tests use it too).
    void handle(const SseEvent& event);

Q_SIGNALS:
    void interactionsTick(const alpes::dto::InteractionsTick& tick);
    void stepChange(const alpes::dto::StepChange& change);
    void kpis(const alpes::dto::Dashboard& dashboard);
    void statsChanged();

private:
    static constexpr int kStatsIntervalMs = 250;

    void statsTouched();

    SseReader& m_reader;
    QTimer m_statsTimer;  // single shot: one statsChanged for all the events of an interval
    std::int64_t m_eventsPerSecond = 0;
    QDateTime m_lastUpdate;
};

}  // namespace alpes::console
