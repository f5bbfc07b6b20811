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
        std::vector<std::string> events;
        for (const auto& [id, name, data] : blocks())
            events.push_back(id + "/" + name);
        return events;
    }
    // The ids of the saga events so far whose data says `sagaId`.
    std::vector<std::string> idsOfSaga(const std::string& sagaId) const
    {
        std::vector<std::string> ids;
        for (const auto& [id, name, data] : blocks())
            if (name == "saga" && Json::parse(data).value("sagaId", "") == sagaId)
                ids.push_back(id);
        return ids;
    }

private:
    struct Block {
        std::string id, name, data;
    };
    std::vector<Block> blocks() const
    {
        std::lock_guard lock(m_mutex);
        std::vector<Block> blocks;
        const auto field = [](const std::string& block, const std::string& key) {
            const auto at = block.find(key);
            return at == std::string::npos ? std::string() : block.substr(at + key.size(), block.find('\n', at) - at - key.size());
        };
        size_t start = 0;
        for (size_t end = m_text.find("\n\n"); end != std::string::npos; end = m_text.find("\n\n", start)) {
            const auto block = m_text.substr(start, end - start) + "\n";
            start = end + 2;
            if (block.find("id: ") != std::string::npos && block.find("event: ") != std::string::npos)
                blocks.push_back({field(block, "id: "), field(block, "event: "), field(block, "data: ")});
        }
        return blocks;
    }

    std::unique_ptr<httplib::Client> m_client;
    mutable std::mutex m_mutex;
    std::string m_text;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

}  // namespace

// GET /api/v1/stream on the real server: auth, validation, live saga events for every client, and
// a client following one saga (?sagaId=) getting only its steps, resumed and live.
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
        const auto badSaga = api.get("/api/v1/stream?topics=sagas&sagaId=s-1&token=" + token, "");
        QCOMPARE(badSaga.status, 400);
        QCOMPARE(badSaga.fields(), std::vector<std::string>{"sagaId"});
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
        // Not "as many as first": first may still be receiving when the condition is checked again.
        QTRY_VERIFY_WITH_TIMEOUT(second.events().size() >= 6, 10000);
        const auto seen = first.events();
        const auto alsoSeen = second.events();
        QCOMPARE(std::vector(alsoSeen.begin(), alsoSeen.begin() + 6), std::vector(seen.begin(), seen.begin() + 6));
        for (const auto& event : seen)
            QVERIFY2(event.ends_with("/saga"), event.c_str());
    }

    void aClientFollowingOneSagaGetsOnlyItsStepsResumedAndLive()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto partner = api.addPartner("Filter Partner");
        const auto campaign = api.addActiveCampaign("Filter", {partner});
        const auto analyst = api.token("analyst");
        StreamReader every(api, "/api/v1/stream?topics=sagas&token=" + analyst);
        QTRY_COMPARE_WITH_TIMEOUT(api.get("/metrics", "").raw.find("alpes_sse_clients 1") != std::string::npos, true, 10000);
        // Two purchases: two sagas whose steps interleave on the stream.
        std::vector<std::pair<std::string, std::string>> sagas;  // {sagaId, conversionId}
        for (const std::string order : {"F-1", "F-2"}) {
            api.post("/api/v1/interactions", ApiFixture::earlierClick(campaign, partner, "u-" + order), manager);
            auto purchase = ApiFixture::interaction("purchase", campaign, partner, "u-" + order);
            purchase["orderId"] = order;
            purchase["amount"] = Json{{"amount", 1000}, {"currency", "USD"}};
            const auto bought = api.post("/api/v1/interactions", purchase, manager);
            QCOMPARE(bought.status, 202);
            sagas.emplace_back(bought.body["sagaId"].get<std::string>(), bought.body["id"].get<std::string>());
        }
        const auto& [followed, conversion] = sagas[0];
        const auto& other = sagas[1].first;
        for (const auto& [sagaId, unused] : sagas)
            QTRY_COMPARE_WITH_TIMEOUT(api.get("/api/v1/sagas/" + sagaId, manager).body.value("state", ""),
                                      std::string("reserved"), 20000);
        // Resumed from the start of the history: the followed saga's steps so far, none of the other's;
        // then, live, its compensation.
        StreamReader one(api, "/api/v1/stream?topics=sagas&lastEventId=0&sagaId=" + followed + "&token=" + analyst);
        QTRY_VERIFY_WITH_TIMEOUT(!one.idsOfSaga(followed).empty(), 10000);
        QCOMPARE(api.post("/api/v1/conversions/" + conversion + "/fraud", Json{{"reason", "test"}}, manager).status, 202);
        QCOMPARE(api.post("/api/v1/conversions/" + sagas[1].second + "/fraud", Json{{"reason", "test"}}, manager).status,
                 202);
        for (const auto& [sagaId, unused] : sagas)
            QTRY_COMPARE_WITH_TIMEOUT(api.get("/api/v1/sagas/" + sagaId, manager).body.value("state", ""),
                                      std::string("compensated"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!every.idsOfSaga(other).empty(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(one.idsOfSaga(followed), every.idsOfSaga(followed), 10000);
        QCOMPARE(one.events().size(), one.idsOfSaga(followed).size());  // nothing of the other saga
    }
};

QTEST_GUILESS_MAIN(TestApiStream)
#include "tst_api_stream.moc"
