#pragma once

#include "desktop/net/connection_state.h"
#include "desktop/net/sse_parser.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <chrono>

class QNetworkReply;

namespace alpes::console {

class BffClient;

// Reads GET /api/v1/stream and keeps reading it: the stream is parsed as bytes arrive, a dropped
// or refused connection is retried with exponential backoff (capped), resuming with
// Last-Event-ID so nothing the server still holds is missed. GUI thread only.
class SseReader : public QObject {
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kInitialBackoff{500};
    static constexpr std::chrono::milliseconds kMaxBackoff{15'000};

    explicit SseReader(BffClient& client, QObject* parent = nullptr);

    // With a `sagaId`, the `sagas` topic carries only that saga's step changes (`?sagaId=`).
    void start(QStringList topics = {QStringLiteral("interactions"), QStringLiteral("sagas"), QStringLiteral("kpis")},
               QString sagaId = {});
    void stop();
    // Changes what the stream carries: a connected reader reconnects at once with the new topics
    // and saga, resuming after the last event it saw, without leaving the Connected state.
    void setTopics(QStringList topics, QString sagaId = {});
    const QStringList& topics() const { return m_topics; }
    const QString& sagaId() const { return m_sagaId; }
    ConnectionState state() const { return m_state; }
    const QString& lastEventId() const { return m_parser.lastEventId(); }
    std::chrono::milliseconds nextBackoff() const { return m_backoff; }

Q_SIGNALS:
    void eventReceived(const alpes::console::SseEvent& event);
    void stateChanged(alpes::console::ConnectionState state);
    // The server refused the token: the session is over.
    void unauthorized();

private:
    void connectNow();
    void dropReply();
    void onReadyRead();
    void onFinished();
    void setState(ConnectionState state);

    BffClient& m_client;
    QStringList m_topics;
    QString m_sagaId;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    SseParser m_parser;
    std::chrono::milliseconds m_backoff = kInitialBackoff;
    ConnectionState m_state = ConnectionState::Disconnected;
    bool m_running = false;
};

}  // namespace alpes::console
