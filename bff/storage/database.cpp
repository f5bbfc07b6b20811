#include "bff/storage/database.h"

#include "bff/storage/coalescing_wal_vfs.h"

#include <sqlite3.h>

#include <mutex>

namespace alpes::storage {

namespace {

// Settings SQLite takes only before its first use in the process. Memory statistics go off: with
// them on, every sqlite3_malloc() and sqlite3_free() of every connection takes one global mutex,
// and the engine's writer, reader and relay threads spent a tenth of their CPU contending for it
// (perf of bench_saga_throughput). Nothing here reads those statistics.
void configureLibraryOnce()
{
    static std::once_flag configured;
    std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

bool SqlError::isConstraint() const
{
    return (m_code & 0xFF) == SQLITE_CONSTRAINT;
}

// --- Statement ---------------------------------------------------------------------------------

Statement::Statement(Database& db, sqlite3_stmt* stmt, const std::string& sql, bool* inUse)
    : m_db(&db), m_stmt(stmt), m_sql(&sql), m_inUse(inUse)
{
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr)), m_sql(other.m_sql), m_inUse(other.m_inUse)
{
}

Statement::~Statement()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (m_inUse)
        *m_inUse = false;
    else
        sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value)
{
    if (const int rc = sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::nullopt_t)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    m_db->fail(rc, *m_sql);
}

void Statement::run()
{
    while (step()) {
    }
}

std::int64_t Statement::int64At(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::doubleAt(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::textAt(int column) const
{
    const auto* text = sqlite3_column_text(m_stmt, column);
    if (!text)
        return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::optional<std::string> Statement::optionalTextAt(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return textAt(column);
}

std::optional<std::int64_t> Statement::optionalInt64At(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64At(column);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

// --- Database ----------------------------------------------------------------------------------

Result<Database> Database::open(const std::string& path, const OpenOptions& options)
{
    configureLibraryOnce();  // before the VFS's registration, which initialises the library
    sqlite3* handle = nullptr;
    const int flags = (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, coalescingWalVfsName());
    if (rc != SQLITE_OK) {
        std::string detail = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
        sqlite3_close_v2(handle);
        return Error::unavailable("Cannot open the database", path + ": " + detail);
    }
    Database db(handle, path);
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_busy_timeout(handle, options.busyTimeoutMs);
    try {
        if (!options.readOnly)
            db.exec("PRAGMA journal_mode=WAL");
        db.exec(options.durability == Durability::Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        db.exec("PRAGMA foreign_keys=ON");
        db.exec("PRAGMA temp_store=MEMORY");
        // Checkpoint the WAL every ~80 MB instead of every 4 MB: with many small group commits the
        // default checkpoints so often that ingest loses a third of its speed (bench_tracking_ingest).
        // journal_size_limit gives the space back after each checkpoint.
        db.exec("PRAGMA wal_autocheckpoint=20000");
        db.exec("PRAGMA journal_size_limit=67108864");
        db.exec("PRAGMA cache_size=-65536");  // 64 MiB per connection: hot index pages stay in memory
    } catch (const SqlError& error) {
        return Error::unavailable("Cannot configure the database", path + ": " + error.what());
    }
    return db;
}

Database::Database(sqlite3* handle, std::string path) : m_handle(handle), m_path(std::move(path)) {}

Database::Database(Database&& other) noexcept
    : m_handle(std::exchange(other.m_handle, nullptr)), m_path(std::move(other.m_path)), m_cache(std::move(other.m_cache))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        this->~Database();
        m_handle = std::exchange(other.m_handle, nullptr);
        m_path = std::move(other.m_path);
        m_cache = std::move(other.m_cache);
    }
    return *this;
}

Database::~Database()
{
    for (auto& [sql, cached] : m_cache)
        sqlite3_finalize(cached.stmt);
    m_cache.clear();
    if (m_handle)
        sqlite3_close_v2(m_handle);
}

void Database::fail(int code, std::string_view context) const
{
    throw SqlError(code, std::string(sqlite3_errstr(code)) + " (" + (m_handle ? sqlite3_errmsg(m_handle) : "") +
                             ") in: " + std::string(context.substr(0, 200)));
}

Statement Database::prepare(std::string_view sql)
{
    auto it = m_cache.find(sql);
    if (it != m_cache.end() && !it->second.inUse) {
        it->second.inUse = true;
        return Statement(*this, it->second.stmt, it->first, &it->second.inUse);
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_handle, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(rc, sql);
    if (it != m_cache.end())  // nested use of the same SQL: this one is finalized when done
        return Statement(*this, stmt, it->first, nullptr);
    it = m_cache.emplace(std::string(sql), CachedStatement{stmt, true}).first;
    return Statement(*this, stmt, it->first, &it->second.inUse);
}

void Database::exec(std::string_view sql)
{
    std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(m_handle, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw SqlError(rc, detail + " in: " + text.substr(0, 200));
    }
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_handle);
}

int Database::changes() const
{
    return sqlite3_changes(m_handle);
}

std::int64_t Database::totalChanges() const
{
    return sqlite3_total_changes64(m_handle);
}

// --- Transaction and Savepoint -----------------------------------------------------------------

Transaction::Transaction(Database& db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done && sqlite3_get_autocommit(m_db.handle()) == 0)
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

// Savepoints run once per writer unit, on the hot path: prepared (and cached) rather than parsed.
Savepoint::Savepoint(Database& db) : m_db(db)
{
    m_db.prepare("SAVEPOINT unit").run();
}

Savepoint::~Savepoint()
{
    if (!m_done) {
        sqlite3_exec(m_db.handle(), "ROLLBACK TO unit", nullptr, nullptr, nullptr);
        sqlite3_exec(m_db.handle(), "RELEASE unit", nullptr, nullptr, nullptr);
    }
}

void Savepoint::release()
{
    m_db.prepare("RELEASE unit").run();
    m_done = true;
}

Error errorFromCurrentException(std::string_view context)
{
    try {
        throw;
    } catch (const SqlError& error) {
        if (error.isConstraint())
            return Error{ErrorCode::Conflict, "The change conflicts with stored data", error.what(), {}};
        if ((error.code() & 0xFF) == SQLITE_FULL || (error.code() & 0xFF) == SQLITE_IOERR)
            return Error::unavailable("The storage is full or failing", error.what());
        if ((error.code() & 0xFF) == SQLITE_BUSY)
            return Error::unavailable("The storage is busy", error.what());
        return Error::internal("A storage error occurred", std::string(context) + ": " + error.what());
    } catch (const std::exception& error) {
        return Error::internal("An internal error occurred", std::string(context) + ": " + error.what());
    } catch (...) {
        return Error::internal("An internal error occurred", std::string(context));
    }
}

}  // namespace alpes::storage
