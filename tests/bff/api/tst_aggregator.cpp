#include "bff/api/aggregator.h"
#include "tests/bff/api/api_test_printing.h"
#include "tests/support/test_clock.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <atomic>
#include <future>
#include <thread>

using namespace alpes;
using namespace alpes::api;
using namespace std::chrono_literals;

namespace {

// Holds a source's call until the test opens it; counts how many calls got in.
struct Gate {
    std::promise<void> promise;
    std::shared_future<void> opened = promise.get_future().share();
    std::atomic<int> entered{0};
    std::atomic<bool> isOpen{false};

    void open()
    {
        if (!isOpen.exchange(true))
            promise.set_value();
    }
};

// A source's behaviour that the test can change between runs; counts calls.
struct Probe {
    std::atomic<int> calls{0};
    std::atomic<bool> healthy{true};
};

}  // namespace

class TestAggregator : public QObject {
    Q_OBJECT

private:
    testing::TestClock m_clock{fromEpochMillis(1'795'000'000'000)};
    std::vector<std::shared_ptr<Gate>> m_gates;
    std::unique_ptr<Aggregator> m_aggregator;

    Aggregator& make(Aggregator::Options options = {})
    {
        m_aggregator = std::make_unique<Aggregator>(options, m_clock);
        return *m_aggregator;
    }

    std::shared_ptr<Gate> gate()
    {
        return m_gates.emplace_back(std::make_shared<Gate>());
    }

    // Answers {"source": name}, or Unavailable while the probe is unhealthy.
    static SourceCall probed(std::string name, std::shared_ptr<Probe> probe, std::optional<Millis> deadline = {})
    {
        return SourceCall{name,
                          [name, probe]() -> Result<nlohmann::json> {
                              ++probe->calls;
                              if (!probe->healthy)
                                  return Error::unavailable(name + " is down");
                              return nlohmann::json{{"source", name}};
                          },
                          deadline};
    }

    static SourceCall answering(std::string name, Result<nlohmann::json> answer, std::optional<Millis> deadline = {})
    {
        return SourceCall{std::move(name), [answer] { return answer; }, deadline};
    }

    // Waits at the gate, then answers {"late": true}.
    static SourceCall gated(std::string name, std::shared_ptr<Gate> gate, Millis deadline)
    {
        return SourceCall{std::move(name),
                          [gate]() -> Result<nlohmann::json> {
                              ++gate->entered;
                              gate->opened.wait();
                              return nlohmann::json{{"late", true}, {"padding", std::string(4096, 'x')}};
                          },
                          deadline};
    }

    static CircuitState breakerState(const Aggregator& aggregator, const std::string& source)
    {
        for (const Aggregator::BreakerSnapshot& breaker : aggregator.breakers())
            if (breaker.source == source)
                return breaker.state;
        qFatal("no breaker for %s", source.c_str());
    }

    // Runs `source`, which does not answer within its deadline, until a pool thread has started it.
    // A call still queued at its deadline is never started; on a loaded machine a pool thread can
    // take longer than a short deadline to pick it up, so try again rather than depend on timing.
    static void runUntilStarted(Aggregator& aggregator, const SourceCall& source)
    {
        for (int attempt = 0; attempt < 100; ++attempt) {
            const SourceOutcome outcome = aggregator.run({source}).at(source.name);
            if (outcome.error.message.find("did not answer") != std::string::npos)
                return;
        }
        QFAIL("the pool never started the call");
    }

    // Runs `source` alone until its circuit opens (it must fail each time).
    static void failUntilOpen(Aggregator& aggregator, const SourceCall& source, int threshold)
    {
        for (int i = 0; i < threshold; ++i)
            QCOMPARE(aggregator.run({source}).at(source.name).status, SourceStatus::Error);
        QCOMPARE(breakerState(aggregator, source.name), CircuitState::Open);
    }

private Q_SLOTS:
    void cleanup()
    {
        for (const auto& gate : m_gates)
            gate->open();
        m_aggregator.reset();
        m_gates.clear();
    }

    void answersEverySourceWhenAllAreOk()
    {
        Aggregator& aggregator = make();
        std::vector<SourceCall> sources;
        for (const char* name : {"marketing", "tracking", "commissions", "sagas", "affiliates"})
            sources.push_back(answering(name, nlohmann::json{{"from", name}}));
        const auto outcomes = aggregator.run(sources);
        QCOMPARE(outcomes.size(), std::size_t(5));
        for (const auto& [name, outcome] : outcomes) {
            QCOMPARE(outcome.status, SourceStatus::Ok);
            QCOMPARE(outcome.value, (nlohmann::json{{"from", name}}));
        }
    }

