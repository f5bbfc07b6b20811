#include "desktop/app/console_app.h"
#include "desktop/app/console_settings.h"
#include "desktop/app/theme.h"
#include "desktop/charts/live_rate_chart.h"
#include "desktop/models/affiliate_table_model.h"
#include "desktop/net/live_stream.h"
#include "desktop/net/sse_reader.h"
#include "desktop/ui/console_page.h"
#include "desktop/ui/dialogs/connect_dialog.h"
#include "desktop/ui/main_window.h"
#include "desktop/ui/pages/dashboard_page.h"
#include "desktop/ui/pages/live_page.h"
#include "desktop/ui/widgets/connection_banner.h"
#include "desktop/ui/widgets/status_panel.h"

#include <QApplication>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace alpes::console;

class TestConsoleWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<ConsoleSettings> freshSettings(const QString& name)
    {
        return std::make_unique<ConsoleSettings>(m_dir.filePath(name + QStringLiteral(".ini")));
    }

private Q_SLOTS:
    void visitsEveryPageFromTheSidebarAndTheShortcuts()
    {
        auto settings = freshSettings(QStringLiteral("pages"));
        ConsoleApp app(*qApp, *settings, ConsoleOptions{});
        MainWindow& window = app.mainWindow();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.pageTitles(), (QStringList{QStringLiteral("Dashboard"), QStringLiteral("Campaigns"),
                                                    QStringLiteral("Partners"), QStringLiteral("Live"),
                                                    QStringLiteral("Sagas"), QStringLiteral("Commissions")}));
        for (int i = 0; i < window.pageCount(); ++i) {
            QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + i), Qt::ControlModifier);
            QCOMPARE(window.currentPageIndex(), i);
            QVERIFY(window.page(i)->isVisible());
            const QImage image = window.grab().toImage();
            QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
        }
    }

    void showsAPageStatusNoteOnlyWhileThatPageIsCurrent()
    {
        auto settings = freshSettings(QStringLiteral("status"));
        ConsoleApp app(*qApp, *settings, ConsoleOptions{});
        MainWindow& window = app.mainWindow();
        QStatusBar* bar = window.statusBar();
        ConsolePage* partners = window.page(2);
        ConsolePage* commissions = window.page(5);
        window.showPage(2);
        // The commissions page reloads in the background (the stream made it stale).
        Q_EMIT commissions->statusMessage(QStringLiteral("Commissions loaded: 16"));
        QCOMPARE(bar->currentMessage(), QString());
        Q_EMIT partners->statusMessage(QStringLiteral("Partners loaded: 3"));
        QCOMPARE(bar->currentMessage(), QStringLiteral("Partners loaded: 3"));
        window.showPage(5);
        QCOMPARE(bar->currentMessage(), QString());
        Q_EMIT commissions->statusMessage(QStringLiteral("Commissions loaded: 16"));
        QCOMPARE(bar->currentMessage(), QStringLiteral("Commissions loaded: 16"));
    }

    void asksTheStreamForNoSagaStepsUntilTheSagasPageShowsASaga()
    {
        // The steps of the saga shown are asked for then (console.e2e, against a real server).
        auto settings = freshSettings(QStringLiteral("topics"));
        ConsoleApp app(*qApp, *settings, ConsoleOptions{});
        MainWindow& window = app.mainWindow();
        const QStringList ticks{QStringLiteral("interactions"), QStringLiteral("kpis")};
        window.showPage(1);
        QCOMPARE(app.streamReader().topics(), ticks);
        window.showPage(4);  // Sagas, with no saga on its timeline yet
        QCOMPARE(app.streamReader().topics(), ticks);
        QCOMPARE(app.streamReader().sagaId(), QString());
    }

    void opensThePartnersTableSortedByNameFromAToZ()
    {
        auto settings = freshSettings(QStringLiteral("partners"));
        ConsoleApp app(*qApp, *settings, ConsoleOptions{});
        const auto* proxy = qobject_cast<const QSortFilterProxyModel*>(app.mainWindow().page(2)->exportModel());
        QVERIFY(proxy);
        auto* model = dynamic_cast<AffiliateTableModel*>(proxy->sourceModel());
        QVERIFY(model);
        std::vector<alpes::dto::Affiliate> partners;
        for (const char* name : {"Marta", "Zoe", "Ana"}) {
            alpes::dto::Affiliate partner;
            partner.id = alpes::AffiliateId(std::string("a-") + name);
            partner.name = name;
            partners.push_back(partner);
        }
        model->setRecords(std::move(partners));
        QStringList names;
        for (int row = 0; row < proxy->rowCount(); ++row)
            names << proxy->index(row, AffiliateTableModel::Name).data().toString();
        QCOMPARE(names, (QStringList{QStringLiteral("Ana"), QStringLiteral("Marta"), QStringLiteral("Zoe")}));
    }

    void startsOnTheConnectDialogWithoutASessionAndExplainsAnUnreachableServer()
    {
        auto settings = freshSettings(QStringLiteral("connect"));
        ConsoleApp app(*qApp, *settings, ConsoleOptions{});
        app.start();
        QVERIFY(app.connectDialog());
        QVERIFY(app.connectDialog()->isVisible());
        // Port 1 on loopback refuses at once: nothing listens there.
        app.signIn(QUrl(QStringLiteral("http://127.0.0.1:1")), QStringLiteral("manager"), QStringLiteral("demo"));
        QTRY_VERIFY(!app.connectDialog()->errorText().isEmpty());
        QVERIFY(app.connectDialog()->errorText().contains(QStringLiteral("cannot be reached")));
        QVERIFY(settings->token.get().isEmpty());
        QVERIFY(!app.mainWindow().banner()->isHidden());
        QVERIFY(app.mainWindow().banner()->text().contains(QStringLiteral("last that arrived")));
        QCOMPARE(app.mainWindow().statusPanel()->connectionText(), QStringLiteral("Disconnected"));
    }

    void saysDemoModeIsMissingWhenTheBuildHasNone()
    {
        auto settings = freshSettings(QStringLiteral("demo"));
        ConsoleOptions options;
        options.demo = true;
        ConsoleApp app(*qApp, *settings, options);
        app.start();
        QVERIFY(app.connectDialog());
        QVERIFY(app.connectDialog()->errorText().contains(QStringLiteral("Demo mode")));
    }

    void switchesBetweenLightAndDarkThemes()
    {
        auto settings = freshSettings(QStringLiteral("theme"));
        ConsoleApp app(*qApp, *settings, ConsoleOptions{});
        app.applyTheme(ThemeChoice::Dark);
        QVERIFY(isDarkPalette(QApplication::palette()));
        QTRY_VERIFY(isDarkPalette(app.mainWindow().palette()));
        app.applyTheme(ThemeChoice::Light);
        QVERIFY(!isDarkPalette(QApplication::palette()));
        QTRY_VERIFY(!isDarkPalette(app.mainWindow().palette()));
    }

    void feedsTheDashboardAndLiveChartsFromTheStream()
    {
        auto settings = freshSettings(QStringLiteral("stream"));
        ConsoleApp app(*qApp, *settings, ConsoleOptions{});
        auto* dashboard = qobject_cast<DashboardPage*>(app.mainWindow().page(0));
        auto* live = qobject_cast<LivePage*>(app.mainWindow().page(3));
        QVERIFY(dashboard && live);
        for (int second = 0; second < 5; ++second) {
            const QByteArray data = QStringLiteral(
                "{\"at\":\"2026-11-22T18:00:0%1.000Z\",\"counts\":[{\"campaignId\":\"c-1\",\"type\":\"click\",\"count\":%2},"
                "{\"campaignId\":\"c-2\",\"type\":\"view\",\"count\":40}],\"recent\":[]}")
                                        .arg(second)
                                        .arg(second + 1)
                                        .toUtf8();
            app.liveStream().handle({QString::number(second), QStringLiteral("interactions"), data});
        }
        // A degraded answer: tracking timed out, so its part is null.
        alpes::dto::Dashboard kpis;
        kpis.activeCampaigns = 4;
        kpis.sagas = {{{alpes::dto::SagaState::Completed, 7}, {alpes::dto::SagaState::Compensated, 2}}};
        kpis.sources = {{"tracking", "timeout"}, {"sagas", "ok"}};
        app.liveStream().handle(
            {QStringLiteral("9"), QStringLiteral("kpis"), QByteArray::fromStdString(alpes::dto::toJson(kpis).dump())});
        dashboard->chart()->redraw();
        live->chart()->redraw();
        QCOMPARE(dashboard->chart()->pointCount(alpes::domain::InteractionType::Click), 5);
        QCOMPARE(live->chart()->pointCount(alpes::domain::InteractionType::View), 5);
        QCOMPARE(app.liveStream().eventsPerSecond(), 45);
        QCOMPARE(dashboard->tileValue(QStringLiteral("activeCampaigns")), QStringLiteral("4"));
        QCOMPARE(dashboard->tileValue(QStringLiteral("sagas_compensated")), QStringLiteral("2"));
        const auto* degraded = dashboard->findChild<QLabel*>(QStringLiteral("degraded"));
        QVERIFY(degraded && !degraded->isHidden());
        QVERIFY(degraded->text().contains(QStringLiteral("tracking: timeout")));
        QVERIFY(!degraded->text().contains(QStringLiteral("sagas")));
    }

    void decodesASagaEventIntoAStepChangeAndDropsAMalformedOne()
    {
        auto settings = freshSettings(QStringLiteral("saga"));
        ConsoleApp app(*qApp, *settings, ConsoleOptions{});
        std::vector<alpes::dto::StepChange> received;
        connect(&app.liveStream(), &LiveStream::stepChange, this,
                [&received](const alpes::dto::StepChange& change) { received.push_back(change); });
        const alpes::dto::StepChange change{alpes::SagaId("s-1"), alpes::dto::StepName::ReserveCommission,
                                            alpes::dto::StepState::Done,
                                            alpes::parseRfc3339("2026-11-22T18:00:00.000Z").value(),
                                            alpes::dto::StepKind::Action, alpes::dto::SagaState::Started};
        app.liveStream().handle(
            {QStringLiteral("1"), QStringLiteral("saga"), QByteArray::fromStdString(alpes::dto::toJson(change).dump())});
        app.liveStream().handle({QStringLiteral("2"), QStringLiteral("saga"),
                                 QByteArrayLiteral("{\"sagaId\":\"s-2\",\"step\":\"dance\"}")});
        QCOMPARE(received.size(), size_t{1});
        QVERIFY(received.front() == change);
    }

    void remembersTheWindowGeometry()
    {
        auto settings = freshSettings(QStringLiteral("geometry"));
        {
            ConsoleApp app(*qApp, *settings, ConsoleOptions{});
            app.mainWindow().show();
            QVERIFY(QTest::qWaitForWindowExposed(&app.mainWindow()));
            app.mainWindow().resize(1100, 700);
            app.mainWindow().close();
        }
        QVERIFY(!settings->windowGeometry.get().isEmpty());
        ConsoleApp again(*qApp, *settings, ConsoleOptions{});
        again.mainWindow().restoreGeometryFromSettings();
        QCOMPARE(again.mainWindow().size(), QSize(1100, 700));
    }
};

QTEST_MAIN(TestConsoleWindow)
#include "tst_console_window.moc"
