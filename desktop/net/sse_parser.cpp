#include "desktop/net/sse_parser.h"

#include <algorithm>

namespace alpes::console {

std::vector<SseEvent> SseParser::feed(const QByteArray& chunk)
{
    std::vector<SseEvent> out;
    const char* at = chunk.constData();
    const char* const end = at + chunk.size();
    // Whole runs of line bytes are appended at once: thousands of events a second arrive under
    // load, and a byte-at-a-time append cost as much as decoding them.
    while (at != end) {
        if (m_afterCr) {
            m_afterCr = false;
            if (*at == '\n') {
                ++at;
                continue;
            }
        }
        const char* stop = std::find_if(at, end, [](char c) { return c == '\r' || c == '\n'; });
        m_line.append(at, stop - at);
        if (stop == end)
            break;
        m_afterCr = *stop == '\r';
        processLine(m_line, out);
        m_line.clear();
        at = stop + 1;
    }
    return out;
}

void SseParser::resetStream()
{
    m_line.clear();
    m_afterCr = false;
    m_atStreamStart = true;
    m_eventName.clear();
    m_data.clear();
    m_hasData = false;
}

void SseParser::processLine(const QByteArray& rawLine, std::vector<SseEvent>& out)
{
    QByteArray line = rawLine;
    if (m_atStreamStart) {
        m_atStreamStart = false;
        if (line.startsWith("\xEF\xBB\xBF"))  // a byte order mark may open the stream
            line.remove(0, 3);
    }
    if (line.isEmpty()) {
        if (m_hasData) {
            if (m_data.endsWith('\n'))
                m_data.chop(1);
            out.push_back({m_lastEventId, m_eventName.isEmpty() ? QStringLiteral("message") : m_eventName, m_data});
        }
        m_eventName.clear();
        m_data.clear();
        m_hasData = false;
        return;
    }
    if (line.startsWith(':'))
        return;  // a comment: servers send them to keep the connection alive
    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        m_data.append(value);
        m_data.append('\n');
        m_hasData = true;
    } else if (field == "event") {
        m_eventName = QString::fromUtf8(value);
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastEventId = QString::fromUtf8(value);
    } else if (field == "retry") {
        bool ok = false;
        const int millis = value.toInt(&ok);
        if (ok && millis >= 0)
            m_retryMillis = millis;
    }
}

}  // namespace alpes::console
