#include "shared/domain/campaign_terms.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::domain;
using alpes::json::Json;

namespace {

struct Decoded {
    std::optional<CommissionTerms> terms;
    std::vector<std::string> fields;
};

Decoded decodeTerms(const char* text, std::optional<std::string> currency = std::string("USD"))
{
    const Json body = Json{{"terms", Json::parse(text)}};
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    Decoded decoded;
    decoded.terms = readCommissionTerms(reader, "terms", currency);
    for (const auto& error : errors.list())
        decoded.fields.push_back(error.field);
    return decoded;
}

}  // namespace

class TestCampaignTerms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsPercentTermsAsPartsPerMillion()
    {
        const auto decoded = decodeTerms(R"({"type": "percent", "rate": 12.5})");
        QVERIFY(decoded.terms);
        QCOMPARE(decoded.terms->ratePpm, 125000);
        QCOMPARE(toJson(*decoded.terms)["rate"].get<double>(), 12.5);
    }

    void readsFixedTermsWithClamps()
    {
        const auto decoded = decodeTerms(R"({"type": "fixed", "amount": {"amount": 500, "currency": "USD"},
            "minimum": {"amount": 100, "currency": "USD"}, "maximum": {"amount": 100000, "currency": "USD"}})");
        QVERIFY(decoded.terms);
        QCOMPARE(decoded.terms->fixedAmount->amount(), 500);
        QCOMPARE(decoded.terms->maximum->amount(), 100000);
    }

    void reportsEachBadFieldOfTheTerms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("unknown type") << QStringLiteral(R"({"type": "barter"})") << QStringList{QStringLiteral("terms.type")};
        QTest::newRow("rate missing") << QStringLiteral(R"({"type": "percent"})") << QStringList{QStringLiteral("terms.rate")};
        QTest::newRow("rate above 100") << QStringLiteral(R"({"type": "percent", "rate": 150})")
                                        << QStringList{QStringLiteral("terms.rate")};
        QTest::newRow("rate zero") << QStringLiteral(R"({"type": "percent", "rate": 0})")
                                   << QStringList{QStringLiteral("terms.rate")};
        QTest::newRow("fixed zero") << QStringLiteral(R"({"type": "fixed", "amount": {"amount": 0, "currency": "USD"}})")
                                    << QStringList{QStringLiteral("terms.amount")};
        QTest::newRow("minimum above maximum")
            << QStringLiteral(R"({"type": "percent", "rate": 5, "minimum": {"amount": 900, "currency": "USD"},
                "maximum": {"amount": 100, "currency": "USD"}})")
            << QStringList{QStringLiteral("terms.maximum")};
        QTest::newRow("other currency than the budget")
            << QStringLiteral(R"({"type": "fixed", "amount": {"amount": 10, "currency": "EUR"}})")
            << QStringList{QStringLiteral("terms.amount")};
        QTest::newRow("negative minimum and extra field")
            << QStringLiteral(R"({"type": "percent", "rate": 5, "minimum": {"amount": -1, "currency": "USD"}, "x": 1})")
            << QStringList{QStringLiteral("terms.minimum"), QStringLiteral("terms.x")};
    }
    void reportsEachBadFieldOfTheTerms()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, fields);
        const auto decoded = decodeTerms(text.toUtf8().constData());
        QVERIFY(!decoded.terms);
        QStringList actual;
        for (const auto& field : decoded.fields)
            actual << QString::fromStdString(field);
        QCOMPARE(actual, fields);
    }

    void attributionDefaultsToLastTouchOver30Days()
    {
        const Json body = Json::object();
        json::FieldErrors errors;
        json::ObjectReader reader(body, "", errors);
        const auto settings = readAttributionSettings(reader, "attribution");
        QVERIFY(settings);
        QCOMPARE(settings->model, AttributionModel::LastTouch);
        QCOMPARE(settings->windowDays, 30);
    }

    void attributionRefusesUnknownModelAndWindow()
    {
        const Json body = Json::parse(R"({"attribution": {"model": "magic", "windowDays": 0}})");
        json::FieldErrors errors;
        json::ObjectReader reader(body, "", errors);
        QVERIFY(!readAttributionSettings(reader, "attribution"));
        QCOMPARE(errors.list().size(), size_t(2));
        QCOMPARE(errors.list()[0].field, std::string("attribution.model"));
        QCOMPARE(errors.list()[1].field, std::string("attribution.windowDays"));
    }
};

QTEST_APPLESS_MAIN(TestCampaignTerms)
#include "tst_campaign_terms.moc"
