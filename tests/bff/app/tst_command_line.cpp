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
    void initTestCase()
    {
        // The load generator reads its key from here; the tests decide when it is there.
        qunsetenv("ALPES_API_KEY");
    }

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

    void demoModeTakesASeedAndASpeedAndAFreshDataDirectory()
    {
        const auto plain = std::get<BffConfig>(parse({"--demo"}));
        QVERIFY(plain.demo.has_value());
        QCOMPARE(plain.demo->seed, alpes::demo::kDefaultSeed);
        QCOMPARE(plain.demo->speed, 1.0);
        QVERIFY(plain.dataDir.empty());  // made fresh when the demo starts
        const auto tuned =
            std::get<BffConfig>(parse({"--demo", "--seed", "7", "--speed", "60", "--data-dir", "/tmp/demo"}));
        QCOMPARE(tuned.demo->seed, std::uint64_t(7));
        QCOMPARE(tuned.demo->speed, 60.0);
        QCOMPARE(tuned.dataDir.string(), std::string("/tmp/demo"));
        QVERIFY(!std::get<BffConfig>(parse({})).demo.has_value());
    }

    void simulateReadsTheLoadGeneratorsOptions()
    {
        const auto load = std::get<alpes::demo::LoadOptions>(parse({"--simulate", "--target", "http://127.0.0.1:8080",
                                                                    "--rate", "500", "--duration", "30", "--api-key",
                                                                    "k1", "--seed", "9"}));
        QCOMPARE(load.target, std::string("http://127.0.0.1:8080"));
        QCOMPARE(load.rate, 500.0);
        QCOMPARE(load.duration.count(), std::int64_t(30));
        QCOMPARE(load.apiKey, std::string("k1"));
        QCOMPARE(load.seed, std::uint64_t(9));
    }

    void simulateTakesTheKeyFromTheEnvironment()
    {
        qputenv("ALPES_API_KEY", "from-env");
        const auto load = std::get<alpes::demo::LoadOptions>(parse({"--simulate", "--target", "http://h:1"}));
        qunsetenv("ALPES_API_KEY");
        QCOMPARE(load.apiKey, std::string("from-env"));
        QCOMPARE(load.rate, 100.0);
        QCOMPARE(load.duration.count(), std::int64_t(10));
    }

    void answersHelpAndVersion()
    {
        const auto help = std::get<ExitNow>(parse({"--help"}));
        QCOMPARE(help.code, 0);
        QVERIFY(help.text.find("--data-dir") != std::string::npos);
        QVERIFY(help.text.find("--listen") != std::string::npos);
        for (const char* option : {"--demo", "--seed", "--speed", "--simulate", "--target", "--rate", "--duration",
                                   "--api-key", "ALPES_API_KEY"})
            QVERIFY2(help.text.find(option) != std::string::npos, option);
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
        const auto row = [](const char* name, std::initializer_list<const char*> args) {
            QStringList list;
            for (const char* arg : args)
                list << QString::fromUtf8(arg);
            QTest::newRow(name) << list;
        };
        row("seed without demo", {"--seed", "7"});
        row("speed without demo", {"--speed", "2"});
        row("zero speed", {"--demo", "--speed", "0"});
        row("negative speed", {"--demo", "--speed", "-1"});
        row("speed too high", {"--demo", "--speed", "61"});
        row("speed not a number", {"--demo", "--speed", "fast"});
        row("seed not a number", {"--demo", "--seed", "x"});
        row("target without simulate", {"--target", "http://h:1"});
        row("rate without simulate", {"--demo", "--rate", "5"});
        row("simulate without target", {"--simulate", "--api-key", "k"});
        row("simulate without key", {"--simulate", "--target", "http://h:1"});
        row("simulate with a bad target", {"--simulate", "--target", "h:1", "--api-key", "k"});
        row("simulate at rate zero", {"--simulate", "--target", "http://h:1", "--api-key", "k", "--rate", "0"});
        row("simulate for no time", {"--simulate", "--target", "http://h:1", "--api-key", "k", "--duration", "0"});
        row("simulate and demo", {"--simulate", "--demo", "--target", "http://h:1", "--api-key", "k"});
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
