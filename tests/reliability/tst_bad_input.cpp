#include "bff/storage/database.h"
#include "tests/bff/api/api_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <filesystem>
#include <map>
#include <set>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::ApiFixture;

namespace {

// One malformed request. Paths and bodies may hold {campaign} and {partner}: the ids of a real
// active campaign and an approved partner, so that the request reaches the handler's decoding
// rather than stopping at "not found"; {link} is the path of a real tracking link.
struct BadRequest {
    std::string method;
    std::string path;
    std::string body;  // sent as is (raw bytes), with Content-Type application/json when not empty
    std::string caller = "manager";  // a user name, or "" for no Authorization header
    int status = 400;
    httplib::Headers headers = {};
};

std::string repeat(std::string_view piece, size_t times)
{
    std::string out;
    out.reserve(piece.size() * times);
    for (size_t i = 0; i < times; ++i)
        out += piece;
    return out;
}

std::string validPurchaseWith(const std::string& amountJson)
{
    return R"({"type":"purchase","campaignId":"{campaign}","affiliateId":"{partner}","userId":"u-1","orderId":"O-1","amount":)" +
           amountJson + "}";
}

std::string clickAt(const std::string& occurredAt)
{
    return R"({"type":"click","campaignId":"{campaign}","affiliateId":"{partner}","userId":"u-1","occurredAt":")" +
           occurredAt + R"("})";
}

std::string campaignWith(const std::string& field, const std::string& valueJson)
{
    auto draft = ApiFixture::campaignDraft("Bad input");
    draft[field] = Json::parse(valueJson);
    return draft.dump();
}

std::string campaignWithout(const std::string& field)
{
    auto draft = ApiFixture::campaignDraft("Bad input");
    draft.erase(field);
    return draft.dump();
}

const std::string kCampaigns = "/api/v1/campaigns";
const std::string kInteractions = "/api/v1/interactions";

