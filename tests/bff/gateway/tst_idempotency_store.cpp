#include "bff/gateway/idempotency_store.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_clock.h"

#include <QtTest>

using namespace alpes;
using Verdict = gateway::IdempotencyStore::Verdict;

// The store on a real bff.db, reopened the way a restarted server reopens it.
class TstIdempotencyStore : public QObject {
    Q_OBJECT

    testing::TempDataDir m_dir;
    testing::TestClock m_clock{fromEpochMillis(1'800'000'000'000)};

    std::unique_ptr<gateway::GatewayDatabase> open()
    {
        auto db = gateway::GatewayDatabase::open(m_dir.path(), storage::Durability::Normal);
        if (!db)
            qFatal("cannot open bff.db: %s", db.error().message.c_str());
        return std::move(db).value();
    }

    Verdict claim(gateway::IdempotencyStore& store, const std::string& key, const std::string& bodyHash = "h1")
    {
        auto claimed = store.claim("user:1", key, "POST", "/api/v1/interactions", bodyHash);
        if (!claimed)
            qFatal("claim failed: %s", claimed.error().message.c_str());
        return claimed->verdict;
    }

private Q_SLOTS:
    void aClaimLeftByADeadProcessIsReleasedAtStartUpAndAnswersAreKept()
    {
        {
            auto db = open();
            gateway::IdempotencyStore store(*db, m_clock);
            QCOMPARE(claim(store, "answered"), Verdict::Proceed);
            QVERIFY(store.complete("user:1", "answered", {202, "application/json", R"({"id":"i1"})"}).ok());
            QCOMPARE(claim(store, "running"), Verdict::Proceed);
            QCOMPARE(claim(store, "running"), Verdict::InProgress);
            db->stop();  // the process dies here with "running" still claimed
        }
        auto db = open();
        gateway::IdempotencyStore store(*db, m_clock);
        QCOMPARE(claim(store, "running"), Verdict::InProgress);  // without the release: 409 for a minute
        const auto released = store.releaseUnanswered();
        QVERIFY(released.ok());
        QCOMPARE(*released, size_t{1});
        QCOMPARE(claim(store, "running"), Verdict::Proceed);  // the retry does the work now
        const auto answered = store.claim("user:1", "answered", "POST", "/api/v1/interactions", "h1");
        QVERIFY(answered.ok());
        QCOMPARE(answered->verdict, Verdict::Replay);
        QCOMPARE(answered->response->body, std::string(R"({"id":"i1"})"));
        QCOMPARE(claim(store, "answered", "h2"), Verdict::Mismatch);
    }
};

QTEST_APPLESS_MAIN(TstIdempotencyStore)
#include "tst_idempotency_store.moc"
