#include "tests/bff/saga/saga_world.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::saga;
using namespace std::chrono_literals;
using domain::CommissionState;

namespace {

constexpr std::int64_t kCommission = 500;

const SagaStep& stepOf(const SagaDetail& saga, StepName name)
{
    return *std::find_if(saga.steps.begin(), saga.steps.end(),
                         [name](const SagaStep& step) { return step.name == name; });
}

}  // namespace

// A purchase that reaches tracking or commissions before their copy of the campaign's activation or
// the partner's approval (docs/decisions.md, "Decisions from copies"). The test clock holds the saga's
// retries back, so the race is reproduced step by step: the first attempt is answered "not yet" while
// the copy is really behind, then either the copy catches up and the retry decides normally, or the
// last attempt decides for good with the copy as it stands.
class TestSagaStaleCopies : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        m_world = std::make_unique<testing::SagaWorld>(m_dir->path());
        QVERIFY(m_world->open().ok());
    }
    void cleanup()
    {
        m_world.reset();
        m_dir.reset();
    }

    void aPurchaseAheadOfTheCampaignsActivationIsAttributedOnceTrackingHearsOfIt()
    {
        const Race race = buyAheadOfTheActivation();
        if (QTest::currentTestFailed())
            return;

        QVERIFY(m_world->engine().marketing().activate(race.campaign).ok());
        QVERIFY(m_world->reaches(race.saga, {SagaState::Reserved, SagaState::Unattributed}));
        QCOMPARE(m_world->stateOf(race.saga), SagaState::Reserved);
        QCOMPARE(stepOf(m_world->engine().sagas().get(race.saga).value(), StepName::Attribute).attempts, 2);
        expectPaid(race.campaign);
    }

    void aCampaignThatStaysDraftLeavesThePurchaseUnattributedAfterTheRetries()
    {
        const Race race = buyAheadOfTheActivation();
        if (QTest::currentTestFailed())
            return;

        QVERIFY(m_world->reaches(race.saga, {SagaState::Unattributed, SagaState::Compensated, SagaState::Failed}));
        const auto detail = m_world->engine().sagas().get(race.saga).value();
        QCOMPARE(detail.saga.state, SagaState::Unattributed);
        const SagaStep& attribute = stepOf(detail, StepName::Attribute);
        QCOMPARE(attribute.state, StepState::Done);
        QCOMPARE(attribute.attempts, testing::SagaWorld::fastSagaOptions().maxRetries + 1);
        QCOMPARE(attribute.payload->at("final"), json::Json(true));
        QCOMPARE(attribute.outcome, std::optional<std::string>("unattributed: campaign_not_active"));
        const auto conversion = m_world->engine().tracking().conversion(detail.saga.conversionId);
        QCOMPARE(conversion->reason, std::optional<std::string>("campaign_not_active"));
        QCOMPARE(m_world->effectsOf(race.campaign, detail.saga.conversionId, {}).spent, std::int64_t(0));
    }

    void aPurchaseAheadOfThePartnersApprovalEarnsOnceCommissionsHearsOfIt()
    {
        const Race race = buyAheadOfTheApproval();
        if (QTest::currentTestFailed())
            return;

        QVERIFY(m_world->engine().affiliates().approve(race.partner).ok());
        QVERIFY(m_world->reaches(race.saga, {SagaState::Reserved, SagaState::Completed}));
        QCOMPARE(m_world->stateOf(race.saga), SagaState::Reserved);
        QCOMPARE(stepOf(m_world->engine().sagas().get(race.saga).value(), StepName::ReserveCommission).attempts, 2);
        expectPaid(race.campaign);
    }

    void aPartnerThatStaysPendingEarnsNothingAfterTheRetries()
    {
        const Race race = buyAheadOfTheApproval();
        if (QTest::currentTestFailed())
            return;

        QVERIFY(m_world->reaches(race.saga, {SagaState::Completed, SagaState::Compensated, SagaState::Failed}));
        const auto detail = m_world->engine().sagas().get(race.saga).value();
        QCOMPARE(detail.saga.state, SagaState::Completed);
        const SagaStep& reserve = stepOf(detail, StepName::ReserveCommission);
        QCOMPARE(reserve.state, StepState::Done);
        QCOMPARE(reserve.attempts, testing::SagaWorld::fastSagaOptions().maxRetries + 1);
        QVERIFY2(reserve.outcome->starts_with("nobody earns"), reserve.outcome->c_str());
        QCOMPARE(stepOf(detail, StepName::ReserveBudget).state, StepState::Skipped);
        const auto effects = m_world->effectsOf(race.campaign, detail.saga.conversionId, {});
        QVERIFY(effects.commissions.empty());
        QCOMPARE(effects.spent, std::int64_t(0));
    }

