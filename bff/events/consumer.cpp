#include "bff/events/consumer.h"

#include <thread>

namespace alpes::events {

Consumer::Consumer(Options options, storage::GroupCommitWriter& writer, const messages::Upcaster& upcaster,
                   Apply apply)
    : m_options(std::move(options)), m_writer(writer), m_upcaster(upcaster), m_apply(std::move(apply))
{
}

bool Consumer::wants(const messages::Envelope& message) const
{
    if (!wants(message.type))
        return false;
    return !m_options.relevant || message.version != m_upcaster.currentVersion(message.type) ||
           m_options.relevant(message);
}

Status Consumer::applyOnce(storage::Database& db, const messages::Envelope& message)
{
    {
        auto seen = db.prepare("SELECT 1 FROM inbox WHERE consumer = ? AND message_id = ?");
        seen.bindAll(m_options.name, message.id);
        if (seen.step())
            return {};  // a redelivery: the effect is already there
    }
    messages::Envelope current = message;
    if (Status upcast = m_upcaster.upcast(current); !upcast)
        return upcast;
    storage::Savepoint savepoint(db);
    if (Status applied = m_apply(db, current); !applied)
        return applied;
    db.prepare("INSERT INTO inbox(consumer, message_id, handled_at) VALUES (?, ?, ?)")
        .bindAll(m_options.name, message.id, formatRfc3339(SystemClock().now()))
        .run();
    savepoint.release();
    return {};
}

Status Consumer::deliver(std::span<const messages::Envelope> messages)
{
    std::vector<const messages::Envelope*> wanted;
    for (const auto& message : messages)
        if (wants(message))
            wanted.push_back(&message);
    if (wanted.empty())
        return {};

    // First pass: every message in one writer unit (one commit), each in its own savepoint.
    auto outcomes = m_writer.run([&](storage::Database& db) -> Result<std::vector<Status>> {
        std::vector<Status> statuses;
        statuses.reserve(wanted.size());
        for (const auto* message : wanted) {
            try {
                statuses.push_back(applyOnce(db, *message));
            } catch (...) {
                statuses.push_back(storage::errorFromCurrentException(m_options.name));
            }
        }
        return statuses;
    });
    for (size_t i = 0; i < wanted.size(); ++i) {
        Status first = outcomes ? outcomes.value()[i] : Status(outcomes.error());
        if (first)
            continue;
        if (Status settled = deliverWithRetries(*wanted[i], std::move(first)); !settled)
            return settled;
    }
    return {};
}

Status Consumer::deliverWithRetries(const messages::Envelope& message, Status lastFailure)
{
    auto backoff = m_options.firstBackoff;
    for (int attempt = 2; attempt <= m_options.maxAttempts; ++attempt) {
        std::this_thread::sleep_for(backoff);
        backoff *= 4;
        lastFailure = m_writer.run([&](storage::Database& db) { return applyOnce(db, message); });
        if (lastFailure)
            return {};
    }
    const std::string reason = lastFailure.error().message +
                               (lastFailure.error().detail.empty() ? "" : ": " + lastFailure.error().detail);
    return m_writer.run([&](storage::Database& db) -> Status {
        db.prepare("INSERT OR REPLACE INTO dead_letters(consumer, message_id, type, body, error, attempts, failed_at)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bindAll(m_options.name, message.id, message.type, messages::serialize(message), reason,
                     m_options.maxAttempts, formatRfc3339(SystemClock().now()))
            .run();
        return {};
    });
}

Result<std::vector<DeadLetter>> Consumer::deadLetters()
{
    return m_writer.run([&](storage::Database& db) -> Result<std::vector<DeadLetter>> {
        std::vector<DeadLetter> letters;
        auto stmt = db.prepare("SELECT body, error, attempts, failed_at FROM dead_letters WHERE consumer = ?"
                               " ORDER BY failed_at");
        stmt.bind(1, m_options.name);
        while (stmt.step()) {
            auto message = messages::deserialize(stmt.textAt(0));
            if (!message)
                return std::move(message).error();
            letters.push_back({m_options.name, std::move(message).value(), stmt.textAt(1),
                               static_cast<int>(stmt.int64At(2)), stmt.textAt(3)});
        }
        return letters;
    });
}

Status Consumer::replay(const std::string& messageId)
{
    return m_writer.run([&](storage::Database& db) -> Status {
        auto stmt = db.prepare("SELECT body FROM dead_letters WHERE consumer = ? AND message_id = ?");
        stmt.bindAll(m_options.name, messageId);
        if (!stmt.step())
            return Error::notFound("No dead letter " + messageId + " for " + m_options.name);
        auto message = messages::deserialize(stmt.textAt(0));
        if (!message)
            return std::move(message).error();
        if (Status applied = applyOnce(db, *message); !applied)
            return applied;
        db.prepare("DELETE FROM dead_letters WHERE consumer = ? AND message_id = ?")
            .bindAll(m_options.name, messageId)
            .run();
        return {};
    });
}

}  // namespace alpes::events
