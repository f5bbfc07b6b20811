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
        const auto partner = m_world->addPartner();
        const auto campaign = m_world->addDraftCampaign(100000, kCommission, 60);
        QVERIFY(partner.ok() && campaign.ok());
        SagaId saga;
        buyAndWait(*campaign, *partner, StepName::Attribute, "unattributed: awaiting_campaign", saga);
        if (QTest::currentTestFailed())
            return;

        QVERIFY(m_world->engine().marketing().activate(*campaign).ok());
        QVERIFY(m_world->reaches(saga, {SagaState::Reserved, SagaState::Unattributed}));
        QCOMPARE(m_world->stateOf(saga), SagaState::Reserved);
        QCOMPARE(stepOf(m_world->engine().sagas().get(saga).value(), StepName::Attribute).attempts, 2);
        expectPaid(*campaign);
    }

    void aCampaignThatStaysDraftLeavesThePurchaseUnattributedAfterTheRetries()
    {
        const auto partner = m_world->addPartner();
        const auto campaign = m_world->addDraftCampaign(100000, kCommission, 60);
        QVERIFY(partner.ok() && campaign.ok());
        SagaId saga;
        buyAndWait(*campaign, *partner, StepName::Attribute, "unattributed: awaiting_campaign", saga);
        if (QTest::currentTestFailed())
            return;

        QVERIFY(m_world->reaches(saga, {SagaState::Unattributed, SagaState::Compensated, SagaState::Failed}));
        const auto detail = m_world->engine().sagas().get(saga).value();
        QCOMPARE(detail.saga.state, SagaState::Unattributed);
        const SagaStep& attribute = stepOf(detail, StepName::Attribute);
        QCOMPARE(attribute.state, StepState::Done);
        QCOMPARE(attribute.attempts, testing::SagaWorld::fastSagaOptions().maxRetries + 1);
        QCOMPARE(attribute.payload->at("final"), json::Json(true));
        QCOMPARE(attribute.outcome, std::optional<std::string>("unattributed: campaign_not_active"));
        const auto conversion = m_world->engine().tracking().conversion(detail.saga.conversionId);
        QCOMPARE(conversion->reason, std::optional<std::string>("campaign_not_active"));
        QCOMPARE(m_world->effectsOf(*campaign, detail.saga.conversionId, {}).spent, std::int64_t(0));
    }

    void aPurchaseAheadOfThePartnersApprovalEarnsOnceCommissionsHearsOfIt()
    {
        const auto partner = m_world->addPendingPartner();
        const auto campaign = m_world->addCampaign(100000, kCommission, 60);
        QVERIFY(partner.ok() && campaign.ok());
        SagaId saga;
        buyAndWait(*campaign, *partner, StepName::ReserveCommission, "refused: awaiting_partner", saga);
        if (QTest::currentTestFailed())
            return;

        QVERIFY(m_world->engine().affiliates().approve(*partner).ok());
        QVERIFY(m_world->reaches(saga, {SagaState::Reserved, SagaState::Completed}));
        QCOMPARE(m_world->stateOf(saga), SagaState::Reserved);
        QCOMPARE(stepOf(m_world->engine().sagas().get(saga).value(), StepName::ReserveCommission).attempts, 2);
        expectPaid(*campaign);
    }

    void aPartnerThatStaysPendingEarnsNothingAfterTheRetries()
    {
        const auto partner = m_world->addPendingPartner();
        const auto campaign = m_world->addCampaign(100000, kCommission, 60);
        QVERIFY(partner.ok() && campaign.ok());
        SagaId saga;
        buyAndWait(*campaign, *partner, StepName::ReserveCommission, "refused: awaiting_partner", saga);
        if (QTest::currentTestFailed())
            return;

        QVERIFY(m_world->reaches(saga, {SagaState::Completed, SagaState::Compensated, SagaState::Failed}));
        const auto detail = m_world->engine().sagas().get(saga).value();
        QCOMPARE(detail.saga.state, SagaState::Completed);
        const SagaStep& reserve = stepOf(detail, StepName::ReserveCommission);
        QCOMPARE(reserve.state, StepState::Done);
        QCOMPARE(reserve.attempts, testing::SagaWorld::fastSagaOptions().maxRetries + 1);
        QVERIFY2(reserve.outcome->starts_with("nobody earns"), reserve.outcome->c_str());
        QCOMPARE(stepOf(detail, StepName::ReserveBudget).state, StepState::Skipped);
        const auto effects = m_world->effectsOf(*campaign, detail.saga.conversionId, {});
        QVERIFY(effects.commissions.empty());
        QCOMPARE(effects.spent, std::int64_t(0));
    }

private:
    // A click and a purchase a minute later; returns once the saga's `step` was answered "not yet"
    // and waits for its retry, which the test clock holds back until the test moves it.
    void buyAndWait(const CampaignId& campaign, const AffiliateId& partner, StepName step, const std::string& answer,
                    SagaId& saga)
    {
        QVERIFY(m_world->settle());
        const UtcTime now = m_world->clock().now();
        QVERIFY(m_world->click(campaign, partner, "shopper", now - 60s).ok());
        const auto purchase = m_world->purchase(campaign, partner, "shopper", "order-1", 10000, now);
        QVERIFY(purchase.ok() && purchase->sagaId);
        QVERIFY(m_world->settle());
        saga = *purchase->sagaId;
        const auto detail = m_world->engine().sagas().get(saga).value();
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
