#include "shared/dto/commission.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;

namespace {

std::vector<std::string> fieldsOf(const Error& error)
{
    std::vector<std::string> fields;
    for (const auto& field : error.fields)
        fields.push_back(field.field);
    return fields;
}

}  // namespace

class TestCommissionDto : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aCommissionSurvivesTheRoundTrip()
    {
        dto::Commission commission;
        commission.id = CommissionId("c-1");
        commission.conversionId = ConversionId("conv-1");
        commission.campaignId = CampaignId("camp-1");
        commission.affiliateId = AffiliateId("aff-1");
        commission.amount = Money::of(1299, "USD").value();
        commission.state = domain::CommissionState::Reverted;
        commission.reservedAt = parseRfc3339("2026-11-22T18:00:00.000Z").value();
        commission.revertedAt = parseRfc3339("2026-11-23T09:30:00.250Z").value();
        commission.reason = "fraud";
        const Json json = dto::toJson(commission);
        QCOMPARE(json["state"].get<std::string>(), std::string("reverted"));
        QVERIFY(json["confirmedAt"].is_null());
        QCOMPARE(json["revertedAt"].get<std::string>(), std::string("2026-11-23T09:30:00.250Z"));
        const auto decoded = dto::decodeCommission(json);
        QVERIFY(decoded.ok());
        QCOMPARE(dto::toJson(*decoded), json);
    }

    void readsAV1CommissionSample()
    {
        const auto decoded = dto::decodeCommission(Json::parse(R"({"id": "c-1", "conversionId": "conv-1",
            "campaignId": "camp-1", "affiliateId": "aff-1", "amount": {"amount": 500, "currency": "EUR"},
            "state": "reserved", "reservedAt": "2026-11-22T18:00:00.000Z", "confirmedAt": null,
            "revertedAt": null, "reason": null, "addedLater": true})"));
        QVERIFY(decoded.ok());
        QVERIFY(decoded->state == domain::CommissionState::Reserved);
        QCOMPARE(decoded->amount.amount(), std::int64_t{500});
        QVERIFY(!decoded->confirmedAt);
    }

    void readsAConfirmBatchRequestOfIds()
    {
        const auto request = dto::decodeConfirmBatchRequest(Json::parse(R"({"ids": ["a", "b"]})"));
        QVERIFY(request.ok());
        QCOMPARE(request->ids.size(), size_t(2));
        QCOMPARE(request->ids[1].str(), std::string("b"));
        QVERIFY(!request->olderThan);
        QCOMPARE(dto::toJson(*request), Json::parse(R"({"ids": ["a", "b"]})"));
    }

    void readsAConfirmBatchRequestByAge()
    {
        const auto request = dto::decodeConfirmBatchRequest(Json::parse(R"({"olderThan": "2026-11-22T18:00:00.000Z"})"));
        QVERIFY(request.ok());
        QVERIFY(request->ids.empty());
        QCOMPARE(formatRfc3339(*request->olderThan), std::string("2026-11-22T18:00:00.000Z"));
        QCOMPARE(dto::toJson(*request), Json::parse(R"({"olderThan": "2026-11-22T18:00:00.000Z"})"));
    }

    void refusesAWrongConfirmBatchRequest_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("neither") << QStringLiteral("{}") << QStringList{QStringLiteral("ids")};
        QTest::newRow("both") << QStringLiteral(R"({"ids": ["a"], "olderThan": "2026-11-22T18:00:00.000Z"})")
                              << QStringList{QStringLiteral("olderThan")};
        QTest::newRow("empty ids") << QStringLiteral(R"({"ids": []})") << QStringList{QStringLiteral("ids")};
        QTest::newRow("an empty id") << QStringLiteral(R"({"ids": ["a", ""]})") << QStringList{QStringLiteral("ids[1]")};
        QTest::newRow("not a time") << QStringLiteral(R"({"olderThan": "yesterday"})")
                                    << QStringList{QStringLiteral("olderThan")};
        QTest::newRow("unknown field") << QStringLiteral(R"({"ids": ["a"], "all": true})")
                                       << QStringList{QStringLiteral("all")};
        QTest::newRow("not an object") << QStringLiteral(R"(["a"])") << QStringList{QString()};
    }
    void refusesAWrongConfirmBatchRequest()
    {
        QFETCH(QString, body);
        QFETCH(QStringList, fields);
        const auto request = dto::decodeConfirmBatchRequest(Json::parse(body.toStdString()));
        QVERIFY(!request.ok());
        QCOMPARE(request.error().code, ErrorCode::Validation);
        std::vector<std::string> expected;
        for (const auto& field : fields)
            expected.push_back(field.toStdString());
        QCOMPARE(fieldsOf(request.error()), expected);
    }

    void takesAtMostFiveHundredIdsInABatch()
    {
        Json ids = Json::array();
        for (size_t i = 0; i < dto::kMaxConfirmBatchIds; ++i)
            ids.push_back("id-" + std::to_string(i));
        QVERIFY(dto::decodeConfirmBatchRequest(Json{{"ids", ids}}).ok());
        ids.push_back("one-too-many");
        const auto refused = dto::decodeConfirmBatchRequest(Json{{"ids", ids}});
        QVERIFY(!refused.ok());
        QCOMPARE(fieldsOf(refused.error()), std::vector<std::string>{"ids"});
    }

    void writesABatchResultWithItsSkips()
    {
        const dto::ConfirmBatchResult result{{CommissionId("a")}, {{CommissionId("b"), "already_confirmed"}}};
        QCOMPARE(dto::toJson(result),
                 Json::parse(R"({"confirmed": ["a"], "skipped": [{"id": "b", "reason": "already_confirmed"}]})"));
    }

    void writesStatsForEveryStateWithAmountsPerCurrency()
    {
        dto::CommissionStats stats;
        stats.of(domain::CommissionState::Reserved) = {3, {Money::of(700, "EUR").value(), Money::of(1200, "USD").value()}};
        stats.of(domain::CommissionState::Reverted).count = 0;
        QCOMPARE(dto::toJson(stats), Json::parse(R"({
            "reserved": {"count": 3, "amounts": [{"amount": 700, "currency": "EUR"}, {"amount": 1200, "currency": "USD"}]},
            "confirmed": {"count": 0, "amounts": []},
            "reverted": {"count": 0, "amounts": []}})"));
    }
};

QTEST_APPLESS_MAIN(TestCommissionDto)
#include "tst_commission_dto.moc"
