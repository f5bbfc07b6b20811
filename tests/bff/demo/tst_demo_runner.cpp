#include "bff/demo/demo_runner.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <set>

using namespace alpes;
using namespace alpes::demo;
using saga::SagaState;

namespace {

constexpr int kTimeoutMs = 90000;

}  // namespace

// Demo mode on a real engine: the seeded world is what the demo promises, and its traffic drives
// sagas to every ending a manager should see: completed, compensated for fraud (by each default
// rule and by hand), compensated for budget. Runs fast (speed 10, holds of 2 s); waits poll.
class TestDemoRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        auto engine = app::Engine::open({.dataDir = m_dir->path()}, m_clock);
        QVERIFY(engine.ok());
        m_engine = std::move(engine).value();
        m_engine->start();
    }
    void cleanup()
    {
        m_engine.reset();
        m_dir.reset();
    }

    void seedsTheWorldAndDrivesEverySagaEnding()
    {
        auto runner = DemoRunner::start(*m_engine, {.seed = 42, .speed = 10, .holdPeriod = std::chrono::seconds(2)},
                                        m_clock);
        QVERIFY2(runner.ok(), runner.ok() ? "" : runner.error().message.c_str());

        const auto campaigns = m_engine->marketing().list({}, {.limit = 100});
        QVERIFY(campaigns.ok());
        QVERIFY(campaigns->items.size() >= 6);
        std::set<domain::CampaignState> states;
        for (const auto& campaign : campaigns->items)
            states.insert(campaign.state);
        QVERIFY(states.size() >= 3);
        QVERIFY(m_engine->affiliates().list({}, {.limit = 100})->items.size() >= 20);
        const auto partner = m_engine->affiliates().get(runner.value()->world().partnerUserAffiliate);
        QVERIFY(partner.ok());
        QCOMPARE(partner->state, domain::AffiliateState::Active);
        QCOMPARE(partner->kind, domain::AffiliateKind::Affiliate);

        QTRY_VERIFY_WITH_TIMEOUT(runner.value()->counters().accepted > 100, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(sagaCount() > 0, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->sagas().countByState()->at(SagaState::Completed) > 0, kTimeoutMs);
        for (const char* why : {"self_referral", "click_injection", "manual", "budget_exceeded"})
            QTRY_VERIFY2_WITH_TIMEOUT(compensatedFor(why), why, kTimeoutMs);
        const auto counters = runner.value()->counters();
        QVERIFY(counters.clawbacks > 0);
        // Everything the simulator sends is valid: nothing is refused at ingest.
        QCOMPARE(counters.rejected, std::uint64_t(0));
        runner.value()->stop();
    }

    void refusesADataDirectoryThatAlreadyHoldsPartners()
    {
        auto first = DemoRunner::start(*m_engine, {}, m_clock);
        QVERIFY(first.ok());
        first.value()->stop();
        auto second = DemoRunner::start(*m_engine, {}, m_clock);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, ErrorCode::Conflict);
    }

    void refusesASpeedOutOfRange()
    {
        QCOMPARE(DemoRunner::start(*m_engine, {.speed = 0}, m_clock).error().code, ErrorCode::Validation);
        QCOMPARE(DemoRunner::start(*m_engine, {.speed = kMaxSpeed * 2}, m_clock).error().code, ErrorCode::Validation);
    }

private:
    std::int64_t sagaCount()
    {
        const auto counts = m_engine->sagas().countByState();
        std::int64_t total = 0;
        for (const auto& [state, count] : counts.value())
            total += count;
        return total;
    }

    // Whether a compensated saga was compensated for `why`: a fraud rule's name, or budget_exceeded.
    bool compensatedFor(std::string_view why)
    {
        const auto sagas = m_engine->sagas().list({.state = SagaState::Compensated}, {.limit = 500});
        if (!sagas)
            return false;
        for (const auto& saga : sagas->items) {
            if (!saga.compensation)
                continue;
            const auto& compensation = *saga.compensation;
            if (saga::kCompensationTriggers.name(compensation.trigger) == why || compensation.rule == why)
                return true;
        }
        return false;
    }

    std::unique_ptr<testing::TempDataDir> m_dir;
    SystemClock m_clock;
    std::unique_ptr<app::Engine> m_engine;
};

QTEST_GUILESS_MAIN(TestDemoRunner)
#include "tst_demo_runner.moc"
