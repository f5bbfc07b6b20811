#include "desktop/ui/main_window.h"

#include <QLabel>
#include <QtTest>

using namespace alpes::console;

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsWhichServerItWillUse()
    {
        MainWindow window(QUrl(QStringLiteral("http://127.0.0.1:8080")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Alpes Partners"));
        bool mentionsServer = false;
        for (const QLabel* label : window.findChildren<QLabel*>())
            mentionsServer = mentionsServer || label->text().contains(QStringLiteral("http://127.0.0.1:8080"));
        QVERIFY(mentionsServer);
    }

    void saysWhenNoServerWasChosen()
    {
        MainWindow window(std::nullopt);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        bool explains = false;
        for (const QLabel* label : window.findChildren<QLabel*>())
            explains = explains || label->text().contains(QStringLiteral("--server"));
        QVERIFY(explains);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