private:
    struct Race {
        AffiliateId partner;
        CampaignId campaign;
        SagaId saga;
    };

    // An approved partner and a campaign whose activation tracking has not heard of.
    Race buyAheadOfTheActivation()
    {
        return buyAhead(m_world->addPartner(), m_world->addDraftCampaign(100000, kCommission, 60),
                        StepName::Attribute, "unattributed: awaiting_campaign");
    }

    // An active campaign and a partner whose approval commissions has not heard of.
    Race buyAheadOfTheApproval()
    {
        return buyAhead(m_world->addPendingPartner(), m_world->addCampaign(100000, kCommission, 60),
                        StepName::ReserveCommission, "refused: awaiting_partner");
    }

    Race buyAhead(const Result<AffiliateId>& partner, const Result<CampaignId>& campaign, StepName step,
                  const std::string& answer)
    {
        Race race;
        if (!partner.ok() || !campaign.ok()) {
            QTest::qFail("could not add the partner or the campaign", __FILE__, __LINE__);
            return race;
        }
        race.partner = *partner;
        race.campaign = *campaign;
        buyAndWait(race, step, answer);
        return race;
    }

    // A click and a purchase a minute later; returns once the saga's `step` was answered "not yet"
    // and waits for its retry, which the test clock holds back until the test moves it.
    void buyAndWait(Race& race, StepName step, const std::string& answer)
    {
        const CampaignId& campaign = race.campaign;
        const AffiliateId& partner = race.partner;
        QVERIFY(m_world->settle());
        const UtcTime now = m_world->clock().now();
        QVERIFY(m_world->click(campaign, partner, "shopper", now - 60s).ok());
        const auto purchase = m_world->purchase(campaign, partner, "shopper", "order-1", 10000, now);
        QVERIFY(purchase.ok() && purchase->sagaId);
        QVERIFY(m_world->settle());
        race.saga = *purchase->sagaId;
        const auto detail = m_world->engine().sagas().get(race.saga).value();
        const SagaStep& waiting = stepOf(detail, step);
        QCOMPARE(waiting.state, StepState::Running);
        QCOMPARE(waiting.attempts, 1);
        QCOMPARE(waiting.payload->at("final"), json::Json(false));
        QCOMPARE(waiting.outcome, std::optional<std::string>(answer));
    }

    void expectPaid(const CampaignId& campaign)
    {
        const auto commissions = m_world->engine().commissions().list({.campaignId = campaign}, {}).value();
        QCOMPARE(commissions.items.size(), size_t(1));
        QCOMPARE(commissions.items.front().state, CommissionState::Reserved);
        QCOMPARE(commissions.items.front().amount, testing::usd(kCommission));
        QCOMPARE(m_world->engine().marketing().budget(campaign).value().spent.amount(), kCommission);
    }

    std::unique_ptr<testing::TempDataDir> m_dir;
    std::unique_ptr<testing::SagaWorld> m_world;
};

QTEST_APPLESS_MAIN(TestSagaStaleCopies)
#include "tst_saga_stale_copies.moc"
