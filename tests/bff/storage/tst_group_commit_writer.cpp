#include "bff/storage/group_commit_writer.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <latch>
#include <optional>
#include <thread>

using namespace alpes;
using namespace alpes::storage;

class TestGroupCommitWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        auto db = Database::open(path()).value();
        db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)");
        m_writer = std::make_unique<GroupCommitWriter>(std::move(db), GroupCommitWriter::Options{.maxBatch = 256});
        m_writer->setCommitListener([this] { ++m_commits; });
    }
    void cleanup()
    {
        m_writer.reset();
        m_dir.reset();
    }

    void runsManySubmissionsPerTransaction()
    {
        // Hold the writer on a first unit until every other submission is queued, so the batching
        // is deterministic: 1 + ceil(1000 / 256) commits instead of 1001.
        holdWriter();
        std::atomic<int> done{0};
        constexpr int kUnits = 1000;
        for (int i = 0; i < kUnits; ++i)
            m_writer->submit(
                [i](Database& db) -> Status {
                    db.prepare("INSERT INTO t(v) VALUES (?)").bind(1, std::to_string(i)).run();
                    return {};
                },
                [&](Status status) {
                    if (status)
                        ++done;
                });
        releaseWriter();
        QTRY_COMPARE(done.load(), kUnits);
        QTRY_COMPARE(m_commits.load(), 1 + (kUnits + 255) / 256);
        QCOMPARE(countRows(), kUnits);
    }

    void aFailingUnitDoesNotUndoTheOthersInItsBatch()
    {
        holdWriter();
        std::vector<Status> outcomes(4);
        std::atomic<int> done{0};
        submitInsert("a", outcomes, 0, done);
        submitInsert("a", outcomes, 1, done);  // violates UNIQUE
        submitInsert("b", outcomes, 2, done);
        // A unit that returns an error value (not a throw) is rolled back too.
        submitUnit(
            [](Database& db) -> Status {
                db.prepare("INSERT INTO t(v) VALUES ('refused')").run();
                return Error::validation("v", "refused by a rule");
            },
            outcomes, 3, done);
        releaseWriter();
        QTRY_COMPARE(done.load(), 4);
        QCOMPARE(codesOf(outcomes), (Codes{kOk, ErrorCode::Conflict, kOk, ErrorCode::Validation}));
        QCOMPARE(countRows(), 2);
    }

    void aUnitThatWritesNothingWhenRefusedLeavesTheOthersStored()
    {
        holdWriter();
        std::vector<Status> outcomes(4);
        std::atomic<int> done{0};
        submitInsert("a", outcomes, 0, done);
        // Refused before its first write, by a rule or by a failing first statement: no savepoint
        // was needed for either to leave the others stored.
        submitUnit([](Database&) -> Status { return Error::validation("v", "refused by a rule"); }, outcomes, 1, done,
                   GroupCommitWriter::OnRefusal::WritesNothing);
        submitUnit(
            [](Database& db) -> Status {
                db.prepare("INSERT INTO t(v) VALUES ('a')").run();  // throws: UNIQUE
                return {};
            },
            outcomes, 2, done, GroupCommitWriter::OnRefusal::WritesNothing);
        submitInsert("b", outcomes, 3, done, GroupCommitWriter::OnRefusal::WritesNothing);
        releaseWriter();
        QTRY_COMPARE(done.load(), 4);
        QCOMPARE(codesOf(outcomes), (Codes{kOk, ErrorCode::Validation, ErrorCode::Conflict, kOk}));
        QCOMPARE(countRows(), 2);
    }

    void aUnitWithoutSavepointThatFailsAfterWritingFailsItsWholeTransaction()
    {
        holdWriter();
        std::vector<Status> outcomes(3);
        std::atomic<int> done{0};
        submitInsert("a", outcomes, 0, done);
        // Breaks its promise: it wrote, then failed. Without a savepoint its row cannot be undone
        // alone, so nothing of the transaction may be committed.
        submitUnit(
            [](Database& db) -> Status {
                db.prepare("INSERT INTO t(v) VALUES ('half')").run();
                db.prepare("INSERT INTO t(v) VALUES ('a')").run();  // throws: UNIQUE
                return {};
            },
            outcomes, 1, done, GroupCommitWriter::OnRefusal::WritesNothing);
        submitInsert("b", outcomes, 2, done);
        releaseWriter();
        QTRY_COMPARE(done.load(), 3);
        QCOMPARE(codesOf(outcomes), (Codes{ErrorCode::Conflict, ErrorCode::Conflict, ErrorCode::Conflict}));
        QCOMPARE(countRows(), 0);
        QVERIFY(m_writer->run([](Database& db) -> Status {
            db.prepare("INSERT INTO t(v) VALUES ('next')").run();
            return {};
        }).ok());
        QCOMPARE(countRows(), 1);
    }

    void aCallerLearnsSuccessOnlyWhenAnotherConnectionCanSeeTheRow()
    {
        std::vector<std::thread> callers;
        std::atomic<int> invisible{0};
        for (int t = 0; t < 8; ++t)
            callers.emplace_back([&, t] {
                auto own = Database::open(path(), OpenOptions{.readOnly = true}).value();
                for (int i = 0; i < 50; ++i) {
                    const std::string value = std::to_string(t) + "-" + std::to_string(i);
                    const auto id = m_writer->run([&](Database& db) -> Result<std::int64_t> {
                        db.prepare("INSERT INTO t(v) VALUES (?)").bind(1, value).run();
                        return db.lastInsertRowId();
                    });
                    auto check = own.prepare("SELECT COUNT(*) FROM t WHERE id = ?");
                    check.bind(1, id.value());
                    check.step();
                    if (check.int64At(0) != 1)
                        ++invisible;
                }
            });
        for (auto& caller : callers)
            caller.join();
        QCOMPARE(invisible.load(), 0);
        QCOMPARE(countRows(), 400);
    }

    void stopFinishesQueuedWorkThenRefusesNewWork()
    {
        std::atomic<int> done{0};
        for (int i = 0; i < 100; ++i)
            m_writer->submit(
                [i](Database& db) -> Status {
                    db.prepare("INSERT INTO t(v) VALUES (?)").bind(1, std::to_string(i)).run();
                    return {};
                },
                [&](Status status) {
                    if (status)
                        ++done;
                });
        m_writer->stop();
        QCOMPARE(done.load(), 100);
        const Status late = m_writer->run([](Database&) -> Status { return {}; });
        QCOMPARE(late.error().code, ErrorCode::Unavailable);
    }

    void aFailingUnitAloneInItsTransactionLeavesNothing()
    {
        const Status failed = m_writer->run([](Database& db) -> Status {
            db.prepare("INSERT INTO t(v) VALUES ('written, then refused')").run();
            return Error::validation("v", "Refused after writing");
        });
        QCOMPARE(failed.error().code, ErrorCode::Validation);
        const Status thrown = m_writer->run([](Database& db) -> Status {
            db.prepare("INSERT INTO t(v) VALUES ('dup')").run();
            db.prepare("INSERT INTO t(v) VALUES ('dup')").run();  // throws: UNIQUE
            return {};
        });
        QCOMPARE(thrown.error().code, ErrorCode::Conflict);
        QCOMPARE(countRows(), 0);
        QVERIFY(m_writer->run([](Database& db) -> Status {
            db.prepare("INSERT INTO t(v) VALUES ('next')").run();
            return {};
        }).ok());
        QCOMPARE(countRows(), 1);
    }

    // Checkpoints run on the checkpointer's thread once the log holds 4096 frames (16 MiB), while
    // SQLite's own would wait for 20000: the database file growing past 16 MiB shows it ran.
    void theLogIsCheckpointedOffTheWriterThread()
    {
        const std::string text(4000, 'y');
        for (int i = 0; i < 5; ++i) {
            const Status written = m_writer->run([&](Database& db) -> Status {
                for (int row = 0; row < 1000; ++row)
                    db.prepare("INSERT INTO t(v) VALUES (?)").bind(1, std::to_string(i * 1000 + row) + text).run();
                return {};
            });
            QVERIFY(written.ok());
        }
        const auto dbFile = m_dir->path() / "w.db";
        QTRY_VERIFY_WITH_TIMEOUT(std::filesystem::file_size(dbFile) > 16 * 1024 * 1024, 30000);
        QCOMPARE(countRows(), 5000);
    }

    // A writer that never pauses leaves the checkpoint thread no moment at which every frame is
    // copied, so the log used to grow with every commit; the writer now finishes the checkpoint
    // between two transactions once the log holds restartAt frames, and the log starts again. The
    // units are queued at once and committed one by one (maxBatch 1). The checkpoint thread is
    // kept out (passiveAt = restartAt), so that how long its passes take on a loaded machine cannot
    // change the outcome: the log restarts every ~256 frames (1 MiB). Without the restart it held
    // every page written (56.8 MB when this test was written).
    void aContinuousWriterStartsTheLogAgain()
    {
        m_writer.reset();
        auto db = Database::open(path()).value();
        m_writer = std::make_unique<GroupCommitWriter>(
            std::move(db), GroupCommitWriter::Options{.maxBatch = 1, .checkpoints = {.passiveAt = 256, .restartAt = 256}});
        holdWriter();
        const std::string text(4000, 'z');
        std::atomic<int> done{0};
        std::vector<Status> outcomes(2000);
        for (size_t i = 0; i < outcomes.size(); ++i)
            submitInsert(std::to_string(i) + text, outcomes, i, done);
        releaseWriter();
        QTRY_VERIFY_WITH_TIMEOUT(done.load() == static_cast<int>(outcomes.size()), 60000);
        QVERIFY(std::all_of(outcomes.begin(), outcomes.end(), [](const Status& outcome) { return outcome.ok(); }));
        // The log's file keeps the size of its longest run (up to journal_size_limit).
        const auto walBytes = std::filesystem::file_size(m_dir->path() / "w.db-wal");
        QVERIFY2(walBytes < 4 * 1024 * 1024, std::to_string(walBytes).c_str());
        QCOMPARE(countRows(), 2000);
    }

