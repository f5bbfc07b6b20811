#include "tests/support/temp_data_dir.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <csignal>

// The real alpes-bff binary: starts on an ephemeral loopback port, serves /health, stops cleanly
// on SIGTERM and SIGINT, and refuses bad options and unusable data directories with one line.
class TestBffProcess : public QObject {
    Q_OBJECT

private:
    // Starts the server on port 0 and returns the port it logged.
    // `startupLog`, when given, gets what the server printed up to that line.
    static int startServer(QProcess& process, const QString& dataDir, const QStringList& moreOptions = {},
                           QByteArray* startupLog = nullptr)
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(ALPES_BFF_BINARY),
                      QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
                                  dataDir} + moreOptions);
        if (!process.waitForStarted())
            return -1;
        static const QRegularExpression listening(QStringLiteral(R"(listening on https?://127\.0\.0\.1:(\d+))"));
        QByteArray output;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            process.waitForReadyRead(100);
            output += process.readAll();
            const auto match = listening.match(QString::fromUtf8(output));
            if (match.hasMatch()) {
                if (startupLog)
                    *startupLog = output;
                return match.captured(1).toInt();
            }
            if (process.state() == QProcess::NotRunning)
                break;
        }
        qWarning("%s", output.constData());
        return -1;
    }

private Q_SLOTS:
    void servesHealthAndStopsCleanlyOnSignals_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << SIGTERM;
        QTest::newRow("SIGINT") << SIGINT;
    }
    void servesHealthAndStopsCleanlyOnSignals()
    {
        QFETCH(int, signal);
        alpes::testing::TempDataDir dir;
        QProcess server;
        const int port = startServer(server, QString::fromStdString(dir.path().string()));
        QVERIFY(port > 0);

        httplib::Client client("127.0.0.1", port);
        const auto health = client.Get("/health");
        QVERIFY(health);
        QCOMPARE(health->status, 200);
        QCOMPARE(nlohmann::json::parse(health->body).at("status").get<std::string>(), std::string("ok"));
        // Each service has its own database file in the data directory.
        QVERIFY(QFile::exists(QString::fromStdString((dir.path() / "affiliates.db").string())));

        ::kill(static_cast<pid_t>(server.processId()), signal);
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        const QString log = QString::fromUtf8(server.readAll());
        QVERIFY2(log.contains(QStringLiteral("shutting down")) && log.contains(QStringLiteral("engine stopped")),
                 qPrintable(log));
        QVERIFY(log.indexOf(QStringLiteral("shutting down")) < log.indexOf(QStringLiteral("engine stopped")));
    }

    void refusesABadOptionWithOneLineAndCode2()
    {
        QProcess process;
        process.start(QStringLiteral(ALPES_BFF_BINARY), {QStringLiteral("--no-such-option")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        const QByteArray error = process.readAllStandardError();
        QCOMPARE(error.count('\n'), 1);
        QVERIFY(error.startsWith("alpes-bff: "));
    }

    void explainsAnUnusableDataDirectory()
    {
        QProcess process;
        process.start(QStringLiteral(ALPES_BFF_BINARY),
                      {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
                       QStringLiteral("/proc/alpes-cannot-exist")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardError().contains("data directory"));
    }

    void runsTheDemoAndStopsItCleanly()
    {
        alpes::testing::TempDataDir dir;
        QProcess server;
        QByteArray startupLog;
        const int port = startServer(server, QString::fromStdString(dir.path().string()),
                                     {QStringLiteral("--demo"), QStringLiteral("--speed"), QStringLiteral("5")},
                                     &startupLog);
        QVERIFY(port > 0);
        httplib::Client client("127.0.0.1", port);
        const auto health = client.Get("/health");
        QVERIFY(health && health->status == 200);
        ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitCode(), 0);
        const QString log = QString::fromUtf8(server.readAll());
        QVERIFY2(startupLog.contains("demo: seeded 6 campaigns and 20 partners"), startupLog.constData());
        QVERIFY2(log.contains(QStringLiteral("engine stopped")), qPrintable(log));
    }

    void refusesAPortInUse()
    {
        alpes::testing::TempDataDir first;
        alpes::testing::TempDataDir second;
        QProcess server;
        const int port = startServer(server, QString::fromStdString(first.path().string()));
        QVERIFY(port > 0);
        QProcess clash;
        clash.start(QStringLiteral(ALPES_BFF_BINARY),
                    {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--data-dir"),
                     QString::fromStdString(second.path().string())});
        QVERIFY(clash.waitForFinished(10000));
        QCOMPARE(clash.exitCode(), 1);
        QVERIFY(clash.readAllStandardError().contains("Cannot listen"));
        server.terminate();
        QVERIFY(server.waitForFinished(20000));
    }
};

QTEST_GUILESS_MAIN(TestBffProcess)
#include "tst_bff_process.moc"
