#include "bff/storage/migrations.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::storage;

namespace {

constexpr Migration kFirst[] = {
    {1, "accounts", "CREATE TABLE accounts (id INTEGER PRIMARY KEY)"},
};
constexpr Migration kBoth[] = {
    {1, "accounts", "CREATE TABLE accounts (id INTEGER PRIMARY KEY)"},
    {2, "names", "ALTER TABLE accounts ADD COLUMN name TEXT"},
};
constexpr Migration kBroken[] = {
    {1, "accounts", "CREATE TABLE accounts (id INTEGER PRIMARY KEY)"},
    {2, "half", "CREATE TABLE half (x); CREATE TABLE broken ("},
};

}  // namespace

class TestMigrations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void appliesNewMigrationsOnceAndRecordsThem()
    {
        testing::TempDataDir dir;
        auto db = Database::open((dir.path() / "m.db").string()).value();
        QVERIFY(migrate(db, kFirst).ok());
        QCOMPARE(schemaVersion(db), 1);
        QVERIFY(migrate(db, kBoth).ok());
        QVERIFY(migrate(db, kBoth).ok());  // again: nothing to do, no error
        QCOMPARE(schemaVersion(db), 2);
        auto rows = db.prepare("SELECT COUNT(*) FROM schema_migrations");
        rows.step();
        QCOMPARE(rows.int64At(0), 2);
        db.prepare("INSERT INTO accounts(name) VALUES ('x')").run();
    }

    void aFailingMigrationLeavesNothingHalfDone()
    {
        testing::TempDataDir dir;
        auto db = Database::open((dir.path() / "m.db").string()).value();
        QVERIFY(!migrate(db, kBroken).ok());
        QCOMPARE(schemaVersion(db), 1);
        auto half = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'");
        half.step();
        QCOMPARE(half.int64At(0), 0);
    }

    void refusesADatabaseFromANewerVersion()
    {
        testing::TempDataDir dir;
        auto db = Database::open((dir.path() / "m.db").string()).value();
        QVERIFY(migrate(db, kBoth).ok());
        const Status older = migrate(db, kFirst);
        QVERIFY(!older.ok());
        QCOMPARE(older.error().code, ErrorCode::Unavailable);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
