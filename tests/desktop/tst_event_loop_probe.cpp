#include "desktop/charts/live_rate_chart.h"
#include "desktop/models/campaign_table_model.h"
#include "desktop/models/table_filter_proxy.h"
#include "desktop/ui/widgets/table_panel.h"

#include <QElapsedTimer>
#include <QTableView>
#include <QtTest>

#include <time.h>

using namespace alpes;
using namespace alpes::console;

namespace {

// CPU time this thread has used so far (user and system), in nanoseconds.
qint64 threadCpuNanos()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

// The budget is 50 ms of UI-thread CPU. Under AddressSanitizer (the asan preset, the
// build CI tests) the same work costs four to six times more than in the plain Debug build: on
// one machine, the same hour, the worst gap measured 17–26 ms in dev and 69–138 ms in asan (its
// allocator and shadow memory weigh on every allocation, Qt's included). The budget scales with
// the build, so work too big for one turn of the event loop fails in either.
#if defined(__SANITIZE_ADDRESS__)
constexpr double kBuildSlowdown = 5.0;
#else
constexpr double kBuildSlowdown = 1.0;
#endif
constexpr double kBudgetMs = 50.0 * kBuildSlowdown;

}  // namespace

// The budget: while a 10,000-row table loads (in the pages the API sends) and the stream
// keeps the live chart busy, the event loop never stalls more than 50 ms. A 5 ms timer probes it.
//
// What is asserted is the UI thread's own CPU time between two probe ticks, not the wall-clock
// gap. A stall our code causes is CPU the UI thread spends without returning to the event loop,
// and that shows in both. But on a loaded machine (CI: 2 cores shared with builds and other
// tests) the scheduler also takes the core away from the UI thread for tens of milliseconds at a
// time; that lengthens the wall-clock gap and no code of ours can prevent it, while the thread's
// CPU clock does not advance while it waits. So the CPU bound fails exactly when a slot, a paint
// or a model update does too much work in one go, whatever the load. The wall-clock gap is logged
// beside it, to be read on an idle machine.
class TestEventLoopProbe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void neverStallsWhileATenThousandRowTableLoadsAndTheStreamFlows()
    {
        CampaignTableModel model;
        TablePanel panel;
        panel.setModel(&model);
        panel.view()->sortByColumn(CampaignTableModel::Budget, Qt::DescendingOrder);
        LiveRateChart chart(LiveRateChart::Style::Stacked, 300);
        panel.resize(1200, 700);
        chart.resize(1200, 300);
        panel.show();
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        int ticks = 0;
        qint64 worstWallMs = 0;
        qint64 worstCpuNanos = 0;
        QElapsedTimer sinceLast;
        sinceLast.start();
        const qint64 cpuAtStart = threadCpuNanos();
        qint64 cpuAtLast = cpuAtStart;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 cpuNow = threadCpuNanos();
            worstCpuNanos = std::max(worstCpuNanos, cpuNow - cpuAtLast);
            cpuAtLast = cpuNow;
            worstWallMs = std::max(worstWallMs, sinceLast.restart());
            ++ticks;
        });
        probe.start();

        constexpr int kPages = 20;
        constexpr int kPageSize = 500;
        int page = 0;
        std::int64_t second = 1'800'000'000;
        QTimer feeder;
        feeder.setInterval(10);
        connect(&feeder, &QTimer::timeout, this, [&] {
            // One tick of the stream (a second's counts for 30 campaigns × 5 types) and one page.
            for (int campaign = 0; campaign < 30; ++campaign)
                for (int type = 0; type < 5; ++type)
                    chart.addCount(second, static_cast<domain::InteractionType>(type), 100 + campaign);
            ++second;
            if (page < kPages) {
                std::vector<dto::Campaign> rows;
                for (int i = 0; i < kPageSize; ++i) {
                    dto::Campaign c;
                    const int n = page * kPageSize + i;
                    c.id = CampaignId("c-" + std::to_string(n));
                    c.name = "Campaign " + std::to_string(n);
                    c.budget = Money::of((n * 7919) % 100000, "USD").value();
                    c.spent = Money::of(0, "USD").value();
                    rows.push_back(std::move(c));
                }
                model.appendRecords(std::move(rows));
                ++page;
            }
        });
        feeder.start();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kPages * kPageSize, 30000);
        QTest::qWait(1200);  // a few chart redraws with the full table on screen
        probe.stop();
        QCOMPARE(panel.proxy()->rowCount(), kPages * kPageSize);

        const double worstCpuMs = static_cast<double>(worstCpuNanos) / 1e6;
        qInfo("probe: %d ticks; worst gap %.1f ms of UI-thread CPU (bound %.0f), %lld ms wall-clock; "
              "UI thread CPU in all %.0f ms",
              ticks, worstCpuMs, kBudgetMs, worstWallMs, static_cast<double>(cpuAtLast - cpuAtStart) / 1e6);
        QVERIFY2(worstCpuMs <= kBudgetMs,
                 qPrintable(QStringLiteral("the UI thread ran %1 ms without returning to the event loop")
                                .arg(worstCpuMs, 0, 'f', 1)));
    }
};

QTEST_MAIN(TestEventLoopProbe)
#include "tst_event_loop_probe.moc"
