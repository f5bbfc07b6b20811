#include "shared/dto/interaction.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;

namespace {

const UtcTime kNow = parseRfc3339("2026-11-22T12:00:00.000Z").value();

std::string at(std::chrono::milliseconds offset)
{
    return formatRfc3339(kNow + offset);
}

std::vector<std::string> fieldsOf(const Error& error)
{
    std::vector<std::string> fields;
    for (const auto& field : error.fields)
        fields.push_back(field.field);
    return fields;
}

// A valid view; each data row below breaks it in one way.
Json validView()
{
    return Json{{"type", "view"}, {"campaignId", "c-1"}, {"affiliateId", "a-1"}, {"userId", "u-1"}};
}

Json validPurchase()
{
    Json body = validView();
    body["type"] = "purchase";
    body["orderId"] = "A-1001";
    body["amount"] = Json{{"amount", 12990}, {"currency", "USD"}};
    return body;
}

}  // namespace

Q_DECLARE_METATYPE(Json)
Q_DECLARE_METATYPE(std::vector<std::string>)

class TestInteractionDto : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesTheWireExampleOfThePurchase()
    {
        // Built as an object rather than parsed from a raw string: moc misreads "//" inside one.
        const Json body{{"type", "purchase"},
                        {"campaignId", "c-1"},
                        {"affiliateId", "a-1"},
                        {"userId", "u-123"},
                        {"occurredAt", "2026-11-22T11:58:00.000Z"},
                        {"orderId", "A-1001"},
                        {"amount", {{"amount", 12990}, {"currency", "USD"}}},
                        {"context", {{"url", "https://shop.example/checkout"},
                                     {"referrer", "https://instagram.com/p/x"}}},
                        {"utm", {{"source", "instagram"}, {"medium", "social"}, {"campaign", "summer"}}}};
        const auto decoded = dto::decodeInteractionInput(body, kNow);
        QVERIFY(decoded.ok());
        QVERIFY(decoded->type == domain::InteractionType::Purchase);
        QCOMPARE(decoded->orderId, std::optional<std::string>("A-1001"));
        QCOMPARE(decoded->amount->amount(), 12990);
        QCOMPARE(decoded->occurredAt, std::optional(kNow - std::chrono::minutes{2}));
        QCOMPARE(decoded->context.referrer, std::optional<std::string>("https://instagram.com/p/x"));
        QCOMPARE(decoded->utm->campaign, std::optional<std::string>("summer"));
        QVERIFY(!decoded->utm->term);
    }

    void refusesEachBrokenRule_data()
    {
        QTest::addColumn<Json>("body");
        QTest::addColumn<std::vector<std::string>>("fields");
        const auto with = [](Json body, const std::string& key, Json value) {
            body[key] = std::move(value);
            return body;
        };
        const auto without = [](Json body, const std::string& key) {
            body.erase(key);
            return body;
        };
        using Fields = std::vector<std::string>;
        QTest::newRow("no user identity") << without(validView(), "userId") << Fields{"userId"};
        QTest::newRow("empty userId") << with(validView(), "userId", "") << Fields{"userId"};
        QTest::newRow("unknown type") << with(validView(), "type", "share") << Fields{"type"};
        QTest::newRow("no campaign nor partner")
            << without(without(validView(), "campaignId"), "affiliateId") << Fields{"campaignId", "affiliateId"};
        QTest::newRow("occurredAt 30 days and 1 ms ago")
            << with(validView(), "occurredAt", at(-std::chrono::days{30} - std::chrono::milliseconds{1}))
            << Fields{"occurredAt"};
        QTest::newRow("occurredAt 5 minutes and 1 ms ahead")
            << with(validView(), "occurredAt", at(std::chrono::minutes{5} + std::chrono::milliseconds{1}))
            << Fields{"occurredAt"};
        QTest::newRow("occurredAt not a date-time") << with(validView(), "occurredAt", "yesterday")
                                                    << Fields{"occurredAt"};
        QTest::newRow("purchase without order or amount")
            << without(without(validPurchase(), "orderId"), "amount") << Fields{"orderId", "amount"};
        QTest::newRow("click with an order and an amount")
            << with(validPurchase(), "type", "click") << Fields{"orderId", "amount"};
        QTest::newRow("zero amount") << with(validPurchase(), "amount", Json{{"amount", 0}, {"currency", "USD"}})
                                     << Fields{"amount.amount"};
        QTest::newRow("negative amount")
            << with(validPurchase(), "amount", Json{{"amount", -5}, {"currency", "USD"}}) << Fields{"amount.amount"};
        QTest::newRow("amount as a float")
            << with(validPurchase(), "amount", Json{{"amount", 129.9}, {"currency", "USD"}})
            << Fields{"amount.amount"};
        QTest::newRow("bad currency") << with(validPurchase(), "amount", Json{{"amount", 1}, {"currency", "usd"}})
                                      << Fields{"amount.currency"};
        QTest::newRow("unknown field") << with(validView(), "colour", "red") << Fields{"colour"};
        QTest::newRow("unknown context field")
            << with(validView(), "context", Json{{"colour", "red"}}) << Fields{"context.colour"};
        QTest::newRow("unknown utm field") << with(validView(), "utm", Json{{"colour", "red"}}) << Fields{"utm.colour"};
        QTest::newRow("user agent over 512") << with(validView(), "userAgent", std::string(513, 'a'))
                                             << Fields{"userAgent"};
        QTest::newRow("url over 2048")
            << with(validView(), "context", Json{{"url", "https://x/" + std::string(2040, 'a')}})
            << Fields{"context.url"};
        QTest::newRow("ip with letters") << with(validView(), "ip", "not-an-ip") << Fields{"ip"};
        QTest::newRow("orderId over 100") << with(validPurchase(), "orderId", std::string(101, '1'))
                                          << Fields{"orderId"};
        QTest::newRow("campaignId not a string") << with(validView(), "campaignId", 42) << Fields{"campaignId"};
        QTest::newRow("not an object") << Json::array() << Fields{""};
    }
    void refusesEachBrokenRule()
    {
        QFETCH(Json, body);
        QFETCH(std::vector<std::string>, fields);
        const auto decoded = dto::decodeInteractionInput(body, kNow);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, ErrorCode::Validation);
        QCOMPARE(fieldsOf(decoded.error()), fields);
    }

    void acceptsOccurredAtOnBothEdgesOfTheAllowedRange()
    {
        Json body = validView();
        body["occurredAt"] = at(-std::chrono::days{30});
        QVERIFY(dto::decodeInteractionInput(body, kNow).ok());
        body["occurredAt"] = at(std::chrono::minutes{5});
        QVERIFY(dto::decodeInteractionInput(body, kNow).ok());
    }

    void acceptsAnAnonymousVisitor()
    {
        Json body = validView();
        body.erase("userId");
        body["anonymousId"] = "anon-1";
        const auto decoded = dto::decodeInteractionInput(body, kNow);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->anonymousId, std::optional<std::string>("anon-1"));
    }

    void reportsEveryWrongFieldAtOnceWithTheBatchPrefix()
    {
        Json body = validPurchase();
        body.erase("userId");
        body["amount"] = Json{{"amount", 0}, {"currency", "USD"}};
        body["nickname"] = "x";
        const auto decoded = dto::decodeInteractionInput(body, kNow, "[3]");
        QVERIFY(!decoded.ok());
        const std::vector<std::string> expected{"[3].nickname", "[3].userId", "[3].amount.amount"};
        QCOMPARE(fieldsOf(decoded.error()), expected);
    }

    void validatesInputsBuiltInCodeWithTheSameRules()
    {
        dto::InteractionInput input;
        input.type = domain::InteractionType::Purchase;
        input.campaignId = CampaignId("c-1");
        input.affiliateId = AffiliateId("a-1");
        input.occurredAt = kNow + std::chrono::hours{1};
        input.amount = Money::of(-1, "USD").value();
        const auto status = dto::validateInteractionInput(input, kNow);
        QVERIFY(!status.ok());
        const std::vector<std::string> expected{"userId", "occurredAt", "orderId", "amount.amount"};
        QCOMPARE(fieldsOf(status.error()), expected);
        input.userId = "u-1";
        input.occurredAt.reset();
        input.orderId = "A-1";
        input.amount = Money::of(100, "USD").value();
        QVERIFY(dto::validateInteractionInput(input, kNow).ok());
    }

    void anEmptyUtmObjectIsTreatedAsAbsent()
    {
        Json body = validView();
        body["utm"] = Json::object();
        const auto decoded = dto::decodeInteractionInput(body, kNow);
        QVERIFY(decoded.ok());
        QVERIFY(!decoded->utm);
    }

    void inputRoundTripsThroughJson()
    {
        Json body = validPurchase();
        body["occurredAt"] = at(-std::chrono::hours{1});
        body["context"] = Json{{"device", "mobile"}};
        body["utm"] = Json{{"term", "shoes"}};
        body["ip"] = "2001:db8::1";
        const auto decoded = dto::decodeInteractionInput(body, kNow);
        QVERIFY(decoded.ok());
        QCOMPARE(dto::toJson(decoded.value()), body);
    }

    void interactionRoundTripsThroughJsonAndLeavesUnknownFieldsOut()
    {
        dto::Interaction interaction;
        interaction.id = InteractionId("i-1");
        interaction.type = domain::InteractionType::Purchase;
        interaction.campaignId = CampaignId("c-1");
        interaction.affiliateId = AffiliateId("a-1");
        interaction.anonymousId = "anon-1";
        interaction.occurredAt = kNow - std::chrono::seconds{5};
        interaction.receivedAt = kNow;
        interaction.context.url = "https://shop.example";
        interaction.orderId = "A-1";
        interaction.amount = Money::of(500, "EUR").value();
        interaction.state = domain::InteractionState::Discarded;
        interaction.flags = {"campaign_not_active"};
        interaction.sagaId = SagaId("s-1");
        const Json json = dto::toJson(interaction);
        QVERIFY(!json.contains("userId"));
        QVERIFY(!json.contains("utm"));
        QVERIFY(!json["context"].contains("referrer"));
        const auto decoded = dto::decodeInteraction(json);
        QVERIFY(decoded.ok());
        QVERIFY(decoded.value() == interaction);
    }

    void statsRoundTripThroughJson()
    {
        const dto::DailyCount daily{"2026-11-22", domain::InteractionType::Click, 7};
        QVERIFY(dto::decodeDailyCount(dto::toJson(daily)).value() == daily);
        const dto::MinuteCount minute{kNow, domain::InteractionType::Lead, 3};
        QVERIFY(dto::decodeMinuteCount(dto::toJson(minute)).value() == minute);
        const dto::AffiliateCampaignStats stats{CampaignId("c-1"), domain::InteractionType::Purchase, 2,
                                                Money::of(2500, "USD").value()};
        QVERIFY(dto::decodeAffiliateCampaignStats(dto::toJson(stats)).value() == stats);
    }
};

QTEST_APPLESS_MAIN(TestInteractionDto)
#include "tst_interaction_dto.moc"
