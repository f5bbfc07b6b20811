#include "bff/api/circuit_breaker.h"
#include "tests/bff/api/api_test_printing.h"
#include "tests/support/test_clock.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::api;
using namespace std::chrono_literals;

class TestCircuitBreaker : public QObject {
    Q_OBJECT

private:
    testing::TestClock m_clock{fromEpochMillis(1'795'000'000'000)};

    void fail(CircuitBreaker& breaker, int times)
    {
        for (int i = 0; i < times; ++i) {
            const auto permit = breaker.tryAcquire(m_clock.now());
            QVERIFY(permit);
            breaker.recordFailure(*permit, m_clock.now());
        }
    }

private Q_SLOTS:
    void opensAfterTheThresholdOfConsecutiveFailures()
    {
        CircuitBreaker breaker({.failureThreshold = 3, .coolDown = 10s});
        fail(breaker, 2);
        QCOMPARE(breaker.state(), CircuitState::Closed);
        QCOMPARE(breaker.consecutiveFailures(), 2);
        fail(breaker, 1);
        QCOMPARE(breaker.state(), CircuitState::Open);
        QVERIFY(!breaker.tryAcquire(m_clock.now()));
    }

    void aSuccessResetsTheCount()
    {
        CircuitBreaker breaker({.failureThreshold = 3, .coolDown = 10s});
        fail(breaker, 2);
        breaker.recordSuccess(*breaker.tryAcquire(m_clock.now()));
        QCOMPARE(breaker.consecutiveFailures(), 0);
        fail(breaker, 2);
        QCOMPARE(breaker.state(), CircuitState::Closed);
    }

    void letsOneTrialThroughAfterTheCoolDown()
    {
        CircuitBreaker breaker({.failureThreshold = 1, .coolDown = 10s});
        fail(breaker, 1);
        m_clock.advance(9999ms);
        QVERIFY(!breaker.tryAcquire(m_clock.now()));
        m_clock.advance(1ms);
        const auto trial = breaker.tryAcquire(m_clock.now());
        QVERIFY(trial && trial->trial);
        QCOMPARE(breaker.state(), CircuitState::HalfOpen);
        QVERIFY(!breaker.tryAcquire(m_clock.now()));  // one trial at a time
        breaker.recordSuccess(*trial);
        QCOMPARE(breaker.state(), CircuitState::Closed);
        QVERIFY(breaker.tryAcquire(m_clock.now()));
    }

    void aFailedTrialOpensForAnotherCoolDown()
    {
        CircuitBreaker breaker({.failureThreshold = 1, .coolDown = 10s});
        fail(breaker, 1);
        m_clock.advance(10s);
        breaker.recordFailure(*breaker.tryAcquire(m_clock.now()), m_clock.now());
        QCOMPARE(breaker.state(), CircuitState::Open);
        m_clock.advance(9s);
        QVERIFY(!breaker.tryAcquire(m_clock.now()));
        m_clock.advance(1s);
        QVERIFY(breaker.tryAcquire(m_clock.now()));
    }

    void aReleasedTrialLetsTheNextCallTry()
    {
        CircuitBreaker breaker({.failureThreshold = 1, .coolDown = 10s});
        fail(breaker, 1);
        m_clock.advance(10s);
        breaker.release(*breaker.tryAcquire(m_clock.now()));
        QCOMPARE(breaker.state(), CircuitState::HalfOpen);
        QVERIFY(breaker.tryAcquire(m_clock.now()));
    }

    void lateOutcomesOfCallsFromBeforeTheCircuitOpenedAreIgnored()
    {
        CircuitBreaker breaker({.failureThreshold = 1, .coolDown = 10s});
        const auto early = breaker.tryAcquire(m_clock.now());
        const auto alsoEarly = breaker.tryAcquire(m_clock.now());
        fail(breaker, 1);
        breaker.recordSuccess(*early);  // must not close the circuit
        QCOMPARE(breaker.state(), CircuitState::Open);
        m_clock.advance(10s);
        const auto trial = breaker.tryAcquire(m_clock.now());
        QVERIFY(trial);
        breaker.recordFailure(*alsoEarly, m_clock.now());  // must not end the trial
        QCOMPARE(breaker.state(), CircuitState::HalfOpen);
        breaker.recordSuccess(*trial);
        QCOMPARE(breaker.state(), CircuitState::Closed);
    }

    void namesItsStates()
    {
        QCOMPARE(circuitStateName(CircuitState::Closed), std::string_view("closed"));
        QCOMPARE(circuitStateName(CircuitState::Open), std::string_view("open"));
        QCOMPARE(circuitStateName(CircuitState::HalfOpen), std::string_view("half-open"));
    }
};

QTEST_APPLESS_MAIN(TestCircuitBreaker)
#include "tst_circuit_breaker.moc"
