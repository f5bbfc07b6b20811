#include "bff/gateway/gateway_database.h"

#include "bff/storage/migrations.h"

namespace alpes::gateway {
namespace {

constexpr storage::Migration kMigrations[] = {
    {1, "users, sessions, api keys, idempotency keys", R"sql(
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    affiliate_id TEXT,
    created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE TABLE idempotency_keys (
    principal TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    response TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys(created_at);
)sql"},
};

}  // namespace

Result<std::unique_ptr<GatewayDatabase>> GatewayDatabase::open(const std::filesystem::path& dataDir,
                                                               storage::Durability durability)
{
    std::error_code ec;
    std::filesystem::create_directories(dataDir, ec);
    if (ec)
        return Error::unavailable("Cannot create the data directory", dataDir.string() + ": " + ec.message());
    const std::string path = (dataDir / "bff.db").string();
    auto db = storage::Database::open(path, storage::OpenOptions{.durability = durability});
    if (!db)
        return std::move(db).error();
    if (Status migrated = storage::migrate(db.value(), kMigrations); !migrated)
        return std::move(migrated).error();
    return std::unique_ptr<GatewayDatabase>(new GatewayDatabase(std::move(db).value(), path));
}

GatewayDatabase::GatewayDatabase(storage::Database db, std::string path)
    : m_writer(std::move(db), storage::GroupCommitWriter::Options{.name = "bff"}), m_readers(std::move(path))
{
}

}  // namespace alpes::gateway
