#include "tests/bff/api/api_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::ApiFixture;

// Ingest (single, batch, pixel, link redirect), idempotency and body limits.
class TestApiIngest : public QObject {
    Q_OBJECT

private:
    static Json purchase(const std::string& campaign, const std::string& partner, const std::string& orderId)
    {
        auto body = ApiFixture::interaction("purchase", campaign, partner, "u-buyer");
        body["orderId"] = orderId;
        body["amount"] = Json{{"amount", 12990}, {"currency", "USD"}};
        return body;
    }

private Q_SLOTS:
    void aPurchaseAnswersItsSagaAndIsStored()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto partner = api.addPartner("Ana Ruiz");
        const auto campaign = api.addActiveCampaign("Summer", {partner});
        QCOMPARE(api.post("/api/v1/interactions", ApiFixture::earlierClick(campaign, partner, "u-buyer"), manager).status,
                 202);
        const auto bought = api.post("/api/v1/interactions", purchase(campaign, partner, "A-1001"), manager);
        QCOMPARE(bought.status, 202);
        QVERIFY(bought.body.contains("sagaId"));
        const auto id = bought.body["id"].get<std::string>();
        const auto stored = api.get("/api/v1/interactions/" + id, manager);
        QCOMPARE(stored.status, 200);
        QCOMPARE(stored.body["orderId"], Json("A-1001"));
        // The saga runs to completion's first stop and is visible with its timeline.
        const auto sagaId = bought.body["sagaId"].get<std::string>();
        QTRY_VERIFY_WITH_TIMEOUT(api.get("/api/v1/sagas/" + sagaId, manager).body.value("state", "") == "reserved", 10000);
        const auto saga = api.get("/api/v1/sagas/" + sagaId, manager);
        QVERIFY(saga.body["steps"].size() >= 4);
        QVERIFY(dto::decodeSagaDetail(saga.body).ok());
        // The same order again is a conflict naming orderId.
        const auto again = api.post("/api/v1/interactions", purchase(campaign, partner, "A-1001"), manager);
        QCOMPARE(again.status, 409);
        QVERIFY(again.isProblem());
    }

    void namesEveryWrongFieldOfAnInteraction()
    {
        ApiFixture api;
        const auto answer = api.post("/api/v1/interactions",
                                     Json{{"type", "teleport"}, {"campaignId", 5}, {"amount", {{"amount", -1}}}, {"x", 1}},
                                     api.token("manager"));
        QCOMPARE(answer.status, 400);
        QVERIFY(answer.isProblem());
        const auto fields = answer.fields();
        for (const char* field : {"type", "campaignId", "affiliateId", "x"})
            QVERIFY2(std::find(fields.begin(), fields.end(), field) != fields.end(), field);
    }

    void refusesABodyThatIsNotJson()
    {
        ApiFixture api;
        auto client = api.client();
        const auto answer = client->Post("/api/v1/interactions", {{"Authorization", "Bearer " + api.token("manager")}},
                                         "{not json", "application/json");
        QCOMPARE(answer->status, 400);
        QCOMPARE(answer->get_header_value("Content-Type"), std::string("application/problem+json"));
    }

    void aBatchStoresTheValidItemsAndNamesTheRejectedOnes()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto partner = api.addPartner("Batch Partner");
        const auto campaign = api.addActiveCampaign("Batch", {partner});
        Json batch = Json::array();
        batch.push_back(ApiFixture::interaction("view", campaign, partner, "u-1"));
        batch.push_back(Json{{"type", "view"}});
        batch.push_back(ApiFixture::interaction("click", campaign, partner, "u-1"));
        batch.push_back(ApiFixture::interaction("view", campaign, "unknown-partner", "u-1"));
        const auto answer = api.post("/api/v1/interactions/batch", batch, manager);
        QCOMPARE(answer.status, 202);
        QCOMPARE(answer.body["accepted"], Json(2));
        QCOMPARE(answer.body["ids"].size(), size_t{2});
        QCOMPARE(answer.body["rejected"].size(), size_t{2});
        QCOMPARE(answer.body["rejected"][0]["index"], Json(1));
        QCOMPARE(answer.body["rejected"][1]["index"], Json(3));
        QVERIFY(answer.body["rejected"][0]["errors"][0]["field"].get<std::string>().starts_with("[1]"));
        for (const auto& id : answer.body["ids"])
            QCOMPARE(api.get("/api/v1/interactions/" + id.get<std::string>(), manager).status, 200);
        QCOMPARE(api.post("/api/v1/interactions/batch", Json::array(), manager).fields(), std::vector<std::string>{"body"});
    }

    void theSameIdempotencyKeyReplaysTheFirstAnswer()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto partner = api.addPartner("Idem Partner");
        const auto campaign = api.addActiveCampaign("Idem", {partner});
        const httplib::Headers key{{"Idempotency-Key", "order-77"}};
        const auto first = api.post("/api/v1/interactions", purchase(campaign, partner, "B-77"), manager, key);
        QCOMPARE(first.status, 202);
        const auto replay = api.post("/api/v1/interactions", purchase(campaign, partner, "B-77"), manager, key);
        QCOMPARE(replay.status, 202);
        QCOMPARE(replay.body, first.body);
        QCOMPARE(replay.header("Idempotent-Replayed"), std::string("true"));
        const auto other = api.post("/api/v1/interactions", purchase(campaign, partner, "B-78"), manager, key);
        QCOMPARE(other.status, 422);
        QCOMPARE(other.fields(), std::vector<std::string>{"Idempotency-Key"});
        // Exactly one interaction was stored for that order.
        const auto purchases = api.get("/api/v1/interactions?type=purchase&campaignId=" + campaign, manager);
        QCOMPARE(purchases.body["items"].size(), size_t{1});
    }

    void refusesABodyOverTheLimitWithAProblem()
    {
        ApiFixture api;
        auto client = api.client();
        const std::string huge(5 * 1024 * 1024, 'x');
        const auto answer = client->Post("/api/v1/interactions/batch", {{"Authorization", "Bearer " + api.token("manager")}},
                                         huge, "application/json");
        QVERIFY(answer);
        QCOMPARE(answer->status, 413);
        QCOMPARE(answer->get_header_value("Content-Type"), std::string("application/problem+json"));
    }

    void theTrackingLinkRecordsAClickAndRedirects()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        const auto partner = api.addPartner("Link Partner");
        const auto campaign = api.addActiveCampaign("Links", {partner});
        const auto link = api.post(
            "/api/v1/links",
            Json{{"campaignId", campaign}, {"affiliateId", partner}, {"destination", "https://shop.example/p?x=1"}}, manager);
        QCOMPARE(link.status, 201);
        auto client = api.client();
        const auto followed = client->Get(link.body["url"].get<std::string>().c_str());
        QCOMPARE(followed->status, 302);
        const auto location = followed->get_header_value("Location");
        QVERIFY2(location.starts_with("https://shop.example/p?x=1&alp_click="), location.c_str());
        QVERIFY(followed->get_header_value("Set-Cookie").starts_with("alp_aid="));
        const auto clicks = api.get("/api/v1/interactions?type=click&campaignId=" + campaign, manager);
        QCOMPARE(clicks.body["items"].size(), size_t{1});
        QCOMPARE(client->Get("/r/unknown")->status, 404);
        const auto badLink = api.post("/api/v1/links",
                                      Json{{"campaignId", campaign}, {"affiliateId", partner}, {"destination", "ftp://x"}}, manager);
        QCOMPARE(badLink.fields(), std::vector<std::string>{"destination"});
    }

    void thePixelRecordsAViewAndAnswersAGif()
    {
        ApiFixture api;
        const auto partner = api.addPartner("Pixel Partner");
        const auto campaign = api.addActiveCampaign("Pixels", {partner});
        auto client = api.client();
        const auto pixel = client->Get(("/pixel.gif?c=" + campaign + "&a=" + partner + "&t=view").c_str());
        QCOMPARE(pixel->status, 200);
        QCOMPARE(pixel->get_header_value("Content-Type"), std::string("image/gif"));
        QVERIFY(pixel->body.starts_with("GIF89a"));
        const auto views = api.get("/api/v1/interactions?type=view&campaignId=" + campaign, api.token("manager"));
        QCOMPARE(views.body["items"].size(), size_t{1});
        const auto missing = client->Get("/pixel.gif?t=purchase");
        QCOMPARE(missing->status, 400);
        const auto problem = Json::parse(missing->body);
        QCOMPARE(problem["errors"].size(), size_t{3});
    }
};

QTEST_GUILESS_MAIN(TestApiIngest)
#include "tst_api_ingest.moc"