    void aSlowSourceTimesOutWhileTheOthersAnswer()
    {
        Aggregator& aggregator = make({.defaultDeadline = 60s});
        aggregator.faults().set("tracking", {.delay = 5s});
        const auto begin = std::chrono::steady_clock::now();
        const auto outcomes = aggregator.run({answering("marketing", nlohmann::json{{"id", 1}}),
                                              answering("tracking", nlohmann::json::object(), 100ms),
                                              answering("commissions", nlohmann::json::array())});
        // Robust against a slow machine: the injected delay is fifty times the deadline.
        QVERIFY(std::chrono::steady_clock::now() - begin < 5s);
        QCOMPARE(outcomes.at("tracking").status, SourceStatus::Timeout);
        QCOMPARE(outcomes.at("tracking").error.code, ErrorCode::Timeout);
        QCOMPARE(outcomes.at("tracking").error.message, std::string("tracking did not answer within 100 ms"));
        QCOMPARE(outcomes.at("marketing").status, SourceStatus::Ok);
        QCOMPARE(outcomes.at("marketing").value, (nlohmann::json{{"id", 1}}));
        QCOMPARE(outcomes.at("commissions").status, SourceStatus::Ok);
    }

    void theDefaultDeadlineAppliesWithoutAnOverride()
    {
        Aggregator& aggregator = make({.defaultDeadline = 100ms});
        aggregator.faults().set("sagas", {.delay = 5s});
        const auto outcomes = aggregator.run({answering("sagas", nlohmann::json::array())});
        QCOMPARE(outcomes.at("sagas").status, SourceStatus::Timeout);
    }

    void aFailingSourceReportsItsError()
    {
        Aggregator& aggregator = make();
        const auto outcomes = aggregator.run({answering("tracking", Error::unavailable("Tracking is down")),
                                              answering("marketing", nlohmann::json::object())});
        QCOMPARE(outcomes.at("tracking").status, SourceStatus::Error);
        QCOMPARE(outcomes.at("tracking").error.code, ErrorCode::Unavailable);
        QCOMPARE(outcomes.at("tracking").error.message, std::string("Tracking is down"));
        QCOMPARE(outcomes.at("marketing").status, SourceStatus::Ok);
    }

    void anExceptionInASourceIsReportedAsAnError()
    {
        Aggregator& aggregator = make();
        const SourceCall throwing{"marketing", []() -> Result<nlohmann::json> {
                                      return nlohmann::json::parse("{not json");
                                  }};
        const auto outcomes = aggregator.run({throwing});
        QCOMPARE(outcomes.at("marketing").status, SourceStatus::Error);
        QCOMPARE(outcomes.at("marketing").error.code, ErrorCode::Internal);
        QCOMPARE(outcomes.at("marketing").error.message, std::string("marketing failed"));
    }

    void aForcedFailureReplacesTheCallUntilCleared()
    {
        Aggregator& aggregator = make();
        auto probe = std::make_shared<Probe>();
        aggregator.faults().set("commissions", {.failure = Error::unavailable("Injected failure")});
        auto outcomes = aggregator.run({probed("commissions", probe)});
        QCOMPARE(outcomes.at("commissions").status, SourceStatus::Error);
        QCOMPARE(outcomes.at("commissions").error.message, std::string("Injected failure"));
        QCOMPARE(probe->calls.load(), 0);

        aggregator.faults().clear("commissions");
        outcomes = aggregator.run({probed("commissions", probe)});
        QCOMPARE(outcomes.at("commissions").status, SourceStatus::Ok);
        QCOMPARE(probe->calls.load(), 1);
    }

    void theCircuitOpensAfterConsecutiveFailuresAndStopsCalling()
    {
        Aggregator& aggregator = make();  // default threshold: 5
        auto tracking = std::make_shared<Probe>();
        auto marketing = std::make_shared<Probe>();
        tracking->healthy = false;
        for (int i = 0; i < 4; ++i)
            (void)aggregator.run({probed("tracking", tracking)});
        QCOMPARE(breakerState(aggregator, "tracking"), CircuitState::Closed);
        (void)aggregator.run({probed("tracking", tracking)});
        QCOMPARE(breakerState(aggregator, "tracking"), CircuitState::Open);
        QCOMPARE(tracking->calls.load(), 5);

        const auto outcomes = aggregator.run({probed("tracking", tracking), probed("marketing", marketing)});
        QCOMPARE(tracking->calls.load(), 5);
        QCOMPARE(outcomes.at("tracking").status, SourceStatus::Error);
        QCOMPARE(outcomes.at("tracking").error.code, ErrorCode::Unavailable);
        QVERIFY(outcomes.at("tracking").error.message.find("circuit open") != std::string::npos);
        QCOMPARE(outcomes.at("marketing").status, SourceStatus::Ok);
        QCOMPARE(breakerState(aggregator, "marketing"), CircuitState::Closed);
    }

