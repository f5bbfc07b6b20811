#include "desktop/net/sse_reader.h"

#include "desktop/net/bff_client.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace alpes::console {

SseReader::SseReader(BffClient& client, QObject* parent) : QObject(parent), m_client(client)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &SseReader::connectNow);
}

void SseReader::start(QStringList topics, QString sagaId)
{
    m_topics = std::move(topics);
    m_sagaId = std::move(sagaId);
    m_running = true;
    m_backoff = kInitialBackoff;
    setState(ConnectionState::Connecting);
    connectNow();
}

void SseReader::stop()
{
    m_running = false;
    m_retryTimer.stop();
    dropReply();
    setState(ConnectionState::Disconnected);
}

void SseReader::setTopics(QStringList topics, QString sagaId)
{
    if (topics == m_topics && sagaId == m_sagaId)
        return;
    m_topics = std::move(topics);
    m_sagaId = std::move(sagaId);
    if (!m_running || !m_reply)
        return;  // not reading, or waiting to retry: the next connection asks for the new topics
    dropReply();
    connectNow();
}

void SseReader::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void SseReader::connectNow()
{
    if (!m_running)
        return;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("topics"), m_topics.join(QLatin1Char(',')));
    if (!m_sagaId.isEmpty())
        query.addQueryItem(QStringLiteral("sagaId"), m_sagaId);
    QNetworkRequest request(m_client.urlFor(QStringLiteral("/stream"), query));
    request.setTransferTimeout(0);  // a stream is quiet between events; the server's keep-alives say it lives
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream"));
    request.setRawHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    if (!m_client.token().isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_client.token().toUtf8());
    if (!m_parser.lastEventId().isEmpty())
        request.setRawHeader(QByteArrayLiteral("Last-Event-ID"), m_parser.lastEventId().toUtf8());
    m_parser.resetStream();
    m_reply = m_client.network().get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &SseReader::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &SseReader::onFinished);
}

void SseReader::onReadyRead()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return;  // an error body; onFinished() handles it
    if (m_state != ConnectionState::Connected) {
        m_backoff = kInitialBackoff;
        setState(ConnectionState::Connected);
    }
    for (const SseEvent& event : m_parser.feed(m_reply->readAll()))
        Q_EMIT eventReceived(event);
}

void SseReader::onFinished()
{
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    if (!m_running)
        return;
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 401) {
        stop();
        Q_EMIT unauthorized();
        return;
    }
    setState(ConnectionState::Reconnecting);
    const auto serverHint = m_parser.retryMillis();
    const auto delay = serverHint ? std::max(m_backoff, std::chrono::milliseconds(*serverHint)) : m_backoff;
    m_backoff = std::min(m_backoff * 2, kMaxBackoff);
    m_retryTimer.start(delay);
}

void SseReader::setState(ConnectionState state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

}  // namespace alpes::console
