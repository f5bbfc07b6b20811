#include "tests/reliability/bff_child.h"
#include "tests/support/temp_data_dir.h"

#include <QtTest>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::BffChild;

namespace {

constexpr int kConnections = 4;
constexpr int kKillCycles = 3;
// Acknowledged interactions per cycle before the kill: enough that the kill lands mid-stream.
constexpr int kAcknowledgedBeforeKill = 100;

// What the clients saw: every acknowledged id and the userId it was sent with, and every userId
// sent (acknowledged or not: the kill may land between the commit and the answer).
struct ClientLog {
    std::mutex mutex;
    std::map<std::string, std::string> acknowledged;  // id → userId
    std::set<std::string> sent;
    std::atomic<int> acknowledgedThisCycle{0};
};

// One connection sending interactions one at a time until the server stops answering.
void ingestUntilTheServerDies(const BffChild& server, const std::string& campaignId, const std::string& partnerId,
                              int connection, int cycle, ClientLog& log)
{
    auto client = server.client();
    client->set_keep_alive(true);
    const httplib::Headers headers{{"Authorization", "Bearer " + server.token()}};
    for (int n = 0;; ++n) {
        const auto userId = "c" + std::to_string(cycle) + "-t" + std::to_string(connection) + "-" + std::to_string(n);
        {
            std::lock_guard lock(log.mutex);
            log.sent.insert(userId);
        }
        const Json body{{"type", "view"}, {"campaignId", campaignId}, {"affiliateId", partnerId}, {"userId", userId}};
        const auto answer = client->Post("/api/v1/interactions", headers, body.dump(), "application/json");
        if (!answer || answer->status != 202)
            return;
        const auto id = Json::parse(answer->body).value("id", "");
        std::lock_guard lock(log.mutex);
        log.acknowledged.emplace(id, userId);
        ++log.acknowledgedThisCycle;
    }
}

}  // namespace

// Issue 9, crash test: SIGKILL alpes-bff while several connections ingest; after each restart every
// acknowledged interaction is stored, none twice.
class TestIngestCrash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyAcknowledgedInteractionSurvivesSigkillExactlyOnce()
    {
        testing::TempDataDir dataDir;
        testing::TempDataDir logDir;
        BffChild server(dataDir.path(), logDir.path() / "alpes-bff.log");
        QVERIFY(server.start());
        QVERIFY(server.signIn());
        const auto [campaignId, partnerId] = server.addCampaignWithPartner();
        QVERIFY(!campaignId.empty() && !partnerId.empty());

        ClientLog log;
        for (int cycle = 0; cycle < kKillCycles; ++cycle) {
            log.acknowledgedThisCycle = 0;
            std::vector<std::thread> connections;
            for (int connection = 0; connection < kConnections; ++connection)
                connections.emplace_back(ingestUntilTheServerDies, std::cref(server), campaignId, partnerId, connection,
                                         cycle, std::ref(log));
            // No time limit of our own: the test's timeout ends a server that stops acknowledging.
            while (log.acknowledgedThisCycle < kAcknowledgedBeforeKill)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            server.kill();
            for (auto& connection : connections)
                connection.join();

            QVERIFY(server.start());
            QVERIFY(server.signIn());
            const auto stored = server.interactionsOf(campaignId);
            std::map<std::string, int> timesById;
            std::map<std::string, int> timesByUser;
            for (const auto& [id, userId] : stored) {
                ++timesById[id];
                ++timesByUser[userId];
            }
            std::lock_guard lock(log.mutex);
            for (const auto& [id, userId] : log.acknowledged) {
                QVERIFY2(timesById[id] == 1, qPrintable(QStringLiteral("cycle %1: acknowledged %2 stored %3 times")
                                                            .arg(cycle)
                                                            .arg(QString::fromStdString(id))
                                                            .arg(timesById[id])));
            }
            // Nothing stored twice, and nothing stored that no client sent.
            for (const auto& [userId, times] : timesByUser) {
                QVERIFY2(times == 1, qPrintable(QString::fromStdString(userId)));
                QVERIFY2(log.sent.contains(userId), qPrintable(QString::fromStdString(userId)));
            }
            QVERIFY(stored.size() >= log.acknowledged.size());
        }
        QVERIFY(log.acknowledged.size() >= size_t{kKillCycles * kAcknowledgedBeforeKill});
    }
};

QTEST_GUILESS_MAIN(TestIngestCrash)
#include "tst_ingest_crash.moc"
