#include "desktop/app/console_app.h"
#include "desktop/app/console_settings.h"
#include "desktop/app/translations.h"
#include "desktop/models/display_format.h"
#include "desktop/ui/dialogs/connect_dialog.h"
#include "desktop/ui/main_window.h"

#include <QApplication>
#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace alpes::console;

// Spanish is chosen at start (before any widget exists), so this test has its own process.
class TestConsoleSpanish : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(installTranslations(*qApp, QStringLiteral("es"))); }

    void showsThePagesMenusAndStatesInSpanish()
    {
        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("es.ini")));
        ConsoleApp app(*qApp, settings, ConsoleOptions{});
        QCOMPARE(app.mainWindow().pageTitles(),
                 (QStringList{QStringLiteral("Panel"), QStringLiteral("Campañas"), QStringLiteral("Socios"),
                              QStringLiteral("En vivo"), QStringLiteral("Sagas"), QStringLiteral("Comisiones")}));
        QCOMPARE(wireText("compensated"), QStringLiteral("Compensada"));
        app.start();
        QVERIFY(app.connectDialog());
        bool demoButton = false;
        for (const QPushButton* button : app.connectDialog()->findChildren<QPushButton*>())
            demoButton = demoButton || button->text() == QStringLiteral("Modo demo (sin conexión)");
        QVERIFY(demoButton);
    }

    void leavesNoSpanishStringUnfinished()
    {
        QFile ts(QStringLiteral(ALPES_SOURCE_DIR "/desktop/translations/alpes_console_es.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QByteArray text = ts.readAll();
        QVERIFY(text.contains("<source>"));
        QCOMPARE(text.count("type=\"unfinished\""), 0);
    }
};

QTEST_MAIN(TestConsoleSpanish)
#include "tst_console_spanish.moc"
