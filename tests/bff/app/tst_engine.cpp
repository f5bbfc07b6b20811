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

    void refusesADataDirectoryItCannotCreate()
    {
        const auto engine = Engine::open({.dataDir = "/proc/alpes-no-such-dir"}, *m_clock);
        QVERIFY(!engine.ok());
        QCOMPARE(engine.error().code, ErrorCode::Unavailable);
    }

private:
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
