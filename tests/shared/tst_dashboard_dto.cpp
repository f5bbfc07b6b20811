#include "shared/dto/dashboard.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;

namespace {

dto::Dashboard fullDashboard()
{
    dto::Dashboard dashboard;
    dashboard.at = parseRfc3339("2026-11-22T18:00:00.000Z").value();
    dto::DashboardTraffic traffic;
    traffic.today = {40, 12, 3, 2, 1};
    traffic.last24h = {400, 120, 30, 20, 10};
    traffic.conversionsToday = 1;
    traffic.conversionsLast24h = 10;
    traffic.revenue = {Money::of(12990, "EUR").value(), Money::of(5000, "USD").value()};
    traffic.eventsPerSecond = 2.5;
    dashboard.traffic = traffic;
    dto::CommissionStats commissions;
    commissions.reserved = {3, {Money::of(900, "USD").value()}};
    commissions.confirmed = {1, {Money::of(300, "USD").value()}};
    dashboard.commissions = commissions;
    dashboard.activeCampaigns = 4;
    dashboard.sagas = {{{dto::SagaState::Completed, 7}, {dto::SagaState::Compensated, 2}}};
    dashboard.sources = {{"commissions", "ok"}, {"marketing", "ok"}, {"sagas", "ok"}, {"tracking", "ok"}};
    return dashboard;
}

}  // namespace

class TestDashboardDto : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aDashboardSurvivesTheWire()
    {
        const auto dashboard = fullDashboard();
        const auto decoded = dto::decodeDashboard(Json::parse(toJson(dashboard).dump()));
        QVERIFY(decoded.ok());
        QVERIFY(*decoded == dashboard);
    }

    void spellsTheFieldsTheConsoleHomeDocuments()
    {
        const auto json = toJson(fullDashboard());
        QCOMPARE(json["today"], (Json{{"view", 40}, {"click", 12}, {"like", 3}, {"lead", 2}, {"purchase", 1}}));
        QCOMPARE(json["conversions"], (Json{{"today", 1}, {"last24h", 10}}));
        QCOMPARE(json["revenue"][1], (Json{{"amount", 5000}, {"currency", "USD"}}));
        QCOMPARE(json["commissions"]["reserved"]["count"], Json(3));
        QCOMPARE(json["commissions"]["reverted"], (Json{{"count", 0}, {"amounts", Json::array()}}));
        QCOMPARE(json["sagas"], (Json{{"completed", 7}, {"compensated", 2}}));
        QCOMPARE(json["activeCampaigns"], Json(4));
        QCOMPARE(json["sources"]["tracking"], Json("ok"));
    }

    void aPartWhoseSourceDidNotAnswerIsNullAndStaysAbsent()
    {
        auto dashboard = fullDashboard();
        dashboard.traffic.reset();
        dashboard.commissions.reset();
        dashboard.sources["tracking"] = "timeout";
        dashboard.sources["commissions"] = "error";
        const auto json = toJson(dashboard);
        for (const char* key : {"today", "last24h", "conversions", "revenue", "eventsPerSecond", "commissions"})
            QVERIFY2(json[key].is_null(), key);
        const auto decoded = dto::decodeDashboard(json);
        QVERIFY(decoded.ok());
        QVERIFY(*decoded == dashboard);
    }

    void reportsEveryWrongField()
    {
        auto json = toJson(fullDashboard());
        json["today"].erase("click");
        json["revenue"][1]["currency"] = "dollars";
        json["commissions"]["confirmed"]["count"] = "one";
        json.erase("at");
        const auto decoded = dto::decodeDashboard(json);
        QVERIFY(!decoded.ok());
        std::vector<std::string> fields;
        for (const auto& error : decoded.error().fields)
            fields.push_back(error.field);
        const std::vector<std::string> expected{"at", "today.click", "revenue[1].currency", "commissions.confirmed.count"};
        QCOMPARE(fields, expected);
    }
};

QTEST_APPLESS_MAIN(TestDashboardDto)
#include "tst_dashboard_dto.moc"
