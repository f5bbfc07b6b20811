#include "bff/http/sse_endpoint.h"
#include "tests/bff/live/sse_test_client.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace alpes;
using namespace alpes::live;
using namespace std::chrono_literals;
using alpes::testing::SseTestClient;

namespace {

// A client that connects, asks for the stream and never reads: its socket buffers fill up and
// the server's writes to it stall.
class StalledClient {
public:
    explicit StalledClient(std::uint16_t port)
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        // A small receive window, so the stall comes after little data.
        int small = 4096;
        ::setsockopt(m_socket, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        const std::string request = "GET /stream?topics=sagas HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        m_connected = m_connected && ::send(m_socket, request.data(), request.size(), 0) ==
                                         static_cast<ssize_t>(request.size());
    }
    ~StalledClient() { ::close(m_socket); }
    bool connected() const { return m_connected; }

private:
    int m_socket = -1;
    bool m_connected = false;
};

}  // namespace

// GET /stream served by the real endpoint on a real httplib server on an ephemeral loopback port.
class TestSseEndpoint : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<SseHub>(SseHub::Options{.historySize = 64, .clientQueueLimit = 8, .maxClients = 6});
        m_server = std::make_unique<httplib::Server>();
        // One worker per stream plus one for plain requests.
        m_server->new_task_queue = [] { return new httplib::ThreadPool(8); };
        http::configureForEventStreams(*m_server);
        m_server->Get("/stream", [this](const httplib::Request& request, httplib::Response& response) {
            auto parsed = http::parseStreamRequest(request);
            if (!parsed) {
                response.status = 400;
                response.set_content(parsed.error().fields.at(0).field, "text/plain");
                return;
            }
            if (auto served = http::serveEventStream(*m_hub, *parsed, response, m_streamOptions); !served) {
                response.status = 503;
                response.set_content(served.error().message, "text/plain");
            }
        });
        const int port = m_server->bind_to_any_port("127.0.0.1");
        QVERIFY(port > 0);
        m_port = static_cast<std::uint16_t>(port);
        m_listener = std::thread([this] { m_server->listen_after_bind(); });
        QTRY_VERIFY(m_server->is_running());
    }

    void cleanup()
    {
        // The hub first: every stream ends at once, so stopping the server waits for none.
        m_hub->stop();
        m_server->stop();
        m_listener.join();
        m_server.reset();
        m_hub.reset();
        m_streamOptions = {};
    }

    void aStreamIsServedAsUncachedEventStreamWithIdsNamesAndData()
    {
        SseTestClient client(m_port, "/stream?topics=sagas");
        QVERIFY(client.waitForResponse());
        QCOMPARE(client.status(), 200);
        QCOMPARE(client.contentType(), std::string("text/event-stream"));
        QCOMPARE(client.cacheControl(), std::string("no-cache"));
        QTRY_COMPARE(m_hub->stats().clients, size_t(1));
        m_hub->publish(Topic::Kpis, "kpis", {{"ignored", true}});
        m_hub->publish(Topic::Sagas, "saga", {{"sagaId", "s-1"}, {"step", "attribute"}});
        QVERIFY(client.waitForEvents(1));
        const auto event = client.events().at(0);
        QCOMPARE(event.id, std::uint64_t(2));
        QCOMPARE(event.name, std::string("saga"));
        QCOMPARE(nlohmann::json::parse(event.data), (nlohmann::json{{"sagaId", "s-1"}, {"step", "attribute"}}));
    }

    void twoClientsReceiveTheSameSagaEventsWithTheSameIds()
    {
        SseTestClient first(m_port, "/stream?topics=sagas");
        SseTestClient second(m_port, "/stream");
        QTRY_COMPARE(m_hub->stats().clients, size_t(2));
        for (int i = 0; i < 5; ++i)
            m_hub->publish(Topic::Sagas, "saga", {{"sagaId", "s-" + std::to_string(i)}});
        QVERIFY(first.waitForEvents(5));
        QVERIFY(second.waitForEvents(5));
        QCOMPARE(first.ids(), (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
        QCOMPARE(second.ids(), first.ids());
        for (size_t i = 0; i < 5; ++i)
            QCOMPARE(second.events()[i].data, first.events()[i].data);
    }

    void aClientReconnectingWithLastEventIdGetsExactlyWhatItMissed()
    {
        auto client = std::make_unique<SseTestClient>(m_port, "/stream?topics=sagas");
        QTRY_COMPARE(m_hub->stats().clients, size_t(1));
        for (int i = 1; i <= 3; ++i)
            m_hub->publish(Topic::Sagas, "saga", {{"n", i}});
        QVERIFY(client->waitForEvents(3));
        const std::uint64_t lastSeen = client->ids().back();
        client->disconnect();
        // The server notices the client has gone within a liveness check and lets go of it.
        QTRY_COMPARE(m_hub->stats().clients, size_t(0));
        for (int i = 4; i <= 6; ++i)
            m_hub->publish(Topic::Sagas, "saga", {{"n", i}});
        m_hub->publish(Topic::Kpis, "kpis", {{"n", 0}});  // not its topic
        SseTestClient resumed(m_port, "/stream?topics=sagas", {{"Last-Event-ID", std::to_string(lastSeen)}});
        QVERIFY(resumed.waitForEvents(3));
        QTRY_COMPARE(m_hub->stats().clients, size_t(1));
        m_hub->publish(Topic::Sagas, "saga", {{"n", 7}});
        QVERIFY(resumed.waitForEvents(4));
        QCOMPARE(resumed.ids(), (std::vector<std::uint64_t>{4, 5, 6, 8}));
        QCOMPARE(nlohmann::json::parse(resumed.events()[0].data)["n"], nlohmann::json(4));
    }

    void theLastEventIdMayComeInTheQueryButTheHeaderWins()
    {
        for (int i = 1; i <= 4; ++i)
            m_hub->publish(Topic::Sagas, "saga", {{"n", i}});
        SseTestClient byQuery(m_port, "/stream?lastEventId=2");
        QVERIFY(byQuery.waitForEvents(2));
        QCOMPARE(byQuery.ids(), (std::vector<std::uint64_t>{3, 4}));
        SseTestClient both(m_port, "/stream?lastEventId=1", {{"Last-Event-ID", "3"}});
        QVERIFY(both.waitForEvents(1));
        QCOMPARE(both.ids(), (std::vector<std::uint64_t>{4}));
    }

    void aSilentStreamSendsKeepAliveComments()
    {
        m_streamOptions = {.keepAlive = 40ms, .livenessCheck = 10ms};
        SseTestClient client(m_port, "/stream");
        QTRY_VERIFY(client.comments() >= 2);
        QCOMPARE(client.events().size(), size_t(0));
    }

    void stoppingTheHubEndsEveryStream()
    {
        SseTestClient first(m_port, "/stream");
        SseTestClient second(m_port, "/stream?topics=kpis");
        QTRY_COMPARE(m_hub->stats().clients, size_t(2));
        m_hub->stop();
        QVERIFY(first.waitUntilEnded());
        QVERIFY(second.waitUntilEnded());
    }

    void badTopicsAndEventIdsAreValidationErrorsNamingTheirField()
    {
        httplib::Client client("127.0.0.1", m_port);
        const auto topics = client.Get("/stream?topics=sagas,weather");
        QVERIFY(topics);
        QCOMPARE(topics->status, 400);
        QCOMPARE(topics->body, std::string("topics"));
        const auto header = client.Get("/stream", {{"Last-Event-ID", "12abc"}});
        QVERIFY(header);
        QCOMPARE(header->body, std::string("Last-Event-ID"));
        const auto query = client.Get("/stream?lastEventId=-1");
        QVERIFY(query);
        QCOMPARE(query->body, std::string("lastEventId"));
        QCOMPARE(m_hub->stats().clients, size_t(0));
    }

    void theTopicsAndSagaParsersAcceptWhatTheyShouldAndRefuseTheRest()
    {
        QCOMPARE(http::parseTopics(std::nullopt).value(), allTopics());
        QCOMPARE(http::parseTopics("kpis, sagas").value(), (TopicSet{Topic::Kpis, Topic::Sagas}));
        QCOMPARE(http::parseTopics("interactions").value(), (TopicSet{Topic::Interactions}));
        for (const char* bad : {"", "sagas,", "Sagas", "saga"})
            QCOMPARE(http::parseTopics(bad).error().fields.at(0).field, std::string("topics"));
        QCOMPARE(http::parseLastEventId("", "Last-Event-ID").value(), std::optional<std::uint64_t>());
        QCOMPARE(http::parseLastEventId("18446744073709551615", "x").value(),
                 std::optional<std::uint64_t>(18446744073709551615u));
        for (const char* bad : {"18446744073709551616", "+1", " 1", "1.0"})
            QVERIFY(!http::parseLastEventId(bad, "x").ok());
        QCOMPARE(http::parseSagaId(std::nullopt).value(), std::optional<std::string>());
        QCOMPARE(http::parseSagaId("0190f3a2-7b1c-7d4e-8f00-1234567890ab").value(),
                 std::optional<std::string>("0190f3a2-7b1c-7d4e-8f00-1234567890ab"));
        for (const char* bad : {"", "s-1", "0190f3a2-7b1c-7d4e-8f00-1234567890ab,x"})
            QCOMPARE(http::parseSagaId(bad).error().fields.at(0).field, std::string("sagaId"));
    }

    void clientsBeyondTheHubsLimitAreRefusedAsUnavailable()
    {
        std::vector<std::unique_ptr<SseTestClient>> clients;
        for (int i = 0; i < 6; ++i)
            clients.push_back(std::make_unique<SseTestClient>(m_port, "/stream"));
        QTRY_COMPARE(m_hub->stats().clients, size_t(6));
        httplib::Client extra("127.0.0.1", m_port);
        const auto refused = extra.Get("/stream");
        QVERIFY(refused);
        QCOMPARE(refused->status, 503);
    }

    void aStalledClientIsDroppedWithBoundedMemoryWhileAHealthyOneGetsEverything()
    {
        // Long enough that the server's write to the stalled socket is still waiting when the hub
        // drops it: the drop, not the timeout, must end it. Closing the socket at the end frees
        // the waiting worker.
        m_server->set_write_timeout(60s);
        SseTestClient healthy(m_port, "/stream?topics=sagas");
        StalledClient stalled(m_port);
        QVERIFY(stalled.connected());
        QTRY_COMPARE(m_hub->stats().clients, size_t(2));
        const std::string large(64 * 1024, 'x');
        const size_t limit = m_hub->options().clientQueueLimit;
        size_t published = 0;
        // Each event waits for the healthy client, whose queue therefore never holds more than
        // one; the stalled one's socket buffers fill, then its queue, then it is dropped.
        while (m_hub->stats().dropped == 0 && published < 4000) {
            m_hub->publish(Topic::Sagas, "saga", {{"n", published}, {"padding", large}});
            ++published;
            QVERIFY(healthy.waitForEvents(published));
            QVERIFY(m_hub->stats().queued <= limit + 1);
        }
        QCOMPARE(m_hub->stats().dropped, std::uint64_t(1));
        for (int i = 0; i < 10; ++i) {
            m_hub->publish(Topic::Sagas, "saga", {{"n", published}, {"padding", large}});
            ++published;
        }
        QVERIFY(healthy.waitForEvents(published));
        const auto stats = m_hub->stats();
        QCOMPARE(stats.clients, size_t(1));
        QCOMPARE(stats.queued, size_t(0));
        QVERIFY(stats.history <= m_hub->options().historySize);
        const auto ids = healthy.ids();
        QCOMPARE(ids.size(), published);
        for (size_t i = 0; i < ids.size(); ++i)
            QCOMPARE(ids[i], std::uint64_t(i + 1));
    }

private:
    std::unique_ptr<SseHub> m_hub;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_listener;
    std::uint16_t m_port = 0;
    http::EventStreamOptions m_streamOptions;
};

QTEST_APPLESS_MAIN(TestSseEndpoint)
#include "tst_sse_endpoint.moc"
