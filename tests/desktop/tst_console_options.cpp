#include "desktop/app/console_options.h"

#include <QtTest>

using namespace alpes::console;

class TestConsoleOptions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startsWithoutAServerByDefault()
    {
        const auto line = parseConsoleCommandLine({QStringLiteral("alpes-console")});
        QVERIFY(line.options);
        QVERIFY(!line.options->server);
    }

    void acceptsAnHttpServerUrl()
    {
        const auto line = parseConsoleCommandLine(
            {QStringLiteral("alpes-console"), QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:8080")});
        QVERIFY(line.options);
        QCOMPARE(line.options->server->port(), 8080);
    }

    void acceptsDemoAndHiddenScreenshotDirectoryAndSagaToShow()
    {
        const auto line = parseConsoleCommandLine({QStringLiteral("alpes-console"), QStringLiteral("--demo"),
                                                   QStringLiteral("--screenshot-dir"), QStringLiteral("/tmp/shots"),
                                                   QStringLiteral("--show-saga"), QStringLiteral("s-1")});
        QVERIFY(line.options);
        QVERIFY(line.options->demo);
        QCOMPARE(line.options->screenshotDir, QStringLiteral("/tmp/shots"));
        QCOMPARE(line.options->showSaga, QStringLiteral("s-1"));
        const auto help = parseConsoleCommandLine({QStringLiteral("alpes-console"), QStringLiteral("--help")});
        QVERIFY(help.text.contains(QStringLiteral("--demo")));
        QVERIFY(!help.text.contains(QStringLiteral("screenshot")));
        QVERIFY(!help.text.contains(QStringLiteral("show-saga")));
    }

    void answersHelpAndVersionWithTheProgramName()
    {
        const auto help = parseConsoleCommandLine({QStringLiteral("alpes-console"), QStringLiteral("--help")});
        QVERIFY(!help.options);
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.text.contains(QStringLiteral("Usage: alpes-console")));
        const auto version = parseConsoleCommandLine({QStringLiteral("alpes-console"), QStringLiteral("--version")});
        QCOMPARE(version.text, QStringLiteral("alpes-console %1\n").arg(QStringLiteral(ALPES_VERSION)));
    }

    void refusesBadInputWithOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")};
        QTest::newRow("not a url") << QStringList{QStringLiteral("--server"), QStringLiteral("foo")};
        QTest::newRow("ftp") << QStringList{QStringLiteral("--server"), QStringLiteral("ftp://host")};
        QTest::newRow("missing value") << QStringList{QStringLiteral("--server")};
        QTest::newRow("demo and server")
            << QStringList{QStringLiteral("--demo"), QStringLiteral("--server"), QStringLiteral("http://h:1")};
    }
    void refusesBadInputWithOneLine()
    {
        QFETCH(QStringList, arguments);
        arguments.prepend(QStringLiteral("alpes-console"));
        const auto line = parseConsoleCommandLine(arguments);
        QVERIFY(!line.options);
        QCOMPARE(line.exitCode, 2);
        QCOMPARE(line.text.count(QLatin1Char('\n')), 1);
        QVERIFY(line.text.startsWith(QStringLiteral("alpes-console: ")));
    }
};

QTEST_APPLESS_MAIN(TestConsoleOptions)
#include "tst_console_options.moc"
