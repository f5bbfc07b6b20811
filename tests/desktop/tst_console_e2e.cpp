#include "desktop/app/console_app.h"
#include "desktop/app/console_settings.h"
#include "desktop/app/embedded_demo_server.h"
#include "desktop/charts/live_rate_chart.h"
#include "desktop/charts/saga_timeline_view.h"
#include "desktop/models/display_format.h"
#include "desktop/models/saga_table_model.h"
#include "desktop/net/live_stream.h"
#include "desktop/net/sse_reader.h"
#include "desktop/ui/console_page.h"
#include "desktop/ui/dialogs/connect_dialog.h"
#include "desktop/ui/main_window.h"
#include "desktop/ui/pages/dashboard_page.h"
#include "desktop/ui/pages/live_page.h"
#include "desktop/ui/pages/sagas_page.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace alpes;
using namespace alpes::console;

namespace {

// Generous: the demo engine seeds its world and starts its simulator on a machine that may be
// busy with other builds. The test waits for states, never for a time.
constexpr int kTimeoutMs = 25000;

enum Page { Dashboard, Campaigns, Partners, Live, Sagas, Commissions };

bool chartHasPoints(const LiveRateChart& chart)
{
    for (const auto& [type, wire] : domain::kInteractionTypes.entries)
        if (chart.pointCount(type) > 0)
            return true;
    return false;
}

// What "shows live data" means for each page: something the server sent is on it.
QStringList pagesWithoutData(MainWindow& window)
{
    const QStringList titles = window.pageTitles();
    QStringList empty;
    for (int i = 0; i < window.pageCount(); ++i) {
        bool hasData = false;
        if (i == Dashboard) {
            auto* dashboard = qobject_cast<DashboardPage*>(window.page(i));
            // Tiles start as "–" until the dashboard answers.
            hasData = chartHasPoints(*dashboard->chart()) &&
                      dashboard->tileValue(QStringLiteral("activeCampaigns")).toInt() > 0 &&
                      QLocale().toLongLong(dashboard->tileValue(QStringLiteral("today"))) > 0;
        } else if (i == Live) {
            auto* live = qobject_cast<LivePage*>(window.page(i));
            hasData = chartHasPoints(*live->chart()) && live->exportModel()->rowCount() > 0;
        } else {
            hasData = window.page(i)->exportModel()->rowCount() > 0;
        }
        if (!hasData)
            empty << titles[i];
    }
    return empty;
}

// The row of the sagas table (as the view shows it) of a saga in `state`, if one is listed.
QModelIndex rowInState(const QTableView& view, dto::SagaState state)
{
    const QAbstractItemModel* model = view.model();
    const QString wanted = wireText(dto::kSagaStates.name(state));
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, SagaTableModel::State).data().toString() == wanted)
            return model->index(row, 0);
    return {};
}

}  // namespace

