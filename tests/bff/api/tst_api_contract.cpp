#include "tests/bff/api/api_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::ApiFixture;

namespace {

// Every route of product.md §3, written out by hand: the document must hold each one.
const std::vector<std::pair<std::string, std::string>> kSpecifiedRoutes{
    {"post", "/api/v1/auth/login"}, {"post", "/api/v1/auth/logout"}, {"get", "/api/v1/auth/me"},
    {"get", "/api/v1/users"}, {"post", "/api/v1/users"}, {"post", "/api/v1/api-keys"},
    {"delete", "/api/v1/api-keys/{id}"}, {"get", "/api/v1/affiliates"}, {"post", "/api/v1/affiliates"},
    {"get", "/api/v1/affiliates/{id}"}, {"post", "/api/v1/affiliates/{id}/approve"},
    {"post", "/api/v1/affiliates/{id}/suspend"}, {"post", "/api/v1/affiliates/{id}/reinstate"},
    {"get", "/api/v1/campaigns"}, {"post", "/api/v1/campaigns"}, {"get", "/api/v1/campaigns/{id}"},
    {"patch", "/api/v1/campaigns/{id}"}, {"post", "/api/v1/campaigns/{id}/activate"},
    {"post", "/api/v1/campaigns/{id}/pause"}, {"post", "/api/v1/campaigns/{id}/resume"},
    {"post", "/api/v1/campaigns/{id}/finish"}, {"post", "/api/v1/campaigns/{id}/cancel"},
    {"post", "/api/v1/campaigns/{id}/affiliates"}, {"get", "/api/v1/campaigns/{id}/stats/daily"},
    {"get", "/api/v1/campaigns/{id}/series"}, {"post", "/api/v1/interactions"},
    {"post", "/api/v1/interactions/batch"}, {"get", "/api/v1/interactions"}, {"get", "/api/v1/interactions/{id}"},
    {"post", "/api/v1/links"}, {"get", "/r/{code}"}, {"get", "/pixel.gif"}, {"get", "/api/v1/commissions"},
    {"get", "/api/v1/commissions/{id}"}, {"post", "/api/v1/commissions/{id}/confirm"},
    {"post", "/api/v1/commissions/confirm-batch"}, {"get", "/api/v1/commissions/stats"}, {"get", "/api/v1/sagas"},
    {"get", "/api/v1/sagas/{id}"}, {"post", "/api/v1/conversions/{id}/fraud"}, {"post", "/api/v1/sagas/{id}/retry"},
    {"post", "/api/v1/sagas/{id}/abort"}, {"get", "/api/v1/openapi.json"}, {"get", "/health"}, {"get", "/ready"},
    {"get", "/metrics"},
};

std::string concrete(std::string pattern)
{
    for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{')) {
        const auto close = pattern.find('}', open);
        pattern.replace(open, close - open + 1, "probe-id");
    }
    return pattern;
}

}  // namespace

