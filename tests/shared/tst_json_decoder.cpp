#include "shared/json/json_decoder.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;

namespace {

std::vector<std::string> fieldsOf(const json::FieldErrors& errors)
{
    std::vector<std::string> fields;
    for (const auto& error : errors.list())
        fields.push_back(error.field);
    return fields;
}

}  // namespace

class TestJsonDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reportsEveryWrongFieldNotJustTheFirst()
    {
        const Json body = Json::parse(R"({"name": 5, "count": "x", "when": "soon", "price": {"amount": 1.5,
            "currency": "usd"}, "extra": true})");
        json::FieldErrors errors;
        json::ObjectReader reader(body, "", errors);
        QVERIFY(!reader.string("name", true));
        QVERIFY(!reader.integer("count", true));
        QVERIFY(!reader.time("when", true));
        QVERIFY(!reader.money("price", true));
        QVERIFY(!reader.string("missing", true));
        reader.rejectUnknownFields();
        const std::vector<std::string> expected{"name", "count", "when", "price.amount", "price.currency", "missing",
                                                "extra"};
        QCOMPARE(fieldsOf(errors), expected);
        QCOMPARE(errors.status().error().code, ErrorCode::Validation);
        QCOMPARE(errors.status().error().fields.size(), expected.size());
    }

    void acceptsOptionalFieldsThatAreAbsentOrNull()
    {
        const Json body = Json::parse(R"({"a": null})");
        json::FieldErrors errors;
        json::ObjectReader reader(body, "", errors);
        QVERIFY(!reader.string("a", false));
        QVERIFY(!reader.integer("b", false));
        QVERIFY(errors.empty());
    }

    void checksStringLengthInCharactersNotBytes()
    {
        const Json body = Json::parse(R"({"name": "Zoë"})");
        json::FieldErrors errors;
        json::ObjectReader reader(body, "", errors);
        QVERIFY(reader.string("name", true, 3, 3));
        QVERIFY(errors.empty());
    }

    void checksIntegerRangesAndRefusesFractions()
    {
        const Json body = Json::parse(R"({"low": -1, "high": 11, "fraction": 2.5, "huge": 18446744073709551615})");
        json::FieldErrors errors;
        json::ObjectReader reader(body, "", errors);
        QVERIFY(!reader.integer("low", true, 0, 10));
        QVERIFY(!reader.integer("high", true, 0, 10));
        QVERIFY(!reader.integer("fraction", true));
        QVERIFY(!reader.integer("huge", true));
        QCOMPARE(errors.list().size(), size_t(4));
    }

    void namesNestedAndArrayFieldsByPath()
    {
        const Json body = Json::parse(R"({"outer": {"inner": 1}, "ids": ["a", 2, ""]})");
        json::FieldErrors errors;
        json::ObjectReader reader(body, "items[3]", errors);
        auto outer = reader.object("outer", true);
        QVERIFY(outer);
        QVERIFY(!outer->string("inner", true));
        QVERIFY(!reader.stringArray("ids", true, 10));
        const std::vector<std::string> expected{"items[3].outer.inner", "items[3].ids[1]", "items[3].ids[2]"};
        QCOMPARE(fieldsOf(errors), expected);
    }

    void reportsANonObjectBody()
    {
        json::FieldErrors errors;
        json::ObjectReader reader(Json::array(), "", errors);
        QVERIFY(!reader.valid());
        QVERIFY(!reader.string("x", true));
        QCOMPARE(errors.list().size(), size_t(1));
    }

    void parseRefusesMalformedDeepAndInvalidUtf8()
    {
        QVERIFY(!json::parse("").ok());
        QVERIFY(!json::parse("{\"a\": ").ok());
        QVERIFY(!json::parse(std::string(100, '[') + std::string(100, ']')).ok());
        QVERIFY(json::parse(std::string(10, '[') + std::string(10, ']')).ok());
        QVERIFY(!json::parse("{\"a\": \"\xff\xfe\"}").ok());
        QCOMPARE(json::parse("{\"a\": ").error().code, ErrorCode::Validation);
    }
};

QTEST_APPLESS_MAIN(TestJsonDecoder)
#include "tst_json_decoder.moc"