// The console against the real demo engine, in-process, as a user starts it: "Demo mode
// (offline)" on the connect dialog, then every page fills from the server and the stream.
class TestConsoleEndToEnd : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theDemoFillsEveryPageStreamsTheChartsAndShowsACompensation()
    {
        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("e2e.ini")));
        EmbeddedDemoServer demo;  // outlives the console that talks to it
        ConsoleApp console(*qApp, settings, ConsoleOptions{});
        console.setDemoServer(&demo);
        QSignalSpy signedIn(&console, &ConsoleApp::signedIn);
        console.start();
        QVERIFY(console.connectDialog() && console.connectDialog()->isVisible());

        QPushButton* demoButton = nullptr;
        for (QPushButton* button : console.connectDialog()->findChildren<QPushButton*>())
            if (button->text() == QStringLiteral("Demo mode (offline)"))
                demoButton = button;
        QVERIFY(demoButton);
        QElapsedTimer sinceDemo;
        sinceDemo.start();
        QTest::mouseClick(demoButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, kTimeoutMs);
        const qint64 serverUp = sinceDemo.elapsed();
        MainWindow& window = console.mainWindow();
        QVERIFY(window.isVisible());
        QVERIFY(!console.connectDialog() || !console.connectDialog()->isVisible());

        // (c) Issue 7: live data on every page. Measured from the click and from sign-in; the
        // bound asserted is the generous timeout (see the report in docs/console.md).
        QTRY_VERIFY2_WITH_TIMEOUT(pagesWithoutData(window).isEmpty(),
                                  qPrintable(QStringLiteral("no data on: ") + pagesWithoutData(window).join(u", ")),
                                  kTimeoutMs);
        qInfo("demo mode: server up and signed in after %lld ms, every page with data after %lld ms (%lld ms after "
              "sign-in)",
              serverUp, sinceDemo.elapsed(), sinceDemo.elapsed() - serverUp);

        // (a) The dashboard chart's points came from the stream: the stream delivered events and
        // the chart holds seconds no REST answer fills.
        QVERIFY(console.liveStream().lastUpdate().isValid());
        auto* dashboard = qobject_cast<DashboardPage*>(window.page(Dashboard));
        QVERIFY(dashboard->chart()->buffer().latestSecond() > 0);

        // (b) A compensated saga, chosen in the Sagas table as a user would, shows compensation
        // steps on its timeline.
        QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(window.currentPageIndex(), static_cast<int>(Sagas));
        auto* view = window.page(Sagas)->findChild<QTableView*>();
        auto* timeline = window.page(Sagas)->findChild<SagaTimelineView*>();
        QVERIFY(view && timeline);
        QTRY_VERIFY_WITH_TIMEOUT(rowInState(*view, dto::SagaState::Compensated).isValid(), kTimeoutMs);
        view->setCurrentIndex(rowInState(*view, dto::SagaState::Compensated));
        const auto compensations = [timeline] {
            int count = 0;
            for (const auto& step : timeline->drawnSteps())
                count += step.compensation ? 1 : 0;
            return count;
        };
        QTRY_VERIFY_WITH_TIMEOUT(compensations() > 0, kTimeoutMs);
        QVERIFY(timeline->timeline().title.contains(wireText(dto::kSagaStates.name(dto::SagaState::Compensated))));
        // The stream follows that saga's steps alone.
        auto* sagas = qobject_cast<SagasPage*>(window.page(Sagas));
        QVERIFY(!sagas->shownSagaId().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(console.streamReader().sagaId(), sagas->shownSagaId(), kTimeoutMs);
        QVERIFY(console.streamReader().topics().contains(QStringLiteral("sagas")));

        // (d) A reserved saga flagged as fraud with "Flag as fraud…" as a user would: its
        // compensation steps arrive live on the stream, which now follows that saga.
        QTRY_VERIFY_WITH_TIMEOUT(rowInState(*view, dto::SagaState::Reserved).isValid(), kTimeoutMs);
        view->setCurrentIndex(rowInState(*view, dto::SagaState::Reserved));
        const QString reserved = wireText(dto::kSagaStates.name(dto::SagaState::Reserved));
        QTRY_VERIFY_WITH_TIMEOUT(timeline->timeline().title.contains(reserved), kTimeoutMs);
        const QString flagged = sagas->shownSagaId();
        QTRY_COMPARE_WITH_TIMEOUT(console.streamReader().sagaId(), flagged, kTimeoutMs);
        int streamedCompensations = 0;
        connect(&console.liveStream(), &LiveStream::stepChange, this, [&](const dto::StepChange& change) {
            if (qs(change.sagaId.str()) == flagged && change.kind == dto::StepKind::Compensation)
                ++streamedCompensations;
        });
        QPushButton* fraud = nullptr;
        for (QPushButton* button : sagas->findChildren<QPushButton*>())
            if (button->text() == QStringLiteral("Flag as fraud…"))
                fraud = button;
        QVERIFY(fraud && fraud->isEnabled());
        QTest::mouseClick(fraud, Qt::LeftButton);
        auto* reason = sagas->findChild<QInputDialog*>();
        QVERIFY(reason);
        reason->setTextValue(QStringLiteral("e2e"));
        reason->accept();
        QTRY_VERIFY_WITH_TIMEOUT(streamedCompensations > 0, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(compensations() > 0, kTimeoutMs);

        // No saga steps once the page is left.
        window.showPage(Dashboard);
        QCOMPARE(console.streamReader().sagaId(), QString());
        QVERIFY(!console.streamReader().topics().contains(QStringLiteral("sagas")));
    }
};

QTEST_MAIN(TestConsoleEndToEnd)
#include "tst_console_e2e.moc"
