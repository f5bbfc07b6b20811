#include "bff/services/marketing/campaign_rules.h"
#include "tests/bff/services/marketing/marketing_fixture.h"
#include "tests/support/transition_table.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::services::marketing;
using domain::CampaignState;
using testing::at;
using testing::usd;

Q_DECLARE_METATYPE(CampaignState)
Q_DECLARE_METATYPE(CampaignAction)
Q_DECLARE_METATYPE(ErrorCode)
Q_DECLARE_METATYPE(std::optional<BudgetRefusal>)

namespace {

const UtcTime kNow = at("2026-06-01T12:00:00.000Z");

// Budget 100.00 USD of which 40.00 are spent (a draft has spent nothing), fixed 5.00 USD terms,
// running from a day before kNow to thirty days after.
dto::Campaign campaignIn(CampaignState state)
{
    const auto draft = testing::draftAround(kNow, "Summer sale", 10000);
    dto::Campaign campaign;
    campaign.id = CampaignId("c-1");
    campaign.name = draft.name;
    campaign.description = draft.description;
    campaign.brand = dto::Brand{BrandId("b-1"), "Acme"};
    campaign.kind = draft.kind;
    campaign.startsAt = draft.startsAt;
    campaign.endsAt = draft.endsAt;
    campaign.budget = draft.budget;
    campaign.spent = usd(state == CampaignState::Draft ? 0 : 4000);
    campaign.commission = draft.commission;
    campaign.state = state;
    return campaign;
}

dto::CampaignPatch patchFrom(const QString& text)
{
    return dto::decodeCampaignPatch(json::Json::parse(text.toStdString())).value();
}

QStringList fieldsOf(const Error& error)
{
    QStringList fields;
    for (const auto& field : error.fields)
        fields << QString::fromStdString(field.field);
    return fields;
}

}  // namespace

class TestCampaignRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // All 5 states × 5 actions: the seven allowed transitions and the eighteen refused ones.
    void transitions_data()
    {
        testing::addTransitionColumns<CampaignState, CampaignAction>();
        const std::pair<CampaignState, const char*> states[] = {{CampaignState::Draft, "draft"},
                                                                {CampaignState::Active, "active"},
                                                                {CampaignState::Paused, "paused"},
                                                                {CampaignState::Finished, "finished"},
                                                                {CampaignState::Cancelled, "cancelled"}};
        const std::pair<CampaignAction, const char*> actions[] = {{CampaignAction::Activate, "activate"},
                                                                  {CampaignAction::Pause, "pause"},
                                                                  {CampaignAction::Resume, "resume"},
                                                                  {CampaignAction::Finish, "finish"},
                                                                  {CampaignAction::Cancel, "cancel"}};
        struct Allowed {
            CampaignState from;
            CampaignAction action;
            CampaignState to;
        };
        const Allowed allowed[] = {
            {CampaignState::Draft, CampaignAction::Activate, CampaignState::Active},
            {CampaignState::Active, CampaignAction::Pause, CampaignState::Paused},
            {CampaignState::Paused, CampaignAction::Resume, CampaignState::Active},
            {CampaignState::Active, CampaignAction::Finish, CampaignState::Finished},
            {CampaignState::Paused, CampaignAction::Finish, CampaignState::Finished},
            {CampaignState::Draft, CampaignAction::Cancel, CampaignState::Cancelled},
            {CampaignState::Paused, CampaignAction::Cancel, CampaignState::Cancelled},
        };
        for (const auto& [state, stateName] : states) {
            for (const auto& [action, actionName] : actions) {
                bool isAllowed = false;
                CampaignState to = state;
                for (const auto& rule : allowed) {
                    if (rule.from == state && rule.action == action) {
                        isAllowed = true;
                        to = rule.to;
                    }
                }
                QTest::addRow("%s %s", actionName, stateName) << state << action << isAllowed << to;
            }
        }
    }
    void transitions()
    {
        testing::checkTransitionRow<CampaignState, CampaignAction>(transition, domain::kCampaignStates);
    }

    void refusalNamesBothEnds()
    {
        const auto refused = transition(CampaignState::Active, CampaignAction::Cancel);
        QCOMPARE(refused.error().message, std::string("Cannot cancel a campaign that is active; it must be draft or paused"));
    }

    void refusesToActivateOrResumeOnceEndsAtHasPassed_data()
    {
        QTest::addColumn<CampaignState>("from");
        QTest::addColumn<CampaignAction>("action");
        QTest::newRow("activate") << CampaignState::Draft << CampaignAction::Activate;
        QTest::newRow("resume") << CampaignState::Paused << CampaignAction::Resume;
    }
    void refusesToActivateOrResumeOnceEndsAtHasPassed()
    {
        QFETCH(CampaignState, from);
        QFETCH(CampaignAction, action);
        const auto campaign = campaignIn(from);
        QVERIFY(nextState(campaign, action, campaign.endsAt - Millis(1)).ok());
        const auto atTheEnd = nextState(campaign, action, campaign.endsAt);
        QCOMPARE(atTheEnd.error().code, ErrorCode::Validation);
        QCOMPARE(fieldsOf(atTheEnd.error()), QStringList{QStringLiteral("endsAt")});
    }

    void activatesBeforeTheStartSoTheCampaignWaitsForIt()
    {
        const auto campaign = campaignIn(CampaignState::Draft);
        const auto next = nextState(campaign, CampaignAction::Activate, campaign.startsAt - std::chrono::days(3));
        QVERIFY(next.ok());
        QVERIFY(*next == CampaignState::Active);
    }

    void finishesAndPausesAfterEndsAt()
    {
        const auto campaign = campaignIn(CampaignState::Active);
        QVERIFY(nextState(campaign, CampaignAction::Finish, campaign.endsAt + Millis(1)).ok());
        QVERIFY(nextState(campaign, CampaignAction::Pause, campaign.endsAt + Millis(1)).ok());
    }

    // Which fields a PATCH may change in each state (see applyPatch).
    void patchRulesPerState_data()
    {
        QTest::addColumn<CampaignState>("state");
        QTest::addColumn<QString>("patch");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QStringList>("fields");
        const auto ok = [](const char* name, CampaignState state, const char* patch) {
            QTest::newRow(name) << state << QString::fromUtf8(patch) << true << ErrorCode::Internal << QStringList{};
        };
        const auto refused = [](const char* name, CampaignState state, const char* patch, ErrorCode code,
                                QStringList fields) {
            QTest::newRow(name) << state << QString::fromUtf8(patch) << false << code << fields;
        };
        ok("draft: everything", CampaignState::Draft,
           R"({"name": "Winter", "description": "Coats", "brand": {"name": "Other"}, "kind": "influencer",
               "startsAt": "2026-07-01T00:00:00Z", "endsAt": "2026-08-01T00:00:00Z",
               "budget": {"amount": 5000, "currency": "USD"}, "commission": {"type": "percent", "rate": 5},
               "attribution": {"model": "linear", "windowDays": 7}, "holdPeriodSeconds": 60})");
        ok("draft: another currency with matching terms", CampaignState::Draft,
           R"({"budget": {"amount": 5000, "currency": "EUR"},
               "commission": {"type": "fixed", "amount": {"amount": 100, "currency": "EUR"}}})");
        ok("draft: endsAt in the past", CampaignState::Draft, R"({"endsAt": "2026-05-31T13:00:00Z"})");
        refused("draft: start moved after the end", CampaignState::Draft, R"({"startsAt": "2026-12-01T00:00:00Z"})",
                ErrorCode::Validation, {QStringLiteral("endsAt")});
        refused("draft: currency without the terms", CampaignState::Draft,
                R"({"budget": {"amount": 5000, "currency": "EUR"}})", ErrorCode::Validation,
                {QStringLiteral("commission.amount")});
        ok("active: name, description, end and budget", CampaignState::Active,
           R"({"name": "Summer+", "description": "", "endsAt": "2026-09-01T00:00:00Z",
               "budget": {"amount": 20000, "currency": "USD"}})");
        ok("active: budget down to what is spent", CampaignState::Active,
           R"({"budget": {"amount": 4000, "currency": "USD"}})");
        refused("active: budget below what is spent", CampaignState::Active,
                R"({"budget": {"amount": 3999, "currency": "USD"}})", ErrorCode::Validation,
                {QStringLiteral("budget.amount")});
        refused("active: budget in another currency", CampaignState::Active,
                R"({"budget": {"amount": 20000, "currency": "EUR"}})", ErrorCode::Validation,
                {QStringLiteral("budget.currency")});
        refused("active: end in the past", CampaignState::Active, R"({"endsAt": "2026-06-01T11:59:59Z"})",
                ErrorCode::Validation, {QStringLiteral("endsAt")});
        refused("active: end now", CampaignState::Active, R"({"endsAt": "2026-06-01T12:00:00Z"})",
                ErrorCode::Validation, {QStringLiteral("endsAt")});
        refused("active: start", CampaignState::Active, R"({"startsAt": "2026-05-01T00:00:00Z"})",
                ErrorCode::Conflict, {QStringLiteral("startsAt")});
        refused("active: kind and terms", CampaignState::Active,
                R"({"name": "Ok", "kind": "affiliate", "commission": {"type": "percent", "rate": 5}})",
                ErrorCode::Conflict, {QStringLiteral("kind"), QStringLiteral("commission")});
        refused("active: brand, attribution and hold", CampaignState::Active,
                R"({"brand": {"name": "X"}, "attribution": {"model": "linear"}, "holdPeriodSeconds": 5})",
                ErrorCode::Conflict,
                {QStringLiteral("brand"), QStringLiteral("attribution"), QStringLiteral("holdPeriodSeconds")});
        ok("paused: name and end", CampaignState::Paused, R"({"name": "Later", "endsAt": "2026-10-01T00:00:00Z"})");
        refused("paused: attribution", CampaignState::Paused, R"({"attribution": {"windowDays": 3}})",
                ErrorCode::Conflict, {QStringLiteral("attribution")});
        refused("finished: name", CampaignState::Finished, R"({"name": "Again"})", ErrorCode::Conflict, {});
        refused("cancelled: nothing at all", CampaignState::Cancelled, "{}", ErrorCode::Conflict, {});
    }
    void patchRulesPerState()
    {
        QFETCH(CampaignState, state);
        QFETCH(QString, patch);
        QFETCH(bool, accepted);
        QFETCH(ErrorCode, code);
        QFETCH(QStringList, fields);
        const auto result = applyPatch(campaignIn(state), patchFrom(patch), kNow);
        QCOMPARE(result.ok(), accepted);
        if (!accepted) {
            QCOMPARE(result.error().code, code);
            QCOMPARE(fieldsOf(result.error()), fields);
        }
    }

    void patchChangesOnlyTheGivenFields()
    {
        const auto before = campaignIn(CampaignState::Active);
        const auto after = applyPatch(before, patchFrom(QStringLiteral(R"({"name": "Renamed"})")), kNow);
        QVERIFY(after.ok());
        QCOMPARE(after->name, std::string("Renamed"));
        QCOMPARE(after->description, before.description);
        QVERIFY(after->budget == before.budget);
        QVERIFY(after->spent == before.spent);
        QVERIFY(after->endsAt == before.endsAt);
        QVERIFY(after->commission == before.commission);
        QVERIFY(after->state == CampaignState::Active);
    }

    void draftInAnotherCurrencyCountsSpentInIt()
    {
        const auto after = applyPatch(campaignIn(CampaignState::Draft),
                                      patchFrom(QStringLiteral(R"({"budget": {"amount": 900, "currency": "EUR"},
                                          "commission": {"type": "percent", "rate": 3}})")),
                                      kNow);
        QVERIFY(after.ok());
        QCOMPARE(after->spent.currency(), std::string("EUR"));
        QVERIFY(after->spent.isZero());
    }

    void checksTheInvariantsOfACampaignBuiltInCode()
    {
        auto campaign = campaignIn(CampaignState::Draft);
        QVERIFY(checkCampaign(campaign).ok());
        campaign.endsAt = campaign.startsAt;
        campaign.budget = usd(0);
        campaign.commission.maximum = Money::of(100, "EUR").value();
        const Status broken = checkCampaign(campaign);
        QVERIFY(!broken.ok());
        const QStringList expected{QStringLiteral("endsAt"), QStringLiteral("budget.amount"),
                                   QStringLiteral("commission.maximum")};
        QCOMPARE(fieldsOf(broken.error()), expected);
    }

    void enrollsOnlyIntoCampaignsThatAreNotClosed_data()
    {
        QTest::addColumn<CampaignState>("state");
        QTest::addColumn<bool>("open");
        QTest::newRow("draft") << CampaignState::Draft << true;
        QTest::newRow("active") << CampaignState::Active << true;
        QTest::newRow("paused") << CampaignState::Paused << true;
        QTest::newRow("finished") << CampaignState::Finished << false;
        QTest::newRow("cancelled") << CampaignState::Cancelled << false;
    }
    void enrollsOnlyIntoCampaignsThatAreNotClosed()
    {
        QFETCH(CampaignState, state);
        QFETCH(bool, open);
        const Status status = checkEnrollment(state);
        QCOMPARE(status.ok(), open);
        if (!open)
            QCOMPARE(status.error().code, ErrorCode::Conflict);
    }

    // Budget 100.00 with 40.00 spent, running [kNow - 1 day, kNow + 30 days).
    void refusesReservations_data()
    {
        QTest::addColumn<CampaignState>("state");
        QTest::addColumn<qint64>("offsetMs");
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<std::optional<BudgetRefusal>>("refusal");
        const qint64 dayMs = 24LL * 3600 * 1000;
        const std::optional<BudgetRefusal> none;
        QTest::newRow("fits") << CampaignState::Active << qint64(0) << qint64(1000) << none;
        QTest::newRow("exactly what is left") << CampaignState::Active << qint64(0) << qint64(6000) << none;
        QTest::newRow("zero") << CampaignState::Active << qint64(0) << qint64(0) << none;
        QTest::newRow("one cent too much") << CampaignState::Active << qint64(0) << qint64(6001)
                                           << std::optional(BudgetRefusal::Budget);
        QTest::newRow("at the start") << CampaignState::Active << -dayMs << qint64(1) << none;
        QTest::newRow("before the start") << CampaignState::Active << -dayMs - 1 << qint64(1)
                                          << std::optional(BudgetRefusal::CampaignNotActive);
        QTest::newRow("at the end") << CampaignState::Active << 30 * dayMs << qint64(1)
                                    << std::optional(BudgetRefusal::CampaignNotActive);
        QTest::newRow("draft") << CampaignState::Draft << qint64(0) << qint64(1)
                               << std::optional(BudgetRefusal::CampaignNotActive);
        QTest::newRow("paused") << CampaignState::Paused << qint64(0) << qint64(1)
                                << std::optional(BudgetRefusal::CampaignNotActive);
        QTest::newRow("finished") << CampaignState::Finished << qint64(0) << qint64(1)
                                  << std::optional(BudgetRefusal::CampaignNotActive);
        QTest::newRow("cancelled") << CampaignState::Cancelled << qint64(0) << qint64(1)
                                   << std::optional(BudgetRefusal::CampaignNotActive);
    }
    void refusesReservations()
    {
        QFETCH(CampaignState, state);
        QFETCH(qint64, offsetMs);
        QFETCH(qint64, amount);
        QFETCH(std::optional<BudgetRefusal>, refusal);
        const auto decided = refuseReservation(campaignIn(state), usd(amount), kNow + Millis(offsetMs));
        QVERIFY(decided == refusal);
    }
};

QTEST_APPLESS_MAIN(TestCampaignRules)
#include "tst_campaign_rules.moc"
