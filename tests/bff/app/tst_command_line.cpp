#include "bff/app/command_line.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes::app;

namespace {

CommandLine parse(std::vector<const char*> args)
{
    args.insert(args.begin(), "alpes-bff");
    return parseCommandLine(static_cast<int>(args.size()), args.data());
}

}  // namespace

class TestCommandLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultsServeALaptop()
    {
        const auto config = std::get<BffConfig>(parse({}));
        QCOMPARE(config.host, std::string("127.0.0.1"));
        QCOMPARE(config.port, 8080);
        QVERIFY(!config.dataDir.empty());
    }

    void readsListenAndDataDir()
    {
        const auto config = std::get<BffConfig>(parse({"--listen", "0.0.0.0:9090", "--data-dir", "/tmp/x"}));
        QCOMPARE(config.host, std::string("0.0.0.0"));
        QCOMPARE(config.port, 9090);
        QCOMPARE(config.dataDir.string(), std::string("/tmp/x"));
        const auto ipv6 = std::get<BffConfig>(parse({"--listen", "[::1]:0"}));
        QCOMPARE(ipv6.host, std::string("::1"));
        QCOMPARE(ipv6.port, 0);
    }

    void answersHelpAndVersion()
    {
        const auto help = std::get<ExitNow>(parse({"--help"}));
        QCOMPARE(help.code, 0);
        QVERIFY(help.text.find("--data-dir") != std::string::npos);
        QVERIFY(help.text.find("--listen") != std::string::npos);
        const auto version = std::get<ExitNow>(parse({"--version"}));
        QCOMPARE(version.code, 0);
        QCOMPARE(version.text, std::string("alpes-bff ") + ALPES_VERSION + "\n");
    }

    void refusesBadOptionsWithOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")};
        QTest::newRow("listen without port") << QStringList{QStringLiteral("--listen"), QStringLiteral("localhost")};
        QTest::newRow("port not a number") << QStringList{QStringLiteral("--listen"), QStringLiteral("h:http")};
        QTest::newRow("port too large") << QStringList{QStringLiteral("--listen"), QStringLiteral("h:70000")};
        QTest::newRow("missing value") << QStringList{QStringLiteral("--data-dir")};
        QTest::newRow("bad durability") << QStringList{QStringLiteral("--durability"), QStringLiteral("maybe")};
        QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")};
    }
    void refusesBadOptionsWithOneLine()
    {
        QFETCH(QStringList, args);
        std::vector<std::string> storage;
        for (const auto& arg : args)
            storage.push_back(arg.toStdString());
        std::vector<const char*> raw;
        for (const auto& arg : storage)
            raw.push_back(arg.c_str());
        const auto exitNow = std::get<ExitNow>(parse(raw));
        QCOMPARE(exitNow.code, 2);
        QVERIFY(exitNow.text.rfind("alpes-bff: ", 0) == 0);
        QCOMPARE(std::count(exitNow.text.begin(), exitNow.text.end(), '\n'), 1);
    }
};

QTEST_APPLESS_MAIN(TestCommandLine)
#include "tst_command_line.moc"
