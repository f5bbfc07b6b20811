#include "tests/support/event_fixture.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QProcess>
#include <QtTest>

#include <set>

using namespace alpes;

// Kills a producer/relay/consumer process with SIGKILL in the middle of a stream of events,
// several times, then lets it drain, and checks that every committed message took effect exactly
// once, every acknowledged write survived, and nothing uncommitted leaked.
class TestCrashExactlyOnce : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyCommittedMessageTakesEffectExactlyOnceAcrossKills()
    {
        testing::TempDataDir dir;
        // Many kills at scattered points: some land between a consumer's commit and the relay's
        // delete, which is where a redelivery (and so the inbox) is put to the test.
        constexpr int kRounds = 16;
        std::set<std::int64_t> acknowledged;
        for (int round = 0; round < kRounds; ++round) {
            QProcess child;
            child.start(QStringLiteral(EVENT_STREAM_CHILD),
                        {QString::fromStdString(dir.path().string()), QStringLiteral("produce")});
            QVERIFY(child.waitForStarted());
            // Kill at a different point each round, after real traffic has flowed.
            const int wanted = 150 + (round * 397) % 900;
            QElapsedTimer timer;
            timer.start();
            int acks = 0;
            while (acks < wanted && timer.elapsed() < 30000) {
                child.waitForReadyRead(100);
                while (child.canReadLine()) {
                    const QByteArray line = child.readLine().trimmed();
                    if (line.startsWith("ack ")) {
                        acknowledged.insert(line.mid(4).toLongLong());
                        ++acks;
                    }
                }
            }
            QVERIFY2(acks >= wanted, "the child made too little progress");
            child.kill();  // SIGKILL
            QVERIFY(child.waitForFinished());
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            // What it printed before dying is acknowledged too.
            for (const QByteArray& line : child.readAllStandardOutput().split('\n'))
                if (line.startsWith("ack "))
                    acknowledged.insert(line.mid(4).toLongLong());
        }

        QProcess drain;
        drain.start(QStringLiteral(EVENT_STREAM_CHILD),
                    {QString::fromStdString(dir.path().string()), QStringLiteral("drain")});
        QVERIFY(drain.waitForFinished(120000));
        QCOMPARE(drain.exitCode(), 0);

        auto producer = testing::EventDatabase::open(dir.path() / "producer.db",
                                                     "CREATE TABLE produced (message_id TEXT PRIMARY KEY, value INTEGER)");
        auto sink = testing::EventDatabase::open(dir.path() / "sink.db", "SELECT 1");
        const auto produced = producer.count("SELECT COUNT(*) FROM produced");
        QVERIFY(produced >= static_cast<std::int64_t>(acknowledged.size()));
        QCOMPARE(producer.count("SELECT COUNT(*) FROM outbox"), 0);

        // Every acknowledged write is there.
        const auto missing = producer.readers->read([&](storage::Database& db) -> Result<int> {
            int absent = 0;
            for (const auto value : acknowledged) {
                auto stmt = db.prepare("SELECT 1 FROM produced WHERE value = ?");
                stmt.bind(1, value);
                if (!stmt.step())
                    ++absent;
            }
            return absent;
        });
        QCOMPARE(missing.value(), 0);

        // Exactly once: as many effects as committed messages, no repeats, the counter agrees.
        QCOMPARE(sink.count("SELECT COUNT(*) FROM applied"), produced);
        QCOMPARE(sink.count("SELECT COUNT(DISTINCT message_id) FROM applied"), produced);
        QCOMPARE(sink.count("SELECT n FROM total"), produced);

        // Nothing uncommitted leaked: every effect belongs to a committed message.
        sink.writer->stop();
        const auto leaked = producer.readers->read([&](storage::Database& db) -> Result<std::int64_t> {
            db.exec("ATTACH DATABASE '" + (dir.path() / "sink.db").string() + "' AS sink");
            auto stmt = db.prepare("SELECT COUNT(*) FROM sink.applied a LEFT JOIN produced p"
                                   " ON p.message_id = a.message_id WHERE p.message_id IS NULL");
            stmt.step();
            const auto count = stmt.int64At(0);
            return count;
        });
        QCOMPARE(leaked.value(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCrashExactlyOnce)
#include "tst_crash_exactly_once.moc"