// The table: every row must answer 4xx problem+json with its status and store nothing.
std::vector<std::pair<std::string, BadRequest>> badRequests()
{
    const std::string deepArrays = repeat("[", 100000) + repeat("]", 100000);
    const std::string deepObjects = repeat(R"({"a":)", 50000) + "1" + repeat("}", 50000);
    const std::string batchOf1001 = "[" + repeat(R"({"type":"view"},)", 1000) + R"({"type":"view"}])";
    return {
        // Bodies that are not JSON, or not the JSON asked for.
        {"empty body", {"POST", kInteractions, ""}},
        {"whitespace body", {"POST", kInteractions, "   \n\t "}},
        {"truncated JSON", {"POST", kInteractions, R"({"type":"view")"}},
        {"trailing garbage", {"POST", kInteractions, R"({"type":"view"} x)"}},
        {"JSON null", {"POST", kInteractions, "null"}},
        {"JSON string", {"POST", kInteractions, R"("view")"}},
        {"JSON number", {"POST", kInteractions, "42"}},
        {"array for an object", {"POST", kInteractions, "[]"}},
        {"empty object", {"POST", kInteractions, "{}"}},
        {"100000 nested arrays", {"POST", kInteractions, deepArrays}},
        {"50000 nested objects", {"POST", "/api/v1/interactions/batch", deepObjects}},
        {"33 nested arrays in a field", {"POST", kInteractions, R"({"type":)" + repeat("[", 33) + repeat("]", 33) + "}"}},
        {"invalid UTF-8 in a string", {"POST", kInteractions, "{\"type\":\"view\",\"userId\":\"u-\xff\xfe\"}"}},
        {"overlong UTF-8 encoding", {"POST", kInteractions, "{\"type\":\"view\",\"userId\":\"\xc0\xaf\"}"}},
        {"lone UTF-16 surrogate", {"POST", kInteractions, R"({"type":"view","userId":"\ud800"})"}},
        {"raw control character in a string", {"POST", kInteractions, std::string("{\"type\":\"vi\x01ew\"}")}},
        {"NUL byte in the body", {"POST", kInteractions, std::string("{\"type\":\"view\"}\0", 16)}},
        {"body over the size limit", {"POST", "/api/v1/interactions/batch", std::string(5 * 1024 * 1024, '['), "manager", 413}},
        // Wrong types, missing and extra fields.
        {"type is a number", {"POST", kInteractions, R"({"type":5,"campaignId":"{campaign}","affiliateId":"{partner}","userId":"u"})"}},
        {"type is an array", {"POST", kInteractions, R"({"type":["view"],"campaignId":"{campaign}","affiliateId":"{partner}","userId":"u"})"}},
        {"campaignId is an object", {"POST", kInteractions, R"({"type":"view","campaignId":{},"affiliateId":"{partner}","userId":"u"})"}},
        {"userId is true", {"POST", kInteractions, R"({"type":"view","campaignId":"{campaign}","affiliateId":"{partner}","userId":true})"}},
        {"no user identity", {"POST", kInteractions, R"({"type":"view","campaignId":"{campaign}","affiliateId":"{partner}"})"}},
        {"unknown extra field", {"POST", kInteractions, R"({"type":"view","campaignId":"{campaign}","affiliateId":"{partner}","userId":"u","admin":true})"}},
        {"context is a string", {"POST", kInteractions, R"({"type":"view","campaignId":"{campaign}","affiliateId":"{partner}","userId":"u","context":"x"})"}},
        {"userId of 10000 characters", {"POST", kInteractions, R"({"type":"view","campaignId":"{campaign}","affiliateId":"{partner}","userId":")" + std::string(10000, 'u') + R"("})"}},
        // Unknown enum values.
        {"unknown interaction type", {"POST", kInteractions, R"({"type":"teleport","campaignId":"{campaign}","affiliateId":"{partner}","userId":"u"})"}},
        {"enum value in the wrong case", {"POST", kInteractions, R"({"type":"VIEW","campaignId":"{campaign}","affiliateId":"{partner}","userId":"u"})"}},
        {"unknown campaign kind", {"POST", kCampaigns, campaignWith("kind", R"("mega")")}},
        {"unknown commission type", {"POST", kCampaigns, campaignWith("commission", R"({"type":"bitcoin","rate":5})")}},
        {"unknown partner kind", {"POST", "/api/v1/affiliates", R"({"name":"Zoe Bad","email":"zoe@example.com","kind":"robot"})"}},
        {"unknown user role", {"POST", "/api/v1/users", R"({"username":"eve","password":"long-enough-1","role":"god"})", "admin"}},
        {"unknown API key scope", {"POST", "/api/v1/api-keys", R"({"name":"k","scope":"root"})", "admin"}},
        // Money: negative, zero, fractional, overflowing, bad currencies.
        {"negative purchase amount", {"POST", kInteractions, validPurchaseWith(R"({"amount":-100,"currency":"USD"})")}},
        {"zero purchase amount", {"POST", kInteractions, validPurchaseWith(R"({"amount":0,"currency":"USD"})")}},
        {"fractional minor units", {"POST", kInteractions, validPurchaseWith(R"({"amount":12.5,"currency":"USD"})")}},
        {"amount above int64", {"POST", kInteractions, validPurchaseWith(R"({"amount":9223372036854775808,"currency":"USD"})")}},
        {"amount below int64", {"POST", kInteractions, validPurchaseWith(R"({"amount":-9223372036854775809,"currency":"USD"})")}},
        {"amount of 1e400", {"POST", kInteractions, validPurchaseWith(R"({"amount":1e400,"currency":"USD"})")}},
        {"amount as a string", {"POST", kInteractions, validPurchaseWith(R"({"amount":"100","currency":"USD"})")}},
        {"lowercase currency", {"POST", kInteractions, validPurchaseWith(R"({"amount":100,"currency":"usd"})")}},
        {"four-letter currency", {"POST", kInteractions, validPurchaseWith(R"({"amount":100,"currency":"USDT"})")}},
        {"money without currency", {"POST", kInteractions, validPurchaseWith(R"({"amount":100})")}},
        {"negative budget", {"POST", kCampaigns, campaignWith("budget", R"({"amount":-1,"currency":"USD"})")}},
        {"budget above int64", {"POST", kCampaigns, campaignWith("budget", R"({"amount":9223372036854775808,"currency":"USD"})")}},
        {"commission above its budget's int64", {"POST", kCampaigns, campaignWith("commission", R"({"type":"fixed","amount":{"amount":1e19,"currency":"USD"}})")}},
        {"commission in another currency than the budget", {"POST", kCampaigns, campaignWith("commission", R"({"type":"fixed","amount":{"amount":500,"currency":"EUR"}})")}},
        {"commission rate of 1e308", {"POST", kCampaigns, campaignWith("commission", R"({"type":"percentage","rate":1e308})")}},
        {"negative hold period", {"POST", kCampaigns, campaignWith("holdPeriodSeconds", "-1")}},
        {"hold period as a string", {"POST", kCampaigns, campaignWith("holdPeriodSeconds", R"("3600")")}},
        {"campaign without budget", {"POST", kCampaigns, campaignWithout("budget")}},
        {"campaign without brand", {"POST", kCampaigns, campaignWithout("brand")}},
        // Dates: malformed, impossible, out of range.
        {"occurredAt in words", {"POST", kInteractions, clickAt("yesterday")}},
        {"occurredAt on February 30th", {"POST", kInteractions, clickAt("2026-02-30T10:00:00Z")}},
        {"occurredAt at hour 25", {"POST", kInteractions, clickAt("2026-11-01T25:00:00Z")}},
        {"occurredAt in year 9999", {"POST", kInteractions, clickAt("9999-12-31T23:59:59Z")}},
        {"occurredAt in year 0", {"POST", kInteractions, clickAt("0000-01-01T00:00:00Z")}},
        {"occurredAt as epoch seconds", {"POST", kInteractions, R"({"type":"click","campaignId":"{campaign}","affiliateId":"{partner}","userId":"u","occurredAt":1700000000})"}},
        {"campaign ending before it starts", {"POST", kCampaigns, campaignWith("endsAt", R"("2020-01-01T00:00:00Z")")}},
        {"campaign start before year 0 once in UTC", {"POST", kCampaigns, campaignWith("startsAt", R"("0000-01-01T00:00:00+01:00")")}},
        {"campaign end after year 9999 once in UTC", {"POST", kCampaigns, campaignWith("endsAt", R"("9999-12-31T23:30:00-01:00")")}},
        {"campaign start with a +99:00 offset", {"POST", kCampaigns, campaignWith("startsAt", R"("2026-11-01T00:00:00+99:00")")}},
        {"stats from day 2026-13-01", {"GET", kCampaigns + "/{campaign}/stats/daily?from=2026-13-01", "", "analyst"}},
        {"stats to day 99999-01-01", {"GET", kCampaigns + "/{campaign}/stats/daily?to=99999-01-01", "", "analyst"}},
        {"series from a non-time", {"GET", kCampaigns + "/{campaign}/series?from=now", "", "analyst"}},
        {"series by the hour", {"GET", kCampaigns + "/{campaign}/series?bucket=hour", "", "analyst"}},
        {"interactions from a bad time", {"GET", kInteractions + "?from=2026-11-01", "", "analyst"}},
        // Ids of the wrong shape.
        {"campaign id of 300 characters", {"GET", kCampaigns + "/" + std::string(300, 'c'), "", "analyst", 404}},
        {"campaign id of invalid UTF-8", {"GET", kCampaigns + "/%FF%FE", "", "analyst", 404}},
        {"campaign id with a NUL", {"GET", kCampaigns + "/abc%00def", "", "analyst", 404}},
        {"patch of a campaign id of invalid UTF-8", {"PATCH", kCampaigns + "/%C0%AF", R"({"name":"New name"})", "manager", 404}},
        {"interaction id of invalid UTF-8", {"GET", kInteractions + "/%FF", "", "analyst", 404}},
        {"partner id with a path traversal", {"POST", "/api/v1/affiliates/..%2F..%2Fetc/approve", "{}", "manager", 404}},
        {"saga id of invalid UTF-8 to retry", {"POST", "/api/v1/sagas/%FF/retry", "{}", "manager", 404}},
        {"commission id of invalid UTF-8 to confirm", {"POST", "/api/v1/commissions/%FF/confirm", "{}", "manager", 404}},
        {"API key id of invalid UTF-8", {"DELETE", "/api/v1/api-keys/%FF", "", "admin", 404}},
        {"tracking link code of invalid UTF-8", {"GET", "/r/%FF%FF", "", "", 404}},
        {"affiliate id that is a number", {"POST", kCampaigns + "/{campaign}/affiliates", R"({"affiliateIds":[42]})"}},
        {"affiliate ids as a string", {"POST", kCampaigns + "/{campaign}/affiliates", R"({"affiliateIds":"{partner}"})"}},
        {"an empty affiliate id", {"POST", kCampaigns + "/{campaign}/affiliates", R"({"affiliateIds":[""]})"}},
        {"confirm-batch ids of objects", {"POST", "/api/v1/commissions/confirm-batch", R"({"ids":[{}]})"}},
        {"confirm-batch with ids and olderThan", {"POST", "/api/v1/commissions/confirm-batch", R"({"ids":["x"],"olderThan":"2026-01-01T00:00:00Z"})"}},
        {"link to a javascript: URL", {"POST", "/api/v1/links", R"({"campaignId":"{campaign}","affiliateId":"{partner}","destination":"javascript:alert"})"}},
        {"pixel for a campaign id of invalid UTF-8", {"GET", "/pixel.gif?c=%FF&a={partner}", "", "", 400}},
        {"suspension with an empty reason", {"POST", "/api/v1/affiliates/{partner}/suspend", R"({"reason":""})"}},
        {"suspension with a reason of 501 characters", {"POST", "/api/v1/affiliates/{partner}/suspend", R"({"reason":")" + std::string(501, 'r') + R"("})"}},
        {"batch that is an object", {"POST", "/api/v1/interactions/batch", R"({"type":"view"})"}},
        {"empty batch", {"POST", "/api/v1/interactions/batch", "[]"}},
        {"batch of 1001 items", {"POST", "/api/v1/interactions/batch", batchOf1001}},
        {"login with a numeric password", {"POST", "/api/v1/auth/login", R"({"username":"manager","password":123})", ""}},
        {"login with a wrong password", {"POST", "/api/v1/auth/login", R"({"username":"manager","password":"wrong"})", "", 401}},
        {"user with a one-character password", {"POST", "/api/v1/users", R"({"username":"eve","password":"x","role":"analyst"})", "admin"}},
        // Query abuse.
        {"limit=-1", {"GET", "/api/v1/affiliates?limit=-1", "", "analyst"}},
        {"limit=0", {"GET", "/api/v1/affiliates?limit=0", "", "analyst"}},
        {"limit=1e9", {"GET", "/api/v1/affiliates?limit=1e9", "", "analyst"}},
        {"limit=1000000000", {"GET", kCampaigns + "?limit=1000000000", "", "analyst"}},
        {"limit=99999999999999999999999", {"GET", kCampaigns + "?limit=99999999999999999999999", "", "analyst"}},
        {"limit=abc", {"GET", kInteractions + "?limit=abc", "", "analyst"}},
        {"limit given twice", {"GET", kCampaigns + "?limit=1&limit=2", "", "analyst"}},
        {"state given twice", {"GET", "/api/v1/sagas?state=failed&state=completed", "", "analyst"}},
        {"empty limit", {"GET", "/api/v1/commissions?limit=", "", "analyst"}},
        {"cursor of punctuation", {"GET", kCampaigns + "?cursor=!!!", "", "analyst"}},
        {"cursor of 2000 characters", {"GET", kInteractions + "?cursor=" + std::string(2000, 'A'), "", "analyst"}},
        {"cursor of invalid UTF-8", {"GET", "/api/v1/sagas?cursor=%FF%FE", "", "analyst"}},
        {"unknown saga state filter", {"GET", "/api/v1/sagas?state=exploded", "", "analyst"}},
        {"unknown commission state filter", {"GET", "/api/v1/commissions?state=paid-twice", "", "analyst"}},
        {"unknown partner status filter", {"GET", "/api/v1/affiliates?status=%FF", "", "analyst"}},
        {"search text of 5000 characters", {"GET", kCampaigns + "?q=" + std::string(5000, 'q'), "", "analyst"}},
        {"pixel for a purchase", {"GET", "/pixel.gif?c={campaign}&a={partner}&t=purchase", "", ""}},
        {"pixel with an unknown type", {"GET", "/pixel.gif?c={campaign}&a={partner}&t=teleport", "", ""}},
        {"pixel with a User-Agent of invalid UTF-8", {"GET", "/pixel.gif?c={campaign}&a={partner}", "", "", 400, {{"User-Agent", "Mozilla\xff\xfe"}}}},
        {"pixel with a Referer of invalid UTF-8", {"GET", "/pixel.gif?c={campaign}&a={partner}", "", "", 400, {{"Referer", "https://r.example/\xc0\xaf"}}}},
        {"pixel with a visitor cookie of invalid UTF-8", {"GET", "/pixel.gif?c={campaign}&a={partner}", "", "", 400, {{"Cookie", "alp_aid=\xff\xff"}}}},
        {"tracking link with a User-Agent of invalid UTF-8", {"GET", "{link}", "", "", 400, {{"User-Agent", "Mozilla\xff"}}}},
        {"tracking link with a visitor cookie of invalid UTF-8", {"GET", "{link}", "", "", 400, {{"Cookie", "alp_aid=\xc0\xaf"}}}},
        {"search text of invalid UTF-8", {"GET", "/api/v1/affiliates?q=%FF%FE", "", "analyst"}},
        {"pixel with a campaign id of 500 characters", {"GET", "/pixel.gif?c=" + std::string(500, 'c') + "&a={partner}", "", ""}},
        // Header abuse.
        {"no Authorization", {"GET", kCampaigns, "", "", 401}},
        {"Basic instead of Bearer", {"GET", kCampaigns, "", "", 401, {{"Authorization", "Basic bWFuYWdlcjpwYXNzd29yZC0x"}}}},
        {"bearer token of 6000 characters", {"GET", kCampaigns, "", "", 401, {{"Authorization", "Bearer " + std::string(6000, 't')}}}},
        {"bearer token of invalid UTF-8", {"GET", kCampaigns, "", "", 401, {{"Authorization", "Bearer \xff\xfe\xfd"}}}},
        {"header of 100 KB", {"GET", kCampaigns, "", "analyst", 400, {{"X-Padding", std::string(100 * 1024, 'p')}}}},
        {"empty Idempotency-Key", {"POST", kInteractions, R"({"type":"view"})", "manager", 400, {{"Idempotency-Key", ""}}}},
        {"Idempotency-Key of 201 characters", {"POST", kInteractions, R"({"type":"view"})", "manager", 400, {{"Idempotency-Key", std::string(201, 'k')}}}},
        {"analyst may not create campaigns", {"POST", kCampaigns, ApiFixture::campaignDraft("Not mine").dump(), "analyst", 403}},
        // Routes and methods that do not exist.
        {"unknown route", {"GET", "/api/v1/nothing", "", "analyst", 404}},
        {"unknown method", {"BREW", kCampaigns, "", "analyst", 400}},
        {"PUT where PATCH is served", {"PUT", kCampaigns + "/{campaign}", R"({"name":"X"})", "manager", 404}},
    };
}

