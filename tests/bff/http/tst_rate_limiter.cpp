#include "bff/http/rate_limiter.h"
#include "tests/support/test_clock.h"

#include <QtTest>

#include <atomic>
#include <thread>

using namespace alpes;
using namespace alpes::http;
using namespace std::chrono_literals;

class TestRateLimiter : public QObject {
    Q_OBJECT

private:
    testing::TestClock m_clock{fromEpochMillis(1'795'000'000'000)};

    // How many requests in a row `key` may make right now.
    static int admittedInARow(RateLimiter& limiter, std::string_view key, int atMost = 1000)
    {
        int admitted = 0;
        while (admitted < atMost && limiter.admit(key).allowed)
            ++admitted;
        return admitted;
    }

private Q_SLOTS:
    void allowsTheBurstThenRefusesWithRetryAfter()
    {
        RateLimiter limiter({.ratePerSecond = 1, .burst = 3, .maxKeys = 10}, m_clock);
        for (int i = 0; i < 3; ++i) {
            const RateLimiter::Decision decision = limiter.admit("ip:10.0.0.1");
            QVERIFY(decision.allowed);
            QCOMPARE(decision.retryAfter, 0s);
        }
        const RateLimiter::Decision refused = limiter.admit("ip:10.0.0.1");
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retryAfter, 1s);
    }

    void retryAfterIsTheWaitRoundedUpToWholeSeconds()
    {
        RateLimiter limiter({.ratePerSecond = 0.1, .burst = 1, .maxKeys = 10}, m_clock);  // one per 10 s
        QVERIFY(limiter.admit("k").allowed);
        QCOMPARE(limiter.admit("k").retryAfter, 10s);
        m_clock.advance(4500ms);
        QCOMPARE(limiter.admit("k").retryAfter, 6s);  // 5.5 s left
        m_clock.advance(5499ms);
        const RateLimiter::Decision lastMillisecond = limiter.admit("k");
        QVERIFY(!lastMillisecond.allowed);
        QCOMPARE(lastMillisecond.retryAfter, 1s);  // never 0 when refused
        m_clock.advance(1ms);
        QVERIFY(limiter.admit("k").allowed);
    }

    void refusedRequestsDoNotPostponeTheNextAllowedOne()
    {
        RateLimiter limiter({.ratePerSecond = 1, .burst = 1, .maxKeys = 10}, m_clock);
        QVERIFY(limiter.admit("k").allowed);
        for (int i = 0; i < 50; ++i)
            QVERIFY(!limiter.admit("k").allowed);
        m_clock.advance(1s);
        QVERIFY(limiter.admit("k").allowed);
    }

    void refillsAtTheRateUpToTheBurst()
    {
        RateLimiter limiter({.ratePerSecond = 2, .burst = 4, .maxKeys = 10}, m_clock);
        QCOMPARE(admittedInARow(limiter, "k"), 4);
        m_clock.advance(500ms);
        QCOMPARE(admittedInARow(limiter, "k"), 1);
        m_clock.advance(1500ms);
        QCOMPARE(admittedInARow(limiter, "k"), 3);
        m_clock.advance(1h);
        QCOMPARE(admittedInARow(limiter, "k"), 4);  // a long pause never gives more than the burst
    }

    void keysAreIndependent()
    {
        RateLimiter limiter({.ratePerSecond = 1, .burst = 5, .maxKeys = 1000}, m_clock);
        QCOMPARE(admittedInARow(limiter, "ip:10.0.0.1"), 5);
        QCOMPARE(admittedInARow(limiter, "ip:10.0.0.2"), 5);
        QCOMPARE(admittedInARow(limiter, "token:ab12"), 5);
        QVERIFY(!limiter.admit("ip:10.0.0.1").allowed);
        QCOMPARE(limiter.keyCount(), std::size_t(3));
    }

    void memoryStaysBoundedWhenKeysRotate()
    {
        RateLimiter limiter({.ratePerSecond = 1, .burst = 2, .maxKeys = 100}, m_clock);
        for (int i = 0; i < 20'000; ++i) {
            QVERIFY(limiter.admit("ip:10." + std::to_string(i / 65536) + "." + std::to_string(i / 256 % 256) + "."
                                  + std::to_string(i % 256))
                        .allowed);
            QVERIFY(limiter.keyCount() <= 100);
        }
        QCOMPARE(limiter.keyCount(), std::size_t(100));
    }

    void theLeastRecentlyUsedKeyIsForgottenFirst()
    {
        RateLimiter limiter({.ratePerSecond = 1, .burst = 2, .maxKeys = 1}, m_clock);
        QCOMPARE(admittedInARow(limiter, "a"), 2);
        QVERIFY(limiter.admit("b").allowed);  // the table is full: "a" goes
        QCOMPARE(limiter.keyCount(), std::size_t(1));
        QCOMPARE(admittedInARow(limiter, "a"), 2);  // remembered afresh, with a whole burst
    }

    void aClockSteppingBackDoesNotAdmitMore()
    {
        RateLimiter limiter({.ratePerSecond = 1, .burst = 2, .maxKeys = 10}, m_clock);
        QCOMPARE(admittedInARow(limiter, "k"), 2);
        m_clock.advance(-1h);
        QVERIFY(!limiter.admit("k").allowed);
    }

    void concurrentCallersShareOneBucketExactly()
    {
        RateLimiter limiter({.ratePerSecond = 0.001, .burst = 100, .maxKeys = 100}, m_clock);
        std::atomic<int> admitted{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 1000; ++i)
                    if (limiter.admit("token:shared").allowed)
                        ++admitted;
            });
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(admitted.load(), 100);
    }
};

QTEST_APPLESS_MAIN(TestRateLimiter)
#include "tst_rate_limiter.moc"
