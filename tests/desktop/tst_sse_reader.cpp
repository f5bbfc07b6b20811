#include "desktop/net/bff_client.h"
#include "desktop/net/sse_reader.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace alpes::console;

namespace {

// A loopback HTTP endpoint that answers every request with an event stream of two events and then
// drops the connection, remembering the request heads it saw. Until the BFF's /api/v1/stream is
// on main this stands in for it; the reader's behaviour under test (resume, backoff, state) is the
// same against either.
class DroppingStreamServer : public QObject {
public:
    // `refuse`: answer 401 instead, as the BFF does for a revoked token; `hold`: keep each stream
    // open after its events, as the BFF does.
    explicit DroppingStreamServer(bool refuse = false, bool hold = false)
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this, refuse, hold] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, refuse, hold] {
                    m_heads << socket->readAll();
                    if (refuse) {
                        socket->write("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/problem+json\r\n"
                                      "Content-Length: 2\r\n\r\n{}");
                        socket->flush();
                        socket->disconnectFromHost();
                        return;
                    }
                    const int first = m_nextId;
                    m_nextId += 2;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n");
                    socket->write(QStringLiteral("id: %1\nevent: saga\ndata: {\"n\":%1}\n\nid: %2\nevent: saga\ndata: "
                                                 "{\"n\":%2}\n\n")
                                      .arg(first)
                                      .arg(first + 1)
                                      .toUtf8());
                    socket->flush();
                    if (!hold)
                        socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    const QList<QByteArray>& heads() const { return m_heads; }

private:
    QTcpServer m_server;
    QList<QByteArray> m_heads;
    int m_nextId = 1;
};

}  // namespace

class TestSseReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resumesWithTheLastEventIdAfterTheServerDropsTheStream()
    {
        DroppingStreamServer server;
        BffClient client;
        client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
        client.setToken(QStringLiteral("secret"));
        SseReader reader(client);
        QList<QString> ids;
        QList<ConnectionState> states;
        connect(&reader, &SseReader::eventReceived, this, [&](const SseEvent& event) { ids << event.id; });
        connect(&reader, &SseReader::stateChanged, this, [&](ConnectionState state) { states << state; });
        reader.start();
        QTRY_VERIFY_WITH_TIMEOUT(ids.size() >= 4, 10000);
        reader.stop();
        QCOMPARE(ids.mid(0, 4), (QList<QString>{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                                                QStringLiteral("4")}));
        QVERIFY(server.heads().size() >= 2);
        const QByteArray first = server.heads().at(0).toLower();
        const QByteArray second = server.heads().at(1).toLower();
        QVERIFY(first.startsWith("get /api/v1/stream?topics=interactions"));
        QVERIFY(first.contains("authorization: bearer secret"));
        QVERIFY(!first.contains("last-event-id"));
        QVERIFY(second.contains("last-event-id: 2"));
        QVERIFY(states.contains(ConnectionState::Connected));
        QVERIFY(states.contains(ConnectionState::Reconnecting));
        QCOMPARE(states.last(), ConnectionState::Disconnected);
    }

    void reconnectsAtOnceWithNewTopicsAndStaysConnected()
    {
        DroppingStreamServer server(false, true);
        BffClient client;
        client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
        SseReader reader(client);
        QList<QString> ids;
        QList<ConnectionState> states;
        connect(&reader, &SseReader::eventReceived, this, [&](const SseEvent& event) { ids << event.id; });
        connect(&reader, &SseReader::stateChanged, this, [&](ConnectionState state) { states << state; });
        reader.start({QStringLiteral("interactions"), QStringLiteral("kpis")});
        QTRY_COMPARE_WITH_TIMEOUT(ids.size(), 2, 10000);
        // The server holds the stream open: only setTopics() makes a second request.
        reader.setTopics({QStringLiteral("interactions"), QStringLiteral("kpis"), QStringLiteral("sagas")},
                         QStringLiteral("0190f3a2-7b1c-7d4e-8f00-1234567890ab"));
        QTRY_COMPARE_WITH_TIMEOUT(ids.size(), 4, 10000);
        reader.stop();
        QCOMPARE(server.heads().size(), 2);
        const QByteArray second = QByteArray::fromPercentEncoding(server.heads().at(1).toLower());
        QVERIFY(second.startsWith(
            "get /api/v1/stream?topics=interactions,kpis,sagas&sagaid=0190f3a2-7b1c-7d4e-8f00-1234567890ab "));
        QVERIFY(second.contains("last-event-id: 2"));
        QCOMPARE(states, (QList<ConnectionState>{ConnectionState::Connecting, ConnectionState::Connected,
                                                 ConnectionState::Disconnected}));
    }

    void stopsAndSaysSoWhenTheServerRefusesTheToken()
    {
        DroppingStreamServer server(true);
        BffClient client;
        client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
        SseReader reader(client);
        QSignalSpy unauthorized(&reader, &SseReader::unauthorized);
        reader.start();
        QTRY_COMPARE_WITH_TIMEOUT(unauthorized.count(), 1, 10000);
        QCOMPARE(reader.state(), ConnectionState::Disconnected);
        QTest::qWait(2 * static_cast<int>(SseReader::kInitialBackoff.count()));
        QCOMPARE(server.heads().size(), 1);  // no retry with a token the server refused
    }

    void backsOffExponentiallyWhileNothingListens()
    {
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
        const quint16 port = placeholder.serverPort();
        placeholder.close();  // the port is now very likely closed: connections are refused
        BffClient client;
        client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        SseReader reader(client);
        reader.start();
        QTRY_COMPARE_WITH_TIMEOUT(reader.state(), ConnectionState::Reconnecting, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(reader.nextBackoff() >= 4 * SseReader::kInitialBackoff, 10000);
        reader.stop();
        QCOMPARE(reader.state(), ConnectionState::Disconnected);
    }
};

QTEST_MAIN(TestSseReader)
#include "tst_sse_reader.moc"
