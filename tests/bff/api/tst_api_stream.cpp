#include "tests/bff/api/api_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::ApiFixture;

namespace {

// Reads a stream on its own thread and keeps the ids and names of the events it saw.
class StreamReader {
public:
    StreamReader(const ApiFixture& api, std::string path) : m_client(api.client())
    {
        m_thread = std::thread([this, path = std::move(path)] {
            m_client->Get(path.c_str(), [this](const char* data, size_t size) {
                std::lock_guard lock(m_mutex);
                m_text.append(data, size);
                return !m_stop;
            });
        });
    }
    ~StreamReader()
    {
        m_stop = true;
        m_client->stop();
        m_thread.join();
    }
    // "id/event" of each complete event so far.
    std::vector<std::string> events() const
    {
        std::lock_guard lock(m_mutex);
        std::vector<std::string> events;
        size_t start = 0;
        for (size_t end = m_text.find("\n\n"); end != std::string::npos; end = m_text.find("\n\n", start)) {
            const auto block = m_text.substr(start, end - start);
            start = end + 2;
            const auto id = block.find("id: ");
            const auto name = block.find("event: ");
            if (id != std::string::npos && name != std::string::npos)
                events.push_back(block.substr(id + 4, block.find('\n', id) - id - 4) + "/" +
                                 block.substr(name + 7, block.find('\n', name) - name - 7));
        }
        return events;
    }

private:
    std::unique_ptr<httplib::Client> m_client;
    mutable std::mutex m_mutex;
    std::string m_text;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

}  // namespace

// GET /api/v1/stream on the real server: auth, validation, and live saga events for every client.
class TestApiStream : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesWithoutATokenOrWithUnknownTopics()
    {
        ApiFixture api;
        QCOMPARE(api.get("/api/v1/stream", "").status, 401);
        const auto token = api.token("analyst");
        const auto unknown = api.get("/api/v1/stream?topics=weather&token=" + token, "");
        QCOMPARE(unknown.status, 400);
        QCOMPARE(unknown.fields(), std::vector<std::string>{"topics"});
        QCOMPARE(api.get("/api/v1/stream?token=" + api.token("admin") + "&lastEventId=x", "").fields(),
                 std::vector<std::string>{"lastEventId"});
    }

    void twoClientsSeeTheSameSagaEvents()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto partner = api.addPartner("Live Partner");
        const auto campaign = api.addActiveCampaign("Live", {partner});
        const auto path = "/api/v1/stream?topics=sagas&token=" + api.token("analyst");
        StreamReader first(api, path);
        StreamReader second(api, path);
        QTRY_COMPARE_WITH_TIMEOUT(api.get("/metrics", "").raw.find("alpes_sse_clients 2") != std::string::npos, true, 10000);
        api.post("/api/v1/interactions", ApiFixture::earlierClick(campaign, partner, "u-live"), manager);
        auto purchase = ApiFixture::interaction("purchase", campaign, partner, "u-live");
        purchase["orderId"] = "L-1";
        purchase["amount"] = Json{{"amount", 1000}, {"currency", "USD"}};
        QCOMPARE(api.post("/api/v1/interactions", purchase, manager).status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(first.events().size() >= 6, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(second.events().size() >= first.events().size(), 10000);
        const auto seen = first.events();
        const auto alsoSeen = second.events();
        QCOMPARE(std::vector(alsoSeen.begin(), alsoSeen.begin() + 6), std::vector(seen.begin(), seen.begin() + 6));
        for (const auto& event : seen)
            QVERIFY2(event.ends_with("/saga"), event.c_str());
    }
};

QTEST_GUILESS_MAIN(TestApiStream)
#include "tst_api_stream.moc"