    void timeoutsCountTowardsOpeningTheCircuit()
    {
        Aggregator& aggregator = make({.breaker = {.failureThreshold = 2, .coolDown = 10s}});
        aggregator.faults().set("sagas", {.delay = 5s});
        auto probe = std::make_shared<Probe>();
        runUntilStarted(aggregator, probed("sagas", probe, 20ms));
        QCOMPARE(breakerState(aggregator, "sagas"), CircuitState::Closed);
        runUntilStarted(aggregator, probed("sagas", probe, 20ms));
        QCOMPARE(breakerState(aggregator, "sagas"), CircuitState::Open);
        const auto refused = aggregator.run({probed("sagas", probe, 20ms)}).at("sagas");
        QCOMPARE(refused.status, SourceStatus::Error);
        QVERIFY(refused.error.message.find("circuit open") != std::string::npos);
    }

    void errorsThatAreAnswersKeepTheCircuitClosed()
    {
        Aggregator& aggregator = make({.breaker = {.failureThreshold = 2, .coolDown = 10s}});
        for (int i = 0; i < 5; ++i) {
            const auto outcomes = aggregator.run({answering("marketing", Error::notFound("No such campaign"))});
            QCOMPARE(outcomes.at("marketing").status, SourceStatus::Error);
            QCOMPARE(outcomes.at("marketing").error.code, ErrorCode::NotFound);
        }
        QCOMPARE(breakerState(aggregator, "marketing"), CircuitState::Closed);
    }

    void theCircuitHalfOpensAfterTheCoolDownAndClosesOnSuccess()
    {
        Aggregator& aggregator = make({.breaker = {.failureThreshold = 3, .coolDown = 10s}});
        auto probe = std::make_shared<Probe>();
        probe->healthy = false;
        failUntilOpen(aggregator, probed("commissions", probe), 3);

        probe->healthy = true;
        m_clock.advance(9999ms);
        QCOMPARE(aggregator.run({probed("commissions", probe)}).at("commissions").status, SourceStatus::Error);
        QCOMPARE(probe->calls.load(), 3);

        m_clock.advance(1ms);
        QCOMPARE(aggregator.run({probed("commissions", probe)}).at("commissions").status, SourceStatus::Ok);
        QCOMPARE(probe->calls.load(), 4);
        QCOMPARE(breakerState(aggregator, "commissions"), CircuitState::Closed);
        QCOMPARE(aggregator.run({probed("commissions", probe)}).at("commissions").status, SourceStatus::Ok);
        QCOMPARE(probe->calls.load(), 5);
    }

    void aFailedTrialOpensTheCircuitForAnotherCoolDown()
    {
        Aggregator& aggregator = make({.breaker = {.failureThreshold = 1, .coolDown = 10s}});
        auto probe = std::make_shared<Probe>();
        probe->healthy = false;
        failUntilOpen(aggregator, probed("affiliates", probe), 1);
        m_clock.advance(10s);
        QCOMPARE(aggregator.run({probed("affiliates", probe)}).at("affiliates").status, SourceStatus::Error);
        QCOMPARE(probe->calls.load(), 2);
        QCOMPARE(breakerState(aggregator, "affiliates"), CircuitState::Open);
        m_clock.advance(5s);
        (void)aggregator.run({probed("affiliates", probe)});
        QCOMPARE(probe->calls.load(), 2);
    }

    void onlyOneTrialRunsWhileHalfOpen()
    {
        Aggregator& aggregator = make({.breaker = {.failureThreshold = 1, .coolDown = 10s}});
        failUntilOpen(aggregator, answering("tracking", Error::unavailable("down")), 1);
        m_clock.advance(10s);

        auto trialGate = gate();
        std::map<std::string, SourceOutcome, std::less<>> trialOutcomes;
        std::jthread trial([&] { trialOutcomes = aggregator.run({gated("tracking", trialGate, 60s)}); });
        const auto openOnEarlyReturn = qScopeGuard([&] { trialGate->open(); });  // before the join
        QTRY_COMPARE(trialGate->entered.load(), 1);
        QCOMPARE(breakerState(aggregator, "tracking"), CircuitState::HalfOpen);

        auto probe = std::make_shared<Probe>();
        const auto refused = aggregator.run({probed("tracking", probe)});
        QCOMPARE(refused.at("tracking").status, SourceStatus::Error);
        QCOMPARE(probe->calls.load(), 0);

        trialGate->open();
        trial.join();
        QCOMPARE(trialOutcomes.at("tracking").status, SourceStatus::Ok);
        QCOMPARE(breakerState(aggregator, "tracking"), CircuitState::Closed);
    }

