#include "tests/bff/api/api_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::ApiFixture;

// The aggregated views (§3.1): whole answers, and partial ones when a source is slow or failing.
class TestApiAggregation : public QObject {
    Q_OBJECT

private:
    struct World {
        std::string partner;
        std::string campaign;
    };

    static World trafficWorld(ApiFixture& api)
    {
        const auto manager = api.token("manager");
        World world{api.addPartner("Top Partner"), ""};
        world.campaign = api.addActiveCampaign("Aggregated", {world.partner});
        for (int i = 0; i < 4; ++i)
            api.post("/api/v1/interactions", ApiFixture::interaction("view", world.campaign, world.partner, "u-1"), manager);
        api.post("/api/v1/interactions", ApiFixture::earlierClick(world.campaign, world.partner, "u-1"), manager);
        auto purchase = ApiFixture::interaction("purchase", world.campaign, world.partner, "u-1");
        purchase["orderId"] = "AG-1";
        purchase["amount"] = Json{{"amount", 20000}, {"currency", "USD"}};
        api.post("/api/v1/interactions", purchase, manager);
        return world;
    }

private Q_SLOTS:
    void theCampaignOverviewGathersEveryService()
    {
        ApiFixture api;
        const auto world = trafficWorld(api);
        const auto manager = api.token("manager");
        ApiFixture::Answer overview;
        QTRY_VERIFY_WITH_TIMEOUT(
            (overview = api.get("/api/v1/campaigns/" + world.campaign + "/overview", manager)).body["recentSagas"].size() == 1 &&
                overview.body["budget"]["spent"]["amount"] == Json(500),
            10000);
        QCOMPARE(overview.status, 200);
        for (const char* source : {"marketing", "tracking", "commissions", "sagas"})
            QCOMPARE(overview.body["sources"][source], Json("ok"));
        QCOMPARE(overview.body["campaign"]["id"], Json(world.campaign));
        QCOMPARE(overview.body["budget"]["remaining"]["amount"], Json(1000000 - 500));
        QCOMPARE(overview.body["interactions"]["view"], Json(4));
        QCOMPARE(overview.body["conversions"], Json(1));
        QCOMPARE(overview.body["attributedRevenue"][0]["amount"], Json(20000));
        QCOMPARE(overview.body["ctr"], Json(0.25));
        QCOMPARE(overview.body["conversionRate"], Json(1.0));
        QCOMPARE(overview.body["topAffiliates"][0]["affiliateId"], Json(world.partner));
        QCOMPARE(overview.body["commissions"]["reserved"]["count"], Json(1));
        QCOMPARE(api.get("/api/v1/campaigns/unknown/overview", manager).status, 404);
    }

    void aSlowSourceGivesAPartialAnswerInTime()
    {
        ApiFixture api;
        const auto world = trafficWorld(api);
        api.app().faults().set("tracking", {std::chrono::milliseconds(5000), std::nullopt});
        const auto overview = api.get("/api/v1/campaigns/" + world.campaign + "/overview", api.token("manager"));
        QCOMPARE(overview.status, 200);
        QCOMPARE(overview.body["sources"]["tracking"], Json("timeout"));
        QCOMPARE(overview.body["sources"]["marketing"], Json("ok"));
        QVERIFY(overview.body["interactions"].is_null());
        QCOMPARE(overview.body["campaign"]["id"], Json(world.campaign));
        api.app().faults().clear("tracking");
    }

    void aFailingSourceIsReportedAndTheRestAnswered()
    {
        ApiFixture api;
        const auto world = trafficWorld(api);
        api.app().faults().set("commissions", {std::chrono::milliseconds(0), Error::unavailable("disk gone")});
        const auto overview = api.get("/api/v1/campaigns/" + world.campaign + "/overview", api.token("manager"));
        QCOMPARE(overview.status, 200);
        QCOMPARE(overview.body["sources"]["commissions"], Json("error"));
        QVERIFY(overview.body["commissions"].is_null());
        QCOMPARE(overview.body["sources"]["tracking"], Json("ok"));
        const auto dashboard = api.get("/api/v1/dashboard", api.token("analyst"));
        QCOMPARE(dashboard.status, 200);
        QCOMPARE(dashboard.body["sources"]["commissions"], Json("error"));
    }

    void theDashboardCountsTodayAndTheLastDay()
    {
        ApiFixture api;
        const auto world = trafficWorld(api);
        const auto dashboard = api.get("/api/v1/dashboard", api.token("analyst"));
        QCOMPARE(dashboard.status, 200);
        QCOMPARE(dashboard.body["today"]["view"], Json(4));
        QCOMPARE(dashboard.body["last24h"]["view"], Json(4));
        QCOMPARE(dashboard.body["conversions"]["today"], Json(1));
        QCOMPARE(dashboard.body["activeCampaigns"], Json(1));
        QVERIFY(dashboard.body["sagas"].contains("completed"));
        QVERIFY(dashboard.body["eventsPerSecond"].is_number());
        const auto daily = api.get("/api/v1/stats/daily", api.token("analyst"));
        QCOMPARE(daily.status, 200);
        QVERIFY(!daily.body["items"].empty());
        QCOMPARE(api.get("/api/v1/stats/daily?from=2026-13-01", api.token("analyst")).fields(), std::vector<std::string>{"from"});
        QCOMPARE(api.get("/api/v1/dashboard", api.token("manager")).status, 200);
    }

    void thePartnerOverviewIsThePartnersOwn()
    {
        ApiFixture api;
        const auto world = trafficWorld(api);
        const auto other = api.addPartner("Other Partner");
        QCOMPARE(api.post("/api/v1/users",
                          Json{{"username", "partner"}, {"password", "long-enough"}, {"role", "partner"}, {"affiliateId", world.partner}},
                          api.token("admin"))
                     .status,
                 201);
        const auto partner = api.token("partner", "long-enough");
        const auto overview = api.get("/api/v1/affiliates/" + world.partner + "/overview", partner);
        QCOMPARE(overview.status, 200);
        QCOMPARE(overview.body["affiliate"]["id"], Json(world.partner));
        QCOMPARE(overview.body["interactions"]["view"], Json(4));
        QCOMPARE(overview.body["campaigns"][0]["campaignId"], Json(world.campaign));
        QCOMPARE(overview.body["sources"]["affiliates"], Json("ok"));
        QCOMPARE(api.get("/api/v1/affiliates/" + other + "/overview", partner).status, 404);
        QCOMPARE(api.get("/api/v1/campaigns/" + world.campaign + "/overview", partner).status, 403);
        QCOMPARE(api.get("/api/v1/dashboard", partner).status, 403);
    }
};

QTEST_GUILESS_MAIN(TestApiAggregation)
#include "tst_api_aggregation.moc"