private:
    // Each outcome's error code, kOk for a success.
    using Codes = std::vector<std::optional<ErrorCode>>;
    static constexpr std::optional<ErrorCode> kOk = std::nullopt;
    static Codes codesOf(const std::vector<Status>& outcomes)
    {
        Codes codes;
        for (const auto& outcome : outcomes)
            codes.push_back(outcome ? kOk : std::optional(outcome.error().code));
        return codes;
    }

    // Parks the writer thread inside a unit, so what is submitted next queues up as one batch.
    void holdWriter()
    {
        m_entered = std::make_unique<std::latch>(1);
        m_release = std::make_unique<std::latch>(1);
        m_writer->submit(
            [this](Database&) -> Status {
                m_entered->count_down();
                m_release->wait();
                return {};
            },
            [](Status) {});
        m_entered->wait();
    }
    void releaseWriter() { m_release->count_down(); }
    void submitUnit(GroupCommitWriter::Unit unit, std::vector<Status>& outcomes, size_t index, std::atomic<int>& done,
                    GroupCommitWriter::OnRefusal onRefusal = GroupCommitWriter::OnRefusal::MayHaveWritten)
    {
        m_writer->submit(
            std::move(unit),
            [&outcomes, &done, index](Status status) {
                outcomes[index] = std::move(status);
                ++done;
            },
            onRefusal);
    }
    void submitInsert(std::string value, std::vector<Status>& outcomes, size_t index, std::atomic<int>& done,
                      GroupCommitWriter::OnRefusal onRefusal = GroupCommitWriter::OnRefusal::MayHaveWritten)
    {
        submitUnit(
            [value = std::move(value)](Database& db) -> Status {
                db.prepare("INSERT INTO t(v) VALUES (?)").bind(1, value).run();
                return {};
            },
            outcomes, index, done, onRefusal);
    }

    std::string path() const { return (m_dir->path() / "w.db").string(); }
    int countRows()
    {
        auto db = Database::open(path(), OpenOptions{.readOnly = true}).value();
        auto stmt = db.prepare("SELECT COUNT(*) FROM t");
        stmt.step();
        return static_cast<int>(stmt.int64At(0));
    }

    std::unique_ptr<testing::TempDataDir> m_dir;
    std::unique_ptr<GroupCommitWriter> m_writer;
    std::atomic<int> m_commits{0};
    std::unique_ptr<std::latch> m_entered;
    std::unique_ptr<std::latch> m_release;
};

QTEST_GUILESS_MAIN(TestGroupCommitWriter)
#include "tst_group_commit_writer.moc"
