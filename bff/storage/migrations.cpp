#include "bff/storage/migrations.h"

#include "shared/core/time.h"

namespace alpes::storage {

int schemaVersion(Database& db)
{
    auto stmt = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    stmt.step();
    return static_cast<int>(stmt.int64At(0));
}

Status migrate(Database& db, std::span<const Migration> migrations)
{
    try {
        db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        const int current = schemaVersion(db);
        const int newest = migrations.empty() ? 0 : migrations.back().version;
        if (current > newest)
            return Error::unavailable("The data directory was written by a newer version",
                                      db.path() + " is at schema " + std::to_string(current) + ", this program knows " +
                                          std::to_string(newest));
        for (const Migration& migration : migrations) {
            if (migration.version <= current)
                continue;
            Transaction transaction(db);
            db.exec(migration.sql);
            db.prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)")
                .bindAll(migration.version, migration.name, formatRfc3339(SystemClock().now()))
                .run();
            transaction.commit();
        }
        return {};
    } catch (...) {
        return errorFromCurrentException("migrate " + db.path());
    }
}

}  // namespace alpes::storage