std::string substituted(std::string text, const std::string& campaign, const std::string& partner, const std::string& link)
{
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"{campaign}", campaign}, {"{partner}", partner},
                                      {"{link}", link}})
        for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
            text.replace(at, name.size(), value);
    return text;
}

// What the server has written: for every database, its AUTOINCREMENT counters (every service
// write goes through its outbox) and the row counts of the tables a request writes directly.
std::map<std::string, std::int64_t> writtenState(const std::filesystem::path& dataDir)
{
    static const std::set<std::string> kCounted{"users",        "sessions", "api_keys", "idempotency_keys",
                                                "interactions", "links",    "sagas",    "steps",
                                                "commissions",  "dead_letters"};
    std::map<std::string, std::int64_t> state;
    for (const auto& entry : std::filesystem::directory_iterator(dataDir)) {
        if (entry.path().extension() != ".db")
            continue;
        auto db = storage::Database::open(entry.path().string());
        if (!db)
            qFatal("cannot open %s", entry.path().c_str());
        const auto file = entry.path().stem().string();
        auto tables = db->prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
        std::vector<std::string> names;
        while (tables.step())
            names.push_back(tables.textAt(0));
        for (const auto& name : names) {
            if (name == "sqlite_sequence") {
                auto sequences = db->prepare("SELECT name, seq FROM sqlite_sequence");
                while (sequences.step())
                    state[file + "." + sequences.textAt(0) + ".seq"] = sequences.int64At(1);
            }
            if (!kCounted.contains(name))
                continue;
            auto count = db->prepare("SELECT count(*) FROM " + name);
            count.step();
            state[file + "." + name] = count.int64At(0);
        }
    }
    return state;
}

