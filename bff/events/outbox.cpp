#include "bff/events/outbox.h"

namespace alpes::events {

void appendToOutbox(storage::Database& db, const messages::Envelope& envelope)
{
    appendMessageToOutbox(db, envelope, messages::serialize(envelope));
}

void appendMessageToOutbox(storage::Database& db, const messages::Envelope& envelope, std::string_view message)
{
    db.prepare("INSERT INTO outbox(message_id, type, msg_key, body, created_at) VALUES (?, ?, ?, ?, ?)")
        .bindAll(envelope.id, envelope.type, envelope.key, message, formatRfc3339(envelope.occurredAt))
        .run();
}

std::vector<std::pair<std::int64_t, messages::Envelope>> readOutbox(storage::Database& db, size_t limit)
{
    std::vector<std::pair<std::int64_t, messages::Envelope>> rows;
    auto stmt = db.prepare("SELECT seq, body FROM outbox ORDER BY seq LIMIT ?");
    stmt.bind(1, static_cast<std::int64_t>(limit));
    while (stmt.step()) {
        auto envelope = messages::deserialize(stmt.textAt(1));
        if (!envelope)  // written by us a moment ago: unreadable means corruption, not bad input
            throw storage::SqlError(0, "unreadable outbox row " + std::to_string(stmt.int64At(0)) + ": " +
                                           envelope.error().message);
        rows.emplace_back(stmt.int64At(0), std::move(envelope).value());
    }
    return rows;
}

std::int64_t outboxDepth(storage::Database& db)
{
    auto stmt = db.prepare("SELECT COUNT(*) FROM outbox");
    stmt.step();
    return stmt.int64At(0);
}

}  // namespace alpes::events
