#include "bff/storage/database.h"
#include "bff/messages/message_types.h"
#include "tests/bff/api/api_fixture.h"
#include "tests/support/test_clock.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <atomic>
#include <memory>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::ApiFixture;
using alpes::testing::TestClock;

// What an operator relies on, through HTTP: the saga's retry and abort, the aggregated views'
// circuit breakers, and bff.db's housekeeping (idempotency keys and expired sessions).
class TestApiOperations : public QObject {
    Q_OBJECT

private:
    // Steps that give up quickly, so a lost compensation fails its saga in about two seconds.
    static saga::SagaOptions quickSagas(std::shared_ptr<std::atomic<bool>> loseReleases)
    {
        return saga::SagaOptions{.stepTimeout = std::chrono::milliseconds(500),
                                 .maxRetries = 3,
                                 .firstBackoff = std::chrono::milliseconds(50),
                                 .runnerInterval = std::chrono::milliseconds(5),
                                 .dropCommand = [loseReleases](const SagaId&, std::string_view command, int) {
                                     return loseReleases->load() && command == messages::types::kReleaseBudget;
                                 }};
    }

    // A reserved purchase flagged as fraud; answers {sagaId, conversionId}.
    static std::pair<std::string, std::string> flaggedPurchase(ApiFixture& api, const std::string& campaign,
                                                               const std::string& partner, const std::string& order)
    {
        const auto manager = api.token("manager");
        api.post("/api/v1/interactions", ApiFixture::earlierClick(campaign, partner, "u-" + order), manager);
        auto purchase = ApiFixture::interaction("purchase", campaign, partner, "u-" + order);
        purchase["orderId"] = order;
        purchase["amount"] = Json{{"amount", 5000}, {"currency", "USD"}};
        const auto bought = api.post("/api/v1/interactions", purchase, manager);
        if (bought.status != 202)
            qFatal("purchase refused: %d %s", bought.status, bought.raw.c_str());
        const auto sagaId = bought.body["sagaId"].get<std::string>();
        const auto conversion = bought.body["id"].get<std::string>();
        ApiFixture::Answer saga;
        if (!QTest::qWaitFor([&] { return (saga = api.get("/api/v1/sagas/" + sagaId, manager)).body.value("state", "") == "reserved"; },
                             20000))
            qFatal("saga %s never reserved: %s", sagaId.c_str(), saga.raw.c_str());
        const auto flagged = api.post("/api/v1/conversions/" + conversion + "/fraud", Json{{"reason", "stolen card"}}, manager);
        if (flagged.status != 202)
            qFatal("fraud flag refused: %d %s", flagged.status, flagged.raw.c_str());
        return {sagaId, conversion};
    }