// The API as a whole: its OpenAPI document, CORS, the operational routes and the error envelope.
class TestApiContract : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theDocumentHoldsEverySpecifiedRoute()
    {
        ApiFixture api;
        const auto document = api.get("/api/v1/openapi.json", "");
        QCOMPARE(document.status, 200);
        QCOMPARE(document.body["openapi"], Json("3.1.0"));
        for (const auto& [method, path] : kSpecifiedRoutes)
            QVERIFY2(document.body["paths"].contains(path) && document.body["paths"][path].contains(method),
                     (method + " " + path).c_str());
    }

    void everyDocumentedRouteIsServedAndNothingElse()
    {
        ApiFixture api;
        const auto document = api.get("/api/v1/openapi.json", "");
        size_t operations = 0;
        for (const auto& [path, methods] : document.body["paths"].items()) {
            for (const auto& [method, operation] : methods.items()) {
                ++operations;
                std::string upper = method;
                std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
                const auto answer = api.send(upper, concrete(path), Json::object(), "");
                // Unknown routes get the router's fallback; a served one answers anything else.
                const bool fallback =
                    answer.status == 404 && answer.body.value("detail", "").starts_with("No such resource");
                QVERIFY2(answer.status != 0 && !fallback, (upper + " " + path).c_str());
            }
        }
        QCOMPARE(operations, api.app().routes().size());
        const auto unknown = api.get("/api/v1/nothing-here", "");
        QCOMPARE(unknown.status, 404);
        QVERIFY(unknown.isProblem());
        QVERIFY(unknown.body.value("detail", "").starts_with("No such resource"));
    }

    void operationalRoutesAreOpenAndReal()
    {
        ApiFixture api;
        QCOMPARE(api.get("/health", "").body["status"], Json("ok"));
        const auto ready = api.get("/ready", "");
        QCOMPARE(ready.status, 200);
        QCOMPARE(ready.body["status"], Json("ready"));
        for (const char* check : {"affiliates", "marketing", "tracking", "commissions", "sagas", "sagaRunner"})
            QVERIFY2(ready.body["checks"].value(check, "") == "ok", check);
        QCOMPARE(api.get("/api/v1/campaigns", api.token("analyst")).status, 200);
        auto client = api.client();
        const auto metrics = client->Get("/metrics");
        QCOMPARE(metrics->status, 200);
        QVERIFY(metrics->body.find(R"(alpes_http_requests_total{method="GET",route="/api/v1/campaigns",status="200"} 1)") !=
                std::string::npos);
        QVERIFY(metrics->body.find(R"(alpes_sagas{state="completed"} 0)") != std::string::npos);
        QVERIFY(metrics->body.find(R"(alpes_outbox_lag{service="tracking"})") != std::string::npos);
    }

    void readinessFailsWhenTheSagaRunnerStops()
    {
        ApiFixture api;
        api.app().engine().stop();
        const auto ready = api.get("/ready", "");
        QCOMPARE(ready.status, 503);
        QCOMPARE(ready.body["status"], Json("not_ready"));
        QVERIFY(ready.body["checks"]["sagaRunner"] != Json("ok"));
    }

    void answersCorsPreflightForAllowedOriginsOnly()
    {
        app::BffConfig config;
        config.corsOrigins = {"https://console.example"};
        ApiFixture api(config);
        const auto allowed = api.send("OPTIONS", "/api/v1/campaigns", std::nullopt, "",
                                      {{"Origin", "https://console.example"}, {"Access-Control-Request-Method", "POST"}});
        QCOMPARE(allowed.status, 204);
        QCOMPARE(allowed.header("Access-Control-Allow-Origin"), std::string("https://console.example"));
        QVERIFY(allowed.header("Access-Control-Allow-Headers").find("Idempotency-Key") != std::string::npos);
        const auto other = api.send("OPTIONS", "/api/v1/campaigns", std::nullopt, "",
                                    {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
        QCOMPARE(other.header("Access-Control-Allow-Origin"), std::string());
        const auto simple = api.send("GET", "/api/v1/campaigns", std::nullopt, api.token("analyst"),
                                     {{"Origin", "https://console.example"}});
        QCOMPARE(simple.header("Access-Control-Allow-Origin"), std::string("https://console.example"));
    }

    void everyAnswerCarriesARequestId()
    {
        ApiFixture api;
        const auto generated = api.get("/health", "");
        QVERIFY(!generated.header("X-Request-Id").empty());
        const auto echoed = api.send("GET", "/health", std::nullopt, "", {{"X-Request-Id", "trace-42"}});
        QCOMPARE(echoed.header("X-Request-Id"), std::string("trace-42"));
        const auto replaced = api.send("GET", "/health", std::nullopt, "", {{"X-Request-Id", "bad id\twith spaces"}});
        QVERIFY(replaced.header("X-Request-Id") != "bad id\twith spaces");
    }
};

QTEST_GUILESS_MAIN(TestApiContract)
#include "tst_api_contract.moc"
