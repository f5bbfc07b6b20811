#include "bff/gateway/idempotency_store.h"

namespace alpes::gateway {

Result<IdempotencyStore::Claim> IdempotencyStore::claim(const std::string& principal, const std::string& key,
                                                        const std::string& method, const std::string& path,
                                                        const std::string& bodyHash)
{
    const auto now = toEpochMillis(m_clock.now());
    const auto abandonedBefore = now - std::chrono::duration_cast<std::chrono::milliseconds>(kAbandonedAfter).count();
    return m_db.writer().run([&](storage::Database& db) -> Result<Claim> {
        auto row = db.prepare(
            "SELECT method, path, body_hash, status, content_type, response, created_at FROM idempotency_keys"
            " WHERE principal = ? AND idempotency_key = ?");
        row.bindAll(principal, key);
        if (!row.step()) {
            db.prepare(
                  "INSERT INTO idempotency_keys(principal, idempotency_key, method, path, body_hash, created_at)"
                  " VALUES (?,?,?,?,?,?)")
                .bindAll(principal, key, method, path, bodyHash, now)
                .run();
            return Claim{};
        }
        if (row.textAt(0) != method || row.textAt(1) != path || row.textAt(2) != bodyHash)
            return Claim{Verdict::Mismatch, std::nullopt};
        if (row.isNull(3)) {
            if (row.int64At(6) >= abandonedBefore)
                return Claim{Verdict::InProgress, std::nullopt};
            db.prepare("UPDATE idempotency_keys SET created_at = ? WHERE principal = ? AND idempotency_key = ?")
                .bindAll(now, principal, key)
                .run();
            return Claim{};
        }
        return Claim{Verdict::Replay,
                     StoredResponse{static_cast<int>(row.int64At(3)), row.textAt(4), row.textAt(5)}};
    });
}

Status IdempotencyStore::complete(const std::string& principal, const std::string& key,
                                  const StoredResponse& response)
{
    return m_db.writer().run([&](storage::Database& db) -> Status {
        db.prepare(
              "UPDATE idempotency_keys SET status = ?, content_type = ?, response = ? WHERE principal = ? AND"
              " idempotency_key = ?")
            .bindAll(response.status, response.contentType, response.body, principal, key)
            .run();
        return {};
    });
}

Status IdempotencyStore::abandon(const std::string& principal, const std::string& key)
{
    return m_db.writer().run([&](storage::Database& db) -> Status {
        db.prepare("DELETE FROM idempotency_keys WHERE principal = ? AND idempotency_key = ? AND status IS NULL")
            .bindAll(principal, key)
            .run();
        return {};
    });
}

Result<size_t> IdempotencyStore::releaseUnanswered()
{
    return m_db.writer().run([](storage::Database& db) -> Result<size_t> {
        db.prepare("DELETE FROM idempotency_keys WHERE status IS NULL").run();
        return static_cast<size_t>(db.changes());
    });
}

Result<size_t> IdempotencyStore::purgeOlderThan(UtcTime before)
{
    return m_db.writer().run([&](storage::Database& db) -> Result<size_t> {
        db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?").bind(1, toEpochMillis(before)).run();
        return static_cast<size_t>(db.changes());
    });
}

}  // namespace alpes::gateway
