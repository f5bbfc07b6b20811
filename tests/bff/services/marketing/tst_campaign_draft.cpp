#include "shared/dto/campaign.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <algorithm>

using namespace alpes;
using alpes::json::Json;

namespace {

// A valid POST /campaigns body; each data row changes one part of it.
Json validDraft()
{
    return Json::parse(R"({
        "name": "Summer sale", "description": "Sunglasses", "brand": {"name": "Acme"}, "kind": "mixed",
        "startsAt": "2026-06-01T00:00:00.000Z", "endsAt": "2026-07-01T00:00:00.000Z",
        "budget": {"amount": 100000, "currency": "USD"},
        "commission": {"type": "fixed", "amount": {"amount": 500, "currency": "USD"}}
    })");
}

QStringList sortedFields(const Error& error)
{
    QStringList fields;
    for (const auto& field : error.fields)
        fields << QString::fromStdString(field.field);
    fields.sort();
    return fields;
}

// Applies a JSON merge patch (RFC 7396) of the row to the valid draft; null removes a member.
Json draftWith(const QString& change)
{
    Json body = validDraft();
    body.merge_patch(Json::parse(change.toStdString()));
    return body;
}

}  // namespace

class TestCampaignDraft : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesAValidDraftWithDefaults()
    {
        const auto draft = dto::decodeCampaignDraft(validDraft());
        QVERIFY(draft.ok());
        QCOMPARE(draft->name, std::string("Summer sale"));
        QVERIFY(!draft->brand.id);
        QCOMPARE(draft->budget.amount(), 100000);
        QVERIFY(draft->attribution.model == domain::AttributionModel::LastTouch);
        QCOMPARE(draft->attribution.windowDays, 30);
        QCOMPARE(draft->holdPeriodSeconds, dto::kDefaultHoldPeriodSeconds);
    }

    void reportsEveryWrongFieldOfADraft_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QStringList>("fields");
        const auto row = [](const char* name, const char* change, QStringList fields) {
            fields.sort();
            QTest::newRow(name) << QString::fromUtf8(change) << fields;
        };
        row("valid", "{}", {});
        row("name of one character", R"({"name": "A"})", {QStringLiteral("name")});
        row("name of 121 characters", (R"({"name": ")" + std::string(121, 'x') + R"("})").c_str(),
            {QStringLiteral("name")});
        row("name of 120 characters", (R"({"name": ")" + std::string(120, 'x') + R"("})").c_str(), {});
        row("name missing", R"({"name": null})", {QStringLiteral("name")});
        row("description of 1001 characters", (R"({"description": ")" + std::string(1001, 'x') + R"("})").c_str(),
            {QStringLiteral("description")});
        row("brand missing", R"({"brand": null})", {QStringLiteral("brand")});
        row("brand without a name", R"({"brand": {"id": "b-1", "name": null}})", {QStringLiteral("brand.name")});
        row("brand with an unknown field", R"({"brand": {"slogan": "Hot"}})", {QStringLiteral("brand.slogan")});
        row("unknown kind", R"({"kind": "tv"})", {QStringLiteral("kind")});
        row("endsAt equal to startsAt", R"({"endsAt": "2026-06-01T00:00:00.000Z"})", {QStringLiteral("endsAt")});
        row("endsAt before startsAt", R"({"endsAt": "2026-05-01T00:00:00Z"})", {QStringLiteral("endsAt")});
        row("a date that does not exist", R"({"startsAt": "2026-02-30T00:00:00Z"})", {QStringLiteral("startsAt")});
        row("budget of zero", R"({"budget": {"amount": 0}})", {QStringLiteral("budget.amount")});
        row("negative budget", R"({"budget": {"amount": -5}})", {QStringLiteral("budget.amount")});
        row("budget as a float", R"({"budget": {"amount": 10.5}})", {QStringLiteral("budget.amount")});
        row("lowercase currency", R"({"budget": {"currency": "usd"}})", {QStringLiteral("budget.currency")});
        row("commission in another currency",
            R"({"commission": {"amount": {"amount": 500, "currency": "EUR"}}})", {QStringLiteral("commission.amount")});
        row("minimum in another currency", R"({"commission": {"minimum": {"amount": 1, "currency": "EUR"}}})",
            {QStringLiteral("commission.minimum")});
        row("commission missing", R"({"commission": null})", {QStringLiteral("commission")});
        row("hold period of zero", R"({"holdPeriodSeconds": 0})", {QStringLiteral("holdPeriodSeconds")});
        row("unknown attribution model", R"({"attribution": {"model": "random"}})",
            {QStringLiteral("attribution.model")});
        row("unknown field", R"({"color": "red"})", {QStringLiteral("color")});
        row("server fields are not accepted", R"({"id": "c-1", "state": "active"})",
            {QStringLiteral("id"), QStringLiteral("state")});
        row("several mistakes at once", R"({"name": "", "budget": {"amount": 0}, "extra": 1})",
            {QStringLiteral("name"), QStringLiteral("budget.amount"), QStringLiteral("extra")});
    }
    void reportsEveryWrongFieldOfADraft()
    {
        QFETCH(QString, change);
        QFETCH(QStringList, fields);
        const auto draft = dto::decodeCampaignDraft(draftWith(change));
        QCOMPARE(draft.ok(), fields.isEmpty());
        if (!draft.ok()) {
            QCOMPARE(draft.error().code, ErrorCode::Validation);
            QCOMPARE(sortedFields(draft.error()), fields);
        }
    }

    void reportsEveryWrongFieldOfAPatch_data()
    {
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QStringList>("fields");
        const auto row = [](const char* name, const char* patch, QStringList fields) {
            fields.sort();
            QTest::newRow(name) << QString::fromUtf8(patch) << fields;
        };
        row("empty", "{}", {});
        row("nulls change nothing", R"({"name": null, "commission": null, "attribution": null})", {});
        row("name of one character", R"({"name": "A"})", {QStringLiteral("name")});
        row("both dates in the wrong order", R"({"startsAt": "2026-06-02T00:00:00Z", "endsAt": "2026-06-01T00:00:00Z"})",
            {QStringLiteral("endsAt")});
        row("budget of zero", R"({"budget": {"amount": 0, "currency": "USD"}})", {QStringLiteral("budget.amount")});
        row("terms in another currency than the new budget",
            R"({"budget": {"amount": 10, "currency": "EUR"},
                "commission": {"type": "fixed", "amount": {"amount": 5, "currency": "USD"}}})",
            {QStringLiteral("commission.amount")});
        row("brand with an unknown field", R"({"brand": {"name": "X", "logo": 1}})", {QStringLiteral("brand.logo")});
        row("state is not patched", R"({"state": "active"})", {QStringLiteral("state")});
        row("spent is not patched", R"({"spent": {"amount": 0, "currency": "USD"}})", {QStringLiteral("spent")});
        row("not an object", "[]", {QString()});
    }
    void reportsEveryWrongFieldOfAPatch()
    {
        QFETCH(QString, patch);
        QFETCH(QStringList, fields);
        const auto decoded = dto::decodeCampaignPatch(Json::parse(patch.toStdString()));
        QCOMPARE(decoded.ok(), fields.isEmpty());
        if (!decoded.ok())
            QCOMPARE(sortedFields(decoded.error()), fields);
    }

    void leavesOutWhatAPatchDoesNotName()
    {
        const auto patch = dto::decodeCampaignPatch(Json::parse(R"({"name": "New", "attribution": null})"));
        QVERIFY(patch.ok());
        QCOMPARE(patch->name, std::optional<std::string>("New"));
        QVERIFY(!patch->attribution);
        QVERIFY(!patch->commission);
        QVERIFY(!patch->budget);
    }

    void encodesAPatchItCanDecodeAgain()
    {
        const Json sent = Json::parse(R"({"name": "New", "endsAt": "2026-08-01T00:00:00.000Z",
            "budget": {"amount": 900, "currency": "USD"}, "commission": {"type": "percent", "rate": 7.5},
            "attribution": {"model": "first_touch", "windowDays": 14}, "holdPeriodSeconds": 30})");
        const auto decoded = dto::decodeCampaignPatch(sent);
        QVERIFY(decoded.ok());
        QVERIFY(dto::toJson(*decoded) == sent);
    }
};

QTEST_APPLESS_MAIN(TestCampaignDraft)
#include "tst_campaign_draft.moc"
