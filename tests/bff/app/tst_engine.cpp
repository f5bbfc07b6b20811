#include "bff/app/engine.h"
#include "tests/bff/services/marketing/marketing_fixture.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_clock.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::app;

namespace {

dto::AffiliateRegistration partner(std::string email)
{
    dto::AffiliateRegistration r;
    r.name = "Partner";
    r.email = std::move(email);
    r.kind = domain::AffiliateKind::Affiliate;
    return r;
}

}  // namespace

// The services wired together by the engine: messages cross from one service's outbox to the
// others' copies, housekeeping runs, and everything is still there after a restart.
class TestEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        m_clock = std::make_unique<testing::TestClock>(testing::at("2026-11-22T18:00:00.000Z"));
        openEngine();
    }
    void cleanup()
    {
        m_engine.reset();
        m_clock.reset();
        m_dir.reset();
    }

    void aRegisteredPartnerReachesMarketingAndCanBeEnrolled()
    {
        const auto affiliate = m_engine->affiliates().registerAffiliate(partner("a@example.com"));
        QVERIFY(affiliate.ok());
        const auto campaign = m_engine->marketing().create(testing::draftAround(m_clock->now()));
        QVERIFY(campaign.ok());
        // Marketing learns of the partner only through AffiliateRegistered: eventually consistent.
        QTRY_VERIFY(m_engine->marketing().enroll(campaign->id, {affiliate->id}).ok());
        QCOMPARE(m_engine->marketing().get(campaign->id)->affiliateIds.size(), size_t(1));
    }

    void housekeepingFinishesCampaignsPastTheirEnd()
    {
        const auto campaign = m_engine->marketing().create(testing::draftAround(m_clock->now()));
        QVERIFY(m_engine->marketing().activate(campaign->id).ok());
        m_clock->advance(std::chrono::hours(24 * 31));
        QTRY_VERIFY(m_engine->marketing().get(campaign->id)->state == domain::CampaignState::Finished);
    }

    void everythingAcknowledgedIsThereAfterARestart()
    {
        const auto affiliate = m_engine->affiliates().registerAffiliate(partner("b@example.com"));
        const auto campaign = m_engine->marketing().create(testing::draftAround(m_clock->now()));
        QVERIFY(affiliate.ok() && campaign.ok());
        m_engine->stop();
        m_engine.reset();
        openEngine();
        QCOMPARE(m_engine->affiliates().get(affiliate->id)->email, std::string("b@example.com"));
        QCOMPARE(m_engine->marketing().get(campaign->id)->name, campaign->name);
        QTRY_VERIFY(m_engine->marketing().enroll(campaign->id, {affiliate->id}).ok());
    }

    void aPurchaseRunsItsSagaThroughEveryService()
    {
        const auto [purchase, campaign] = trackAPurchase("c@example.com");
        QTRY_COMPARE(sagaState(*purchase.sagaId), std::optional(saga::SagaState::Reserved));
        QCOMPARE(m_engine->marketing().budget(campaign)->spent, testing::usd(500));
        m_clock->advance(std::chrono::seconds(dto::kDefaultHoldPeriodSeconds));
        QTRY_COMPARE(sagaState(*purchase.sagaId), std::optional(saga::SagaState::Completed));
        QCOMPARE(m_engine->commissions().list({.campaignId = campaign}, {})->items.at(0).state,
                 domain::CommissionState::Confirmed);
    }

    void anUnfinishedSagaResumesAfterARestart()
    {
        const auto [purchase, campaign] = trackAPurchase("d@example.com");
        m_engine->stop();
        m_engine.reset();
        openEngine();
        QTRY_COMPARE(sagaState(*purchase.sagaId), std::optional(saga::SagaState::Reserved));
        QCOMPARE(m_engine->sagas().countByState()->at(saga::SagaState::Reserved), std::int64_t(1));
    }

    void refusesADataDirectoryItCannotCreate()
    {
        const auto engine = Engine::open({.dataDir = "/proc/alpes-no-such-dir"}, *m_clock);
        QVERIFY(!engine.ok());
        QCOMPARE(engine.error().code, ErrorCode::Unavailable);
    }

private:
    // None until tracking's InteractionTracked has reached the saga.
    std::optional<saga::SagaState> sagaState(const SagaId& id)
    {
        const auto saga = m_engine->sagas().get(id);
        return saga ? std::optional(saga->saga.state) : std::nullopt;
    }

    // A partner's click and a purchase 10 s later on a fresh active campaign paying 5.00 USD.
    std::pair<services::tracking::TrackReceipt, CampaignId> trackAPurchase(std::string email)
    {
        const auto affiliate = m_engine->affiliates().registerAffiliate(partner(std::move(email)));
        const auto campaign = m_engine->marketing().create(testing::draftAround(m_clock->now()));
        if (!affiliate || !campaign || !m_engine->affiliates().approve(affiliate->id) ||
            !m_engine->marketing().activate(campaign->id))
            qFatal("cannot set up the campaign");
        dto::InteractionInput click;
        click.type = domain::InteractionType::Click;
        click.campaignId = campaign->id;
        click.affiliateId = affiliate->id;
        click.userId = "shopper";
        click.occurredAt = m_clock->now() - std::chrono::seconds(10);
        // The saga's steps judge by each service's copy of the partner and the campaign (a partner
        // not yet approved in commissions' copy earns nothing): let every service hear of the set-up.
        const auto delivered = [&] {
            const auto all = m_engine->everythingDelivered();
            return all && *all;
        };
        if (!QTest::qWaitFor(delivered, 5000))
            qFatal("the set-up's events were never delivered");
        if (!m_engine->tracking().track(click))
            qFatal("cannot track the click");
        auto purchase = click;
        purchase.type = domain::InteractionType::Purchase;
        purchase.occurredAt = m_clock->now();
        purchase.orderId = "order-1";
        purchase.amount = testing::usd(10000);
        const auto receipt = m_engine->tracking().track(purchase);
        if (!receipt || !receipt->sagaId)
            qFatal("cannot track the purchase");
        return {*receipt, campaign->id};
    }

    void openEngine()
    {
        auto engine = Engine::open({.dataDir = m_dir->path(), .maintenanceInterval = std::chrono::milliseconds{20}},
                                   *m_clock);
        QVERIFY(engine.ok());
        m_engine = std::move(engine).value();
        m_engine->start();
    }

    std::unique_ptr<testing::TempDataDir> m_dir;
    std::unique_ptr<testing::TestClock> m_clock;
    std::unique_ptr<Engine> m_engine;
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
