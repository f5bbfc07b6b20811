#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace alpes::console {

// One dispatched Server-Sent Event.
struct SseEvent {
    QString id;     // the last event id seen so far (SSE semantics: it carries over)
    QString event;  // "message" when the server named none
    QByteArray data;
};

// Parses a text/event-stream incrementally (WHATWG HTML §9.2.6): bytes arrive in chunks split
// anywhere, even between the CR and LF of one line end, and events come out when their blank line
// has arrived. Not thread-safe; owned by one reader.
class SseParser {
public:
    std::vector<SseEvent> feed(const QByteArray& chunk);
    const QString& lastEventId() const { return m_lastEventId; }
    // The reconnection delay the server asked for with `retry:`, in milliseconds.
    std::optional<int> retryMillis() const { return m_retryMillis; }
    // Forgets a half-received event (the connection dropped); keeps the last event id.
    void resetStream();

private:
    void processLine(const QByteArray& line, std::vector<SseEvent>& out);

    QByteArray m_line;
    bool m_afterCr = false;  // the previous chunk ended with CR: a leading LF belongs to it
    bool m_atStreamStart = true;
    QString m_eventName;
    QByteArray m_data;
    bool m_hasData = false;
    QString m_lastEventId;
    std::optional<int> m_retryMillis;
};

}  // namespace alpes::console
