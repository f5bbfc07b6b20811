#include "tests/bff/api/api_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::ApiFixture;

// Partners, campaigns, commissions and sagas through the API, from success to each error.
class TestApiResources : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void partnersGoThroughTheirLifecycle()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto registered = api.post(
            "/api/v1/affiliates",
            Json{{"name", "Ana Ruiz"}, {"email", "ana@example.com"}, {"kind", "influencer"}, {"platform", "tiktok"}}, manager);
        QCOMPARE(registered.status, 201);
        QCOMPARE(registered.body["status"], Json("pending"));
        const auto id = registered.body["id"].get<std::string>();
        QCOMPARE(api.post("/api/v1/affiliates/" + id + "/approve", Json::object(), manager).body["status"], Json("active"));
        const auto suspended = api.post("/api/v1/affiliates/" + id + "/suspend", Json{{"reason", "chargebacks"}}, manager);
        QCOMPARE(suspended.body["status"], Json("suspended"));
        QCOMPARE(api.post("/api/v1/affiliates/" + id + "/suspend", Json{{"reason", "again"}}, manager).status, 409);
        QCOMPARE(api.post("/api/v1/affiliates/" + id + "/suspend", Json::object(), manager).fields(),
                 std::vector<std::string>{"reason"});
        QCOMPARE(api.post("/api/v1/affiliates/" + id + "/reinstate", Json::object(), manager).body["status"], Json("active"));
        const auto duplicate = api.post("/api/v1/affiliates",
                                        Json{{"name", "Ana Two"}, {"email", "ANA@example.com"}, {"kind", "affiliate"}}, manager);
        QCOMPARE(duplicate.status, 409);
        const auto analyst = api.token("analyst");
        QCOMPARE(api.get("/api/v1/affiliates?status=active&kind=influencer", analyst).body["items"].size(), size_t{1});
        QCOMPARE(api.get("/api/v1/affiliates?q=ana", analyst).body["items"].size(), size_t{1});
        QCOMPARE(api.get("/api/v1/affiliates?status=happy", analyst).fields(), std::vector<std::string>{"status"});
        QCOMPARE(api.get("/api/v1/affiliates/unknown", analyst).status, 404);
    }

    void campaignsGoThroughTheirLifecycle()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto created = api.post("/api/v1/campaigns", ApiFixture::campaignDraft("Winter"), manager);
        QCOMPARE(created.status, 201);
        QCOMPARE(created.body["state"], Json("draft"));
        const auto id = created.body["id"].get<std::string>();
        const auto patched = api.patch("/api/v1/campaigns/" + id, Json{{"name", "Winter sale"}}, manager);
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.body["name"], Json("Winter sale"));
        for (const auto& [action, state] : std::vector<std::pair<std::string, std::string>>{
                 {"activate", "active"}, {"pause", "paused"}, {"resume", "active"}, {"finish", "finished"}}) {
            const auto changed = api.post("/api/v1/campaigns/" + id + "/" + action, Json::object(), manager);
            QCOMPARE(changed.status, 200);
            QCOMPARE(changed.body["state"], Json(state));
        }
        const auto late = api.post("/api/v1/campaigns/" + id + "/cancel", Json::object(), manager);
        QCOMPARE(late.status, 409);
        QVERIFY(late.isProblem());
        QCOMPARE(api.get("/api/v1/campaigns/" + id, api.token("analyst")).body["state"], Json("finished"));
        QCOMPARE(api.get("/api/v1/campaigns/unknown", manager).status, 404);
        QCOMPARE(api.post("/api/v1/campaigns/unknown/activate", Json::object(), manager).status, 404);
    }

    void namesEveryWrongFieldOfACampaign()
    {
        ApiFixture api;
        auto draft = ApiFixture::campaignDraft("X");
        draft["budget"] = Json{{"amount", -5}, {"currency", "USD"}};
        draft.erase("brand");
        draft["colour"] = "red";
        const auto answer = api.post("/api/v1/campaigns", draft, api.token("manager"));
        QCOMPARE(answer.status, 400);
        const auto fields = answer.fields();
        for (const char* field : {"name", "brand", "budget.amount", "colour"})
            QVERIFY2(std::find(fields.begin(), fields.end(), field) != fields.end(), field);
    }

    void campaignListsPageWithoutDuplicatesAndFilter()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        for (int i = 0; i < 7; ++i)
            QCOMPARE(api.post("/api/v1/campaigns", ApiFixture::campaignDraft("Campaign " + std::to_string(i)), manager).status,
                     201);
        std::set<std::string> seen;
        std::string cursor;
        do {
            const auto page = api.get("/api/v1/campaigns?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), manager);
            QCOMPARE(page.status, 200);
            QVERIFY(page.body["items"].size() <= 2);
            for (const auto& campaign : page.body["items"])
                QVERIFY(seen.insert(campaign["id"].get<std::string>()).second);
            cursor = page.body["nextCursor"].is_null() ? "" : page.body["nextCursor"].get<std::string>();
        } while (!cursor.empty());
        QCOMPARE(seen.size(), size_t{7});
        QCOMPARE(api.get("/api/v1/campaigns?state=draft&q=campaign%203", manager).body["items"].size(), size_t{1});
        QCOMPARE(api.get("/api/v1/campaigns?state=active", manager).body["items"].size(), size_t{0});
        QCOMPARE(api.get("/api/v1/campaigns?limit=501&state=x", manager).fields(), (std::vector<std::string>{"state", "limit"}));
    }

    void campaignStatsComeFromTheProjection()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto partner = api.addPartner("Stats Partner");
        const auto campaign = api.addActiveCampaign("Stats", {partner});
        for (int i = 0; i < 3; ++i)
            QCOMPARE(api.post("/api/v1/interactions", ApiFixture::interaction("view", campaign, partner, "u-1"), manager).status,
                     202);
        const auto daily = api.get("/api/v1/campaigns/" + campaign + "/stats/daily", manager);
        QCOMPARE(daily.status, 200);
        QCOMPARE(daily.body["items"].size(), size_t{1});
        QCOMPARE(daily.body["items"][0]["type"], Json("view"));
        QCOMPARE(daily.body["items"][0]["count"], Json(3));
        const auto series = api.get("/api/v1/campaigns/" + campaign + "/series?bucket=minute", manager);
        QCOMPARE(series.status, 200);
        std::int64_t total = 0;
        for (const auto& minute : series.body["items"])
            total += minute["count"].get<std::int64_t>();
        QCOMPARE(total, std::int64_t{3});
        QCOMPARE(api.get("/api/v1/campaigns/" + campaign + "/stats/daily?from=yesterday", manager).fields(),
                 std::vector<std::string>{"from"});
        QCOMPARE(api.get("/api/v1/campaigns/" + campaign + "/series?bucket=hour", manager).fields(),
                 std::vector<std::string>{"bucket"});
        QCOMPARE(api.get("/api/v1/campaigns/unknown/stats/daily", manager).status, 404);
    }

    void commissionsAreListedConfirmedAndCounted()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto partner = api.addPartner("Earning Partner");
        const auto campaign = api.addActiveCampaign("Earnings", {partner});
        QCOMPARE(api.post("/api/v1/interactions", ApiFixture::earlierClick(campaign, partner, "u-9"), manager).status, 202);
        auto purchase = ApiFixture::interaction("purchase", campaign, partner, "u-9");
        purchase["orderId"] = "C-1";
        purchase["amount"] = Json{{"amount", 5000}, {"currency", "USD"}};
        QCOMPARE(api.post("/api/v1/interactions", purchase, manager).status, 202);
        ApiFixture::Answer listed;
        QTRY_VERIFY_WITH_TIMEOUT((listed = api.get("/api/v1/commissions?state=reserved", manager)).body["items"].size() == 1,
                                 10000);
        const auto id = listed.body["items"][0]["id"].get<std::string>();
        QCOMPARE(api.get("/api/v1/commissions/" + id, manager).body["amount"]["amount"], Json(500));
        const auto confirmed = api.post("/api/v1/commissions/" + id + "/confirm", Json::object(), manager);
        QCOMPARE(confirmed.status, 200);
        QCOMPARE(confirmed.body["state"], Json("confirmed"));
        QCOMPARE(api.post("/api/v1/commissions/" + id + "/confirm", Json::object(), manager).status, 409);
        const auto batch = api.post("/api/v1/commissions/confirm-batch", Json{{"ids", {id, "unknown"}}}, manager);
        QCOMPARE(batch.status, 200);
        QCOMPARE(batch.body["skipped"].size(), size_t{2});
        QCOMPARE(api.post("/api/v1/commissions/confirm-batch", Json::object(), manager).fields(),
                 std::vector<std::string>{"ids"});
        const auto stats = api.get("/api/v1/commissions/stats?campaignId=" + campaign, manager);
        QCOMPARE(stats.body["confirmed"]["count"], Json(1));
        QCOMPARE(api.get("/api/v1/commissions/unknown", manager).status, 404);
    }

    void flaggingFraudCompensatesTheSaga()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto partner = api.addPartner("Fraud Partner");
        const auto campaign = api.addActiveCampaign("Fraud", {partner});
        QCOMPARE(api.post("/api/v1/interactions", ApiFixture::earlierClick(campaign, partner, "u-5"), manager).status, 202);
        auto purchase = ApiFixture::interaction("purchase", campaign, partner, "u-5");
        purchase["orderId"] = "F-1";
        purchase["amount"] = Json{{"amount", 5000}, {"currency", "USD"}};
        const auto bought = api.post("/api/v1/interactions", purchase, manager);
        const auto conversion = bought.body["id"].get<std::string>();
        const auto sagaId = bought.body["sagaId"].get<std::string>();
        QTRY_VERIFY_WITH_TIMEOUT(api.get("/api/v1/sagas/" + sagaId, manager).body.value("state", "") == "reserved", 10000);
        QCOMPARE(api.post("/api/v1/conversions/" + conversion + "/fraud", Json::object(), manager).fields(),
                 std::vector<std::string>{"reason"});
        const auto flagged = api.post("/api/v1/conversions/" + conversion + "/fraud", Json{{"reason", "stolen card"}}, manager);
        QCOMPARE(flagged.status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(api.get("/api/v1/sagas/" + sagaId, manager).body.value("state", "") == "compensated", 10000);
        const auto saga = api.get("/api/v1/sagas/" + sagaId, manager);
        QCOMPARE(saga.body["compensation"]["rule"], Json("manual"));
        const auto compensated = api.get("/api/v1/sagas?state=compensated&campaignId=" + campaign, manager);
        QCOMPARE(compensated.body["items"].size(), size_t{1});
        QCOMPARE(api.post("/api/v1/sagas/" + sagaId + "/retry", Json::object(), manager).status, 409);
        QCOMPARE(api.post("/api/v1/sagas/unknown/abort", Json::object(), manager).status, 404);
        QCOMPARE(api.post("/api/v1/conversions/unknown/fraud", Json{{"reason", "x"}}, manager).status, 404);
        QCOMPARE(api.get("/api/v1/sagas?state=lost", manager).fields(), std::vector<std::string>{"state"});
    }
};

QTEST_GUILESS_MAIN(TestApiResources)
#include "tst_api_resources.moc"
