#pragma once

#include "shared/core/result.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace alpes::storage {

// Thrown by the wrapper on any SQLite failure. It never leaves the storage layer: the writer and
// the reader pool catch it and hand callers an Error (house style: exceptions stay in their layer).
class SqlError : public std::runtime_error {
public:
    SqlError(int code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    int code() const { return m_code; }
    bool isConstraint() const;

private:
    int m_code;
};

enum class Durability {
    Normal,  // WAL + synchronous=NORMAL: a commit survives kill -9 of the process
    Full,    // synchronous=FULL: also survives power loss, at the cost of an fsync per commit
};

struct OpenOptions {
    bool readOnly = false;
    Durability durability = Durability::Normal;
    int busyTimeoutMs = 5000;
};

class Database;

// A prepared statement borrowed from its connection's cache; reset and returned on destruction.
// Binding indexes start at 1 as in SQLite. Not thread-safe (like its connection).
class Statement {
public:
    // `inUse` is the cache entry's flag, cleared on destruction; null for a second statement of
    // the same SQL prepared while the cached one is in use, which is finalized instead.
    Statement(Database& db, sqlite3_stmt* stmt, const std::string& sql, bool* inUse);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullopt_t);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bind(index, std::nullopt);
    }
    // Binds every argument in order from index 1.
    template <typename... Args>
    Statement& bindAll(const Args&... args)
    {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // Advances; true while a row is available.
    bool step();
    // Runs a statement that returns no rows.
    void run();

    std::int64_t int64At(int column) const;
    double doubleAt(int column) const;
    std::string textAt(int column) const;
    std::optional<std::string> optionalTextAt(int column) const;
    std::optional<std::int64_t> optionalInt64At(int column) const;
    bool isNull(int column) const;

private:
    Database* m_db;
    sqlite3_stmt* m_stmt;
    const std::string* m_sql;  // the cache's key: it lives as long as the connection
    bool* m_inUse;
};

// One SQLite connection (RAII), opened with WAL, a busy timeout and foreign keys on.
// Not thread-safe: each thread uses its own connection (the writer one, readers theirs).
class Database {
public:
    static Result<Database> open(const std::string& path, const OpenOptions& options = {});

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    // Prepares once per connection and reuses it; throws SqlError.
    Statement prepare(std::string_view sql);
    // Runs one or more statements without results; throws SqlError.
    void exec(std::string_view sql);

    std::int64_t lastInsertRowId() const;
    int changes() const;
    // Rows inserted, updated or deleted on this connection since it opened (triggers included).
    std::int64_t totalChanges() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_handle; }

private:
    friend class Statement;
    Database(sqlite3* handle, std::string path);
    [[noreturn]] void fail(int code, std::string_view context) const;

    // Entries stay in the cache while borrowed (a node's address never changes), and the SQL is
    // looked up as a string_view: a statement's use on the hot path allocates nothing.
    struct CachedStatement {
        sqlite3_stmt* stmt = nullptr;
        bool inUse = false;
    };
    struct SqlHash {
        using is_transparent = void;
        size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
    };

    sqlite3* m_handle = nullptr;
    std::string m_path;
    std::unordered_map<std::string, CachedStatement, SqlHash, std::equal_to<>> m_cache;
};

// BEGIN IMMEDIATE on construction; rolls back in the destructor unless committed.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

// A nested unit inside a transaction: released on success, rolled back to unless released.
class Savepoint {
public:
    explicit Savepoint(Database& db);
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    ~Savepoint();
    void release();

private:
    Database& m_db;
    bool m_done = false;
};

// Turns whatever a storage call threw into an Error for the caller.
Error errorFromCurrentException(std::string_view context);

}  // namespace alpes::storage