    void aSaturatedPoolRefusesAtOnceInsteadOfQueueing()
    {
        Aggregator& aggregator = make({.threads = 1, .maxQueued = 1});
        auto blocker = gate();
        runUntilStarted(aggregator, gated("marketing", blocker, 50ms));
        QTRY_COMPARE(blocker->entered.load(), 1);  // the only thread is now busy

        auto queued = std::make_shared<Probe>();
        auto refused = std::make_shared<Probe>();
        const auto outcomes = aggregator.run({probed("tracking", queued, 50ms), probed("commissions", refused, 50ms)});
        QCOMPARE(outcomes.at("tracking").status, SourceStatus::Timeout);
        QCOMPARE(outcomes.at("tracking").error.message,
                 std::string("tracking was not called in time: the server is busy"));
        QCOMPARE(outcomes.at("commissions").status, SourceStatus::Error);
        QCOMPARE(outcomes.at("commissions").error.message,
                 std::string("commissions was not called: the server is busy"));

        blocker->open();
        // Refused while the abandoned "tracking" task still holds the queue's one place; once it
        // runs, the thread has skipped that task (one thread, first in first out).
        QTRY_COMPARE(aggregator.run({answering("sagas", nlohmann::json::object(), 60s)}).at("sagas").status,
                     SourceStatus::Ok);
        QCOMPARE(queued->calls.load(), 0);
        QCOMPARE(refused->calls.load(), 0);
        // Our pool being busy says nothing about the sources' health.
        for (const Aggregator::BreakerSnapshot& breaker : aggregator.breakers()) {
            QCOMPARE(breaker.state, CircuitState::Closed);
            QCOMPARE(breaker.consecutiveFailures, breaker.source == "marketing" ? 1 : 0);
        }
    }

    void aLateCallFinishesSafelyAfterItsCallerLeft()
    {
        Aggregator& aggregator = make({.threads = 1});
        auto late = gate();
        runUntilStarted(aggregator, gated("tracking", late, 50ms));
        QTRY_COMPARE(late->entered.load(), 1);
        late->open();
        // The late call writes its result into state it shares with its task, not into the caller's frame;
        // the next call on the only thread runs after it (checked under ASan in CI).
        QCOMPARE(aggregator.run({answering("marketing", nlohmann::json::object(), 60s)}).at("marketing").status,
                 SourceStatus::Ok);
    }

    void destroyingTheAggregatorWithCallsInFlightIsSafeAndCutsInjectedDelays()
    {
        Aggregator& aggregator = make({.threads = 3, .maxQueued = 4});
        aggregator.faults().set("sagas", {.delay = 5s});
        auto blocked = gate();
        runUntilStarted(aggregator, answering("sagas", nlohmann::json::object(), 50ms));
        runUntilStarted(aggregator, gated("tracking", blocked, 50ms));
        QTRY_COMPARE(blocked->entered.load(), 1);
        // A third call finishes late too; its task still owns its state when the pool is stopped.
        const auto outcomes = aggregator.run({gated("marketing", blocked, 20ms)});
        QCOMPARE(outcomes.at("marketing").status, SourceStatus::Timeout);

        // The destructor waits for the real call in flight (released from another thread) and cuts
        // the injected 5 s delay short.
        std::thread releaser([blocked] {
            std::this_thread::sleep_for(100ms);
            blocked->open();
        });
        const auto begin = std::chrono::steady_clock::now();
        m_aggregator.reset();
        const auto took = std::chrono::steady_clock::now() - begin;
        releaser.join();
        QVERIFY(took < 4s);
    }

    void breakersAreListedForMetrics()
    {
        Aggregator& aggregator = make({.breaker = {.failureThreshold = 1, .coolDown = 10s}});
        QVERIFY(aggregator.breakers().empty());
        (void)aggregator.run({answering("marketing", nlohmann::json::object()),
                              answering("tracking", Error::unavailable("down"))});
        const auto breakers = aggregator.breakers();
        QCOMPARE(breakers.size(), std::size_t(2));
        QCOMPARE(breakers[0].source, std::string("marketing"));
        QCOMPARE(breakers[0].state, CircuitState::Closed);
        QCOMPARE(breakers[1].source, std::string("tracking"));
        QCOMPARE(breakers[1].state, CircuitState::Open);
        QCOMPARE(breakers[1].consecutiveFailures, 1);
    }

    void namesItsStatuses()
    {
        QCOMPARE(sourceStatusName(SourceStatus::Ok), std::string_view("ok"));
        QCOMPARE(sourceStatusName(SourceStatus::Timeout), std::string_view("timeout"));
        QCOMPARE(sourceStatusName(SourceStatus::Error), std::string_view("error"));
    }
};

QTEST_APPLESS_MAIN(TestAggregator)
#include "tst_aggregator.moc"