std::string changes(const std::map<std::string, std::int64_t>& before, const std::map<std::string, std::int64_t>& after)
{
    std::string out = "written:";
    for (const auto& [name, value] : after) {
        const auto old = before.find(name);
        if (old == before.end() || old->second != value)
            out += " " + name + " " + (old == before.end() ? "-" : std::to_string(old->second)) + "->" + std::to_string(value);
    }
    return out;
}

}  // namespace

Q_DECLARE_METATYPE(BadRequest)

// Issue 9, bad input: malformed requests across the API, against the real server. Each answers 4xx
// problem+json (never 5xx, never a dropped connection) and writes nothing.
class TestBadInput : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ApiFixture> m_api;
    std::string m_campaign;
    std::string m_partner;
    std::string m_link;  // the path of a tracking link

private Q_SLOTS:
    void initTestCase()
    {
        m_api = std::make_unique<ApiFixture>();
        m_partner = m_api->addPartner("Bad Input Partner");
        m_campaign = m_api->addActiveCampaign("Bad Input", {m_partner});
        const auto link = m_api->post(
            "/api/v1/links",
            Json{{"campaignId", m_campaign}, {"affiliateId", m_partner}, {"destination", "https://shop.example/"}},
            m_api->token("manager"));
        QCOMPARE(link.status, 201);
        const auto url = link.body["url"].get<std::string>();
        m_link = url.substr(url.find("/r/"));
        for (const char* user : {"admin", "manager", "analyst"})
            m_api->token(user);
        // The setup's events settle (consumers write projections) before the table starts.
        auto last = writtenState(m_api->app().engine().dataDir());
        bool settled = false;
        for (int second = 0; second < 30 && !settled; ++second) {
            QTest::qWait(1000);
            auto now = writtenState(m_api->app().engine().dataDir());
            settled = std::exchange(last, now) == now;
        }
        QVERIFY(settled);
    }

    void cleanupTestCase() { m_api.reset(); }

    void eachIsRefusedWithAProblemAndWritesNothing_data()
    {
        QTest::addColumn<BadRequest>("request");
        const auto table = badRequests();
        QVERIFY(table.size() >= 60);
        for (const auto& [name, request] : table)
            QTest::newRow(name.c_str()) << request;
    }

    void eachIsRefusedWithAProblemAndWritesNothing()
    {
        QFETCH(BadRequest, request);
        const auto dataDir = m_api->app().engine().dataDir();
        const auto before = writtenState(dataDir);

        httplib::Request http;
        http.method = request.method;
        http.path = substituted(request.path, m_campaign, m_partner, m_link);
        http.headers = request.headers;
        if (!request.caller.empty())
            http.headers.emplace("Authorization", "Bearer " + m_api->token(request.caller));
        if (!request.body.empty()) {
            http.body = substituted(request.body, m_campaign, m_partner, m_link);
            http.headers.emplace("Content-Type", "application/json");
        }
        auto client = m_api->client();
        const auto result = client->send(http);
        QVERIFY2(result, ("no answer: " + httplib::to_string(result.error())).c_str());
        QVERIFY2(result->status >= 400 && result->status < 500,
                 (std::to_string(result->status) + " " + result->body.substr(0, 300)).c_str());
        QCOMPARE(result->status, request.status);
        QCOMPARE(result->get_header_value("Content-Type"), std::string("application/problem+json"));
        const auto problem = Json::parse(result->body, nullptr, false);
        QVERIFY2(problem.is_object(), result->body.substr(0, 300).c_str());
        QCOMPARE(problem.value("status", 0), result->status);
        QVERIFY(!problem.value("title", "").empty());

        const auto after = writtenState(dataDir);
        QVERIFY2(after == before, changes(before, after).c_str());
    }

    void theServerStillAnswersAfterTheTable()
    {
        QCOMPARE(m_api->get("/api/v1/campaigns/" + m_campaign, m_api->token("analyst")).status, 200);
        QCOMPARE(m_api->get("/ready", "").status, 200);
    }

    // The check above can fail: a valid request shows up in it.
    void aValidRequestIsSeenAsAWrite()
    {
        const auto dataDir = m_api->app().engine().dataDir();
        const auto before = writtenState(dataDir);
        QCOMPARE(m_api->post("/api/v1/interactions", ApiFixture::interaction("view", m_campaign, m_partner, "u-1"),
                             m_api->token("manager"))
                     .status,
                 202);
        QVERIFY(writtenState(dataDir) != before);
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_bad_input.moc"
