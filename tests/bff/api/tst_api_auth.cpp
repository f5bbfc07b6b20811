#include "tests/bff/api/api_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::ApiFixture;

// Sign-in, roles, users, API keys and rate limits against the real server.
class TestApiAuth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void signsInAndTellsWhoIsSignedIn()
    {
        ApiFixture api;
        const auto login = api.post("/api/v1/auth/login", Json{{"username", "manager"}, {"password", ApiFixture::kPassword}}, "");
        QCOMPARE(login.status, 200);
        QCOMPARE(login.body["role"], Json("manager"));
        QVERIFY(login.body["token"].get<std::string>().starts_with("alp_s_"));
        QVERIFY(parseRfc3339(login.body["expiresAt"].get<std::string>()).ok());
        const auto me = api.get("/api/v1/auth/me", login.body["token"]);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.body["username"], Json("manager"));
        QCOMPARE(me.body["role"], Json("manager"));
    }

    void refusesAWrongPasswordAndAnUnknownUserAlike()
    {
        ApiFixture api;
        const auto wrongPassword = api.post("/api/v1/auth/login", Json{{"username", "admin"}, {"password", "nope"}}, "");
        const auto unknownUser = api.post("/api/v1/auth/login", Json{{"username", "nobody"}, {"password", "nope"}}, "");
        QCOMPARE(wrongPassword.status, 401);
        QCOMPARE(unknownUser.status, 401);
        QVERIFY(wrongPassword.isProblem());
        QCOMPARE(wrongPassword.body["detail"], unknownUser.body["detail"]);
    }

    void namesEveryMissingLoginField()
    {
        ApiFixture api;
        const auto answer = api.post("/api/v1/auth/login", Json{{"user", "admin"}}, "");
        QCOMPARE(answer.status, 400);
        QVERIFY(answer.isProblem());
        const std::vector<std::string> expected{"username", "password", "user"};
        QCOMPARE(answer.fields(), expected);
    }

    void answers401WithoutATokenAndWithABadOne()
    {
        ApiFixture api;
        const auto none = api.get("/api/v1/campaigns", "");
        QCOMPARE(none.status, 401);
        QVERIFY(none.isProblem());
        QCOMPARE(none.header("WWW-Authenticate"), std::string("Bearer"));
        QCOMPARE(api.get("/api/v1/campaigns", "alp_s_made-up").status, 401);
        QCOMPARE(api.get("/api/v1/campaigns", "garbage").status, 401);
    }

    void logoutRevokesTheToken()
    {
        ApiFixture api;
        const auto token = api.token("analyst");
        QCOMPARE(api.get("/api/v1/auth/me", token).status, 200);
        QCOMPARE(api.post("/api/v1/auth/logout", Json::object(), token).status, 204);
        QCOMPARE(api.get("/api/v1/auth/me", token).status, 401);
    }

    void storesNoPasswordOrTokenInTheClear()
    {
        ApiFixture api;
        const auto token = api.token("admin");
        QByteArray bytes;  // the database and its write-ahead log, where recent rows are
        for (const char* name : {"bff.db", "bff.db-wal"}) {
            QFile file(QString::fromStdString((api.app().engine().dataDir() / name).string()));
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        QVERIFY(bytes.contains("scrypt$"));  // the users are there, hashed
        QVERIFY(!bytes.contains(QByteArray::fromStdString(token)));
        QVERIFY(!bytes.contains(ApiFixture::kPassword));
    }

    void demoModeCreatesTheDemoUsersWithTheirPublishedPasswordAndALightHash()
    {
        app::BffConfig config;
        config.demo = demo::DemoOptions{};
        ApiFixture api(config);
        for (const char* username : {"admin", "manager", "analyst", "partner"}) {
            const auto login =
                api.post("/api/v1/auth/login", Json{{"username", username}, {"password", app::BffApp::kDemoPassword}}, "");
            QCOMPARE(login.status, 200);
            QCOMPARE(login.body["role"], Json(username));
        }
        const auto partner = api.token("partner", app::BffApp::kDemoPassword);
        QVERIFY(api.get("/api/v1/auth/me", partner).body["affiliateId"].is_string());
        // The published password gets the light cost (N=2^10, r=8, p=1), not the configured one
        // (the fixture's lowest cost, 1/1/1).
        QByteArray bytes;
        for (const char* name : {"bff.db", "bff.db-wal"}) {
            QFile file(QString::fromStdString((api.app().engine().dataDir() / name).string()));
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        QVERIFY(bytes.contains("scrypt$10$8$1$"));
        QVERIFY(!bytes.contains("scrypt$1$1$1$"));
    }

    void enforcesRolesOnEveryKindOfRoute()
    {
        ApiFixture api;
        const auto analyst = api.token("analyst");
        const auto manager = api.token("manager");
        QCOMPARE(api.get("/api/v1/campaigns", analyst).status, 200);
        const auto write = api.post("/api/v1/campaigns", ApiFixture::campaignDraft("Nope"), analyst);
        QCOMPARE(write.status, 403);
        QVERIFY(write.isProblem());
        QCOMPARE(api.get("/api/v1/users", manager).status, 403);
        QCOMPARE(api.post("/api/v1/api-keys", Json{{"name", "shop"}, {"scope", "ingest"}}, manager).status, 403);
        QCOMPARE(api.get("/api/v1/users", api.token("admin")).status, 200);
    }

    void adminCreatesUsersWhoCanSignIn()
    {
        ApiFixture api;
        const auto admin = api.token("admin");
        const auto created =
            api.post("/api/v1/users", Json{{"username", "carla"}, {"password", "long-enough"}, {"role", "analyst"}}, admin);
        QCOMPARE(created.status, 201);
        QCOMPARE(created.body["username"], Json("carla"));
        QVERIFY(created.raw.find("long-enough") == std::string::npos);
        QCOMPARE(api.token("carla", "long-enough").empty(), false);
        const auto again =
            api.post("/api/v1/users", Json{{"username", "carla"}, {"password", "long-enough"}, {"role", "analyst"}}, admin);
        QCOMPARE(again.status, 409);
        const auto bad = api.post("/api/v1/users", Json{{"username", "X"}, {"password", "short"}, {"role", "boss"}}, admin);
        QCOMPARE(bad.status, 400);
        const std::vector<std::string> expected{"username", "password", "role"};
        QCOMPARE(bad.fields(), expected);
    }

    void usersListPagesWithoutDuplicates()
    {
        ApiFixture api;
        const auto admin = api.token("admin");
        for (int i = 0; i < 5; ++i)
            QCOMPARE(api.post("/api/v1/users",
                              Json{{"username", "user-" + std::to_string(i)}, {"password", "long-enough"}, {"role", "analyst"}},
                              admin)
                         .status,
                     201);
        std::set<std::string> seen;
        std::string cursor;
        int pages = 0;
        do {
            const auto page = api.get("/api/v1/users?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor), admin);
            QCOMPARE(page.status, 200);
            for (const auto& user : page.body["items"])
                QVERIFY(seen.insert(user["id"].get<std::string>()).second);
            cursor = page.body["nextCursor"].is_null() ? "" : page.body["nextCursor"].get<std::string>();
            ++pages;
        } while (!cursor.empty());
        QCOMPARE(seen.size(), size_t{8});
        QCOMPARE(pages, 3);
        QCOMPARE(api.get("/api/v1/users?limit=0", admin).fields(), std::vector<std::string>{"limit"});
        QCOMPARE(api.get("/api/v1/users?cursor=%%%", admin).fields(), std::vector<std::string>{"cursor"});
    }

    void apiKeysIngestOnlyAndCanBeRevoked()
    {
        ApiFixture api;
        const auto admin = api.token("admin");
        const auto created = api.post("/api/v1/api-keys", Json{{"name", "shop"}, {"scope", "ingest"}}, admin);
        QCOMPARE(created.status, 201);
        const auto key = created.body["key"].get<std::string>();
        QVERIFY(key.starts_with("alp_k_"));
        const auto partner = api.addPartner("Key Partner");
        const auto campaign = api.addActiveCampaign("Keys", {partner});
        const auto tracked = api.post("/api/v1/interactions", ApiFixture::interaction("view", campaign, partner, "u-1"), key);
        QCOMPARE(tracked.status, 202);
        // An ingest key reads the campaigns it sends for, and nothing else.
        QCOMPARE(api.get("/api/v1/campaigns", key).status, 200);
        QCOMPARE(api.get("/api/v1/affiliates", key).status, 403);
        QCOMPARE(api.get("/api/v1/commissions", key).status, 403);
        const auto id = created.body["id"].get<std::string>();
        QCOMPARE(api.send("DELETE", "/api/v1/api-keys/" + id, std::nullopt, admin).status, 204);
        QCOMPARE(api.post("/api/v1/interactions", ApiFixture::interaction("view", campaign, partner, "u-1"), key).status, 401);
        QCOMPARE(api.send("DELETE", "/api/v1/api-keys/unknown", std::nullopt, admin).status, 404);
    }

    void aPartnerSeesOnlyItsOwnAffiliate()
    {
        ApiFixture api;
        const auto admin = api.token("admin");
        const auto mine = api.addPartner("Mine Partner");
        const auto theirs = api.addPartner("Their Partner");
        QCOMPARE(api.post("/api/v1/users",
                          Json{{"username", "partner"}, {"password", "long-enough"}, {"role", "partner"}, {"affiliateId", mine}},
                          admin)
                     .status,
                 201);
        const auto partner = api.token("partner", "long-enough");
        QCOMPARE(api.get("/api/v1/affiliates/" + mine, partner).status, 200);
        const auto other = api.get("/api/v1/affiliates/" + theirs, partner);
        QCOMPARE(other.status, 404);
        QVERIFY(other.isProblem());
        const auto list = api.get("/api/v1/affiliates", partner);
        QCOMPARE(list.body["items"].size(), size_t{1});
        QCOMPARE(list.body["items"][0]["id"], Json(mine));
        // Interactions and commissions are filtered to its own affiliate too.
        const auto campaign = api.addActiveCampaign("Isolation", {mine, theirs});
        const auto manager = api.token("manager");
        const auto theirView = api.post("/api/v1/interactions", ApiFixture::interaction("view", campaign, theirs, "u-2"), manager);
        QCOMPARE(theirView.status, 202);
        QCOMPARE(api.post("/api/v1/interactions", ApiFixture::interaction("view", campaign, mine, "u-3"), manager).status, 202);
        const auto interactions = api.get("/api/v1/interactions?affiliateId=" + theirs, partner);
        QCOMPARE(interactions.status, 200);
        QCOMPARE(interactions.body["items"].size(), size_t{1});
        QCOMPARE(interactions.body["items"][0]["affiliateId"], Json(mine));
        QCOMPARE(api.get("/api/v1/interactions/" + theirView.body["id"].get<std::string>(), partner).status, 404);
        // Partners read; they never write, and global views are not theirs.
        QCOMPARE(api.post("/api/v1/affiliates/" + mine + "/suspend", Json{{"reason", "x"}}, partner).status, 403);
        QCOMPARE(api.get("/api/v1/sagas", partner).status, 403);
    }

    void aPartnerUserNeedsAKnownAffiliate()
    {
        ApiFixture api;
        const auto answer = api.post(
            "/api/v1/users", Json{{"username", "ghost"}, {"password", "long-enough"}, {"role", "partner"}, {"affiliateId", "nope"}},
            api.token("admin"));
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.fields(), std::vector<std::string>{"affiliateId"});
    }

    void rateLimitsEachCallerWithRetryAfter()
    {
        app::BffConfig config;
        config.rateLimit = 2;  // burst of 4
        ApiFixture api(config);
        const auto token = api.token("analyst");
        int limited = 0;
        std::string retryAfter;
        for (int i = 0; i < 12 && limited == 0; ++i) {
            const auto answer = api.get("/api/v1/campaigns", token);
            if (answer.status == 429) {
                ++limited;
                retryAfter = answer.header("Retry-After");
                QVERIFY(answer.isProblem());
            }
        }
        QCOMPARE(limited, 1);
        QVERIFY(std::stoi(retryAfter) >= 1);
        // Another caller has its own allowance.
        QCOMPARE(api.get("/api/v1/campaigns", api.token("manager")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestApiAuth)
#include "tst_api_auth.moc"