    static std::int64_t countRows(const std::filesystem::path& database, const std::string& sql)
    {
        auto db = storage::Database::open(database.string());
        if (!db)
            qFatal("cannot open %s", database.string().c_str());
        auto row = db->prepare(sql);
        return row.step() ? row.int64At(0) : -1;
    }

private Q_SLOTS:
    void anOperatorRetriesAFailedSagaToTheEndOrGivesItUp()
    {
        auto loseReleases = std::make_shared<std::atomic<bool>>(true);
        app::BffConfig config;
        config.saga = quickSagas(loseReleases);
        ApiFixture api(config);
        const auto manager = api.token("manager");
        const auto partner = api.addPartner("Ops Partner");
        const auto campaign = api.addActiveCampaign("Ops", {partner});
        // Both clawbacks lose their ReleaseBudget for good: the sagas fail half-compensated.
        const auto [retried, retriedConversion] = flaggedPurchase(api, campaign, partner, "OPS-1");
        const auto [abandoned, abandonedConversion] = flaggedPurchase(api, campaign, partner, "OPS-2");
        for (const auto& id : {retried, abandoned})
            QTRY_VERIFY_WITH_TIMEOUT(api.get("/api/v1/sagas/" + id, manager).body.value("state", "") == "failed", 20000);
        loseReleases->store(false);

        const auto retry = api.post("/api/v1/sagas/" + retried + "/retry", Json::object(), manager);
        QCOMPARE(retry.status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(api.get("/api/v1/sagas/" + retried, manager).body.value("state", "") == "compensated",
                                 20000);
        QCOMPARE(api.get("/api/v1/commissions?campaignId=" + campaign + "&state=reverted", manager).body["items"].size(), 1u);

        const auto abort = api.post("/api/v1/sagas/" + abandoned + "/abort", Json::object(), manager);
        QCOMPARE(abort.status, 200);
        const auto givenUp = api.get("/api/v1/sagas/" + abandoned, manager);
        QCOMPARE(givenUp.body["state"], Json("failed"));
        QVERIFY2(givenUp.raw.find("aborted by operator") != std::string::npos, givenUp.raw.c_str());
        // Given up is final: neither a retry nor a second abort acts on it.
        QCOMPARE(api.post("/api/v1/sagas/" + abandoned + "/retry", Json::object(), manager).status, 409);
        QCOMPARE(api.post("/api/v1/sagas/" + abandoned + "/abort", Json::object(), manager).status, 409);
        QCOMPARE(api.post("/api/v1/sagas/" + abandoned + "/retry", Json::object(), api.token("analyst")).status, 403);
    }

    void aFailingSourceOpensItsCircuitAndItClosesAfterTheCoolDown()
    {
        TestClock clock(std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()));
        ApiFixture api({}, clock);
        const auto manager = api.token("manager");
        const auto campaign = api.addActiveCampaign("Breaker", {});
        const auto overviewPath = "/api/v1/campaigns/" + campaign + "/overview";
        const auto circuit = [&](const char* state) {
            return api.get("/metrics", "").raw.find(std::string(R"(alpes_circuit_state{source="commissions",state=")") +
                                                    state + "\"} 1") != std::string::npos;
        };

        api.app().faults().set("commissions", {std::chrono::milliseconds(0), Error::unavailable("disk gone")});
        const api::CircuitBreaker::Options breaker;
        for (int call = 0; call < breaker.failureThreshold; ++call)
            QCOMPARE(api.get(overviewPath, manager).body["sources"]["commissions"], Json("error"));
        QVERIFY(circuit("open"));
        // The fault is gone, but an open circuit does not call the source until the cool-down ends.
        api.app().faults().clear("commissions");
        const auto refused = api.get(overviewPath, manager);
        QCOMPARE(refused.status, 200);
        QCOMPARE(refused.body["sources"]["commissions"], Json("error"));
        QCOMPARE(refused.body["sources"]["marketing"], Json("ok"));
        QVERIFY(refused.body["commissions"].is_null());

        clock.advance(breaker.coolDown + std::chrono::milliseconds(1));
        const auto trial = api.get(overviewPath, manager);
        QCOMPARE(trial.body["sources"]["commissions"], Json("ok"));
        QVERIFY(!trial.body["commissions"].is_null());
        QVERIFY(circuit("closed"));
    }

    void housekeepingForgetsOldIdempotencyKeysAndExpiredSessions()
    {
        TestClock clock(std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()));
        app::BffConfig config;
        config.housekeepingInterval = std::chrono::milliseconds(20);
        config.idempotencyRetention = std::chrono::hours(24);
        ApiFixture api(config, clock);
        const auto bffDb = api.dataDir() / "bff.db";
        const auto signIn = [&](const char* user) {
            return api.post("/api/v1/auth/login", Json{{"username", user}, {"password", ApiFixture::kPassword}}, "")
                .body.value("token", "");
        };
        const httplib::Headers key{{"Idempotency-Key", "partner-once"}};
        const auto partner = Json{{"name", "Kept"}, {"email", "kept@example.com"}, {"kind", "affiliate"}};
        const auto other = Json{{"name", "Other"}, {"email", "other@example.com"}, {"kind", "affiliate"}};
        QCOMPARE(api.post("/api/v1/affiliates", partner, signIn("manager"), key).status, 201);
        signIn("analyst");
        QCOMPARE(countRows(bffDb, "SELECT count(*) FROM sessions"), 2);

        // 23 hours on, both sessions (12 hours) are gone from bff.db, a new one stays; the key,
        // within its retention, still answers: a replay, and 422 for another body.
        clock.advance(std::chrono::hours(23));
        const auto manager = signIn("manager");
        QTRY_COMPARE_WITH_TIMEOUT(countRows(bffDb, "SELECT count(*) FROM sessions"), 1, 10000);
        QCOMPARE(api.post("/api/v1/affiliates", partner, manager, key).header("Idempotent-Replayed"), std::string("true"));
        QCOMPARE(api.post("/api/v1/affiliates", other, manager, key).status, 422);

        // Past the day, the key is forgotten: the other body under it is a new request.
        clock.advance(std::chrono::hours(2));
        QTRY_COMPARE_WITH_TIMEOUT(countRows(bffDb, "SELECT count(*) FROM idempotency_keys"), 0, 10000);
        QCOMPARE(api.post("/api/v1/affiliates", other, manager, key).status, 201);
        QCOMPARE(countRows(bffDb, "SELECT count(*) FROM sessions"), 1);
    }
};

QTEST_APPLESS_MAIN(TestApiOperations)
#include "tst_api_operations.moc"
