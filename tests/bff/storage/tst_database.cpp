#include "bff/storage/database.h"
#include "bff/storage/reader_pool.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::storage;

class TestDatabase : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        auto db = Database::open(path());
        QVERIFY(db.ok());
        m_db = std::make_unique<Database>(std::move(db).value());
        m_db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL)");
    }
    void cleanup()
    {
        m_db.reset();
        m_dir.reset();
    }

    void opensInWalModeWithForeignKeys()
    {
        auto mode = m_db->prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.textAt(0), std::string("wal"));
        auto keys = m_db->prepare("PRAGMA foreign_keys");
        QVERIFY(keys.step());
        QCOMPARE(keys.int64At(0), 1);
    }

    void bindsAndReadsEveryType()
    {
        m_db->prepare("INSERT INTO t(id, name, score) VALUES (?, ?, ?)").bindAll(std::int64_t{7}, "seven", 7.5).run();
        m_db->prepare("INSERT INTO t(id, name, score) VALUES (?, ?, ?)")
            .bindAll(std::int64_t{8}, std::optional<std::string>{}, std::optional<double>{})
            .run();
        auto row = m_db->prepare("SELECT id, name, score FROM t ORDER BY id");
        QVERIFY(row.step());
        QCOMPARE(row.int64At(0), 7);
        QCOMPARE(row.textAt(1), std::string("seven"));
        QCOMPARE(row.doubleAt(2), 7.5);
        QVERIFY(row.step());
        QVERIFY(row.isNull(1));
        QVERIFY(!row.optionalTextAt(1));
        QVERIFY(!row.step());
    }

    void reusesPreparedStatementsSafely()
    {
        for (int i = 0; i < 100; ++i)
            m_db->prepare("INSERT INTO t(name) VALUES (?)").bind(1, "n" + std::to_string(i)).run();
        // The same SQL prepared twice at once (nested) still works.
        {
            auto outer = m_db->prepare("SELECT COUNT(*) FROM t");
            auto inner = m_db->prepare("SELECT COUNT(*) FROM t");
            QVERIFY(outer.step());
            QVERIFY(inner.step());
            QCOMPARE(outer.int64At(0), 100);
            QCOMPARE(inner.int64At(0), 100);
        }
        // Both were given back reset: the cached one serves again, from its first row.
        for (int i = 0; i < 2; ++i) {
            auto again = m_db->prepare("SELECT COUNT(*) FROM t");
            QVERIFY(again.step());
            QCOMPARE(again.int64At(0), 100);
            QVERIFY(!again.step());
        }
    }

    void transactionRollsBackUnlessCommitted()
    {
        {
            Transaction transaction(*m_db);
            m_db->prepare("INSERT INTO t(name) VALUES ('lost')").run();
        }
        {
            Transaction transaction(*m_db);
            m_db->prepare("INSERT INTO t(name) VALUES ('kept')").run();
            transaction.commit();
        }
        QCOMPARE(count(), 1);
    }

    void savepointUndoesOnlyItsOwnPart()
    {
        Transaction transaction(*m_db);
        m_db->prepare("INSERT INTO t(name) VALUES ('before')").run();
        {
            Savepoint savepoint(*m_db);
            m_db->prepare("INSERT INTO t(name) VALUES ('inside')").run();
        }
        {
            Savepoint savepoint(*m_db);
            m_db->prepare("INSERT INTO t(name) VALUES ('released')").run();
            savepoint.release();
        }
        transaction.commit();
        QCOMPARE(count(), 2);
    }

    void constraintViolationBecomesAConflict()
    {
        m_db->prepare("INSERT INTO t(name) VALUES ('x')").run();
        try {
            m_db->prepare("INSERT INTO t(name) VALUES ('x')").run();
            QFAIL("a duplicate must throw inside the storage layer");
        } catch (...) {
            const Error error = errorFromCurrentException("test");
            QCOMPARE(error.code, ErrorCode::Conflict);
            QVERIFY(error.message.find("SQL") == std::string::npos);  // no SQL for users
            QVERIFY(!error.detail.empty());                           // but details for logs
        }
    }

    void refusesAPathThatCannotBeOpened()
    {
        const auto db = Database::open("/nonexistent-dir/x/y.db");
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::Unavailable);
    }

    void readerPoolSeesCommittedDataAndTurnsErrorsIntoValues()
    {
        m_db->prepare("INSERT INTO t(name) VALUES ('visible')").run();
        ReaderPool readers(path());
        QCOMPARE(countThrough(readers).value(), 1);
        const auto broken = readers.read([](Database& db) -> Result<int> {
            db.prepare("SELECT nope FROM nowhere").step();
            return 0;
        });
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error().code, ErrorCode::Internal);
        const auto writeAttempt = readers.read([](Database& db) -> Result<int> {
            db.prepare("INSERT INTO t(name) VALUES ('nope')").run();
            return 0;
        });
        QVERIFY(!writeAttempt.ok());  // readers are read-only
    }

    // The log's frames are gathered in memory and written at the commit frame (coalescing_wal_vfs):
    // a transaction bigger than that buffer, one rolled back after it spilled, and a reopened file
    // (which recovers the log from disk, checksums and all) must all read back exactly.
    void bigAndRolledBackTransactionsReadBackAfterReopening()
    {
        m_db->exec("PRAGMA cache_size=100");  // small: the big transactions spill frames before COMMIT
        const std::string text(4000, 'x');
        const auto insertMany = [&](const std::string& prefix) {
            for (int i = 0; i < 2500; ++i)  // ~10 MB: more than one buffer
                m_db->prepare("INSERT INTO t(name, score) VALUES (?, ?)").bindAll(prefix + std::to_string(i) + text, i).run();
        };
        {
            Transaction transaction(*m_db);
            insertMany("kept");
            transaction.commit();
        }
        {
            Transaction transaction(*m_db);
            insertMany("lost");
        }
        m_db->prepare("INSERT INTO t(name, score) VALUES ('after', -1)").run();
        ReaderPool readers(path());
        QCOMPARE(countThrough(readers).value(), 2501);
        m_db.reset();
        auto reopened = Database::open(path()).value();
        auto stmt = reopened.prepare("SELECT COUNT(*), SUM(score), SUM(name LIKE 'lost%') FROM t");
        QVERIFY(stmt.step());
        QCOMPARE(stmt.int64At(0), 2501);
        QCOMPARE(stmt.int64At(1), 2499 * 2500 / 2 - 1);
        QCOMPARE(stmt.int64At(2), 0);
        auto integrity = reopened.prepare("PRAGMA integrity_check");
        QVERIFY(integrity.step());
        QCOMPARE(integrity.textAt(0), std::string("ok"));
    }

private:
    std::string path() const { return (m_dir->path() / "test.db").string(); }
    static Result<std::int64_t> countThrough(ReaderPool& readers)
    {
        return readers.read([](Database& db) -> Result<std::int64_t> {
            auto stmt = db.prepare("SELECT COUNT(*) FROM t");
            stmt.step();
            return stmt.int64At(0);
        });
    }
    std::int64_t count()
    {
        auto stmt = m_db->prepare("SELECT COUNT(*) FROM t");
        stmt.step();
        return stmt.int64At(0);
    }

    std::unique_ptr<testing::TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
