#pragma once

#include "bff/storage/group_commit_writer.h"
#include "shared/messages/envelope.h"

#include <chrono>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace alpes::events {

struct DeadLetter {
    std::string consumer;
    messages::Envelope message;
    std::string error;
    int attempts = 0;
    std::string failedAt;
};

// One subscriber with its own database: applies each message exactly once by recording the
// message id in its inbox in the same transaction as the effect. A message whose effect keeps
// failing goes, after maxAttempts, to the dead-letter table, where it can be listed and replayed,
// and the messages after it go on.
//
// Thread-safety: deliver() is called by one relay at a time per producer; several relays may
// deliver at once (the writer serialises the effects). The apply function runs on the writer thread.
class Consumer {
public:
    using Apply = std::function<Status(storage::Database&, const messages::Envelope&)>;

    struct Options {
        std::string name;
        std::set<std::string, std::less<>> types;
        // Optional: false for a message of a wanted type whose payload the consumer would ignore.
        // Such a message is acknowledged without a writer unit and without an inbox row (nothing
        // to dedupe: its redelivery is refused the same way). Asked only of messages already at
        // their type's current version, so that a message to upcast or to refuse still meets the
        // upcaster in the unit.
        std::function<bool(const messages::Envelope&)> relevant;
        int maxAttempts = 5;
        std::chrono::milliseconds firstBackoff{5};
    };

    Consumer(Options options, storage::GroupCommitWriter& writer, const messages::Upcaster& upcaster, Apply apply);

    const std::string& name() const { return m_options.name; }
    bool wants(std::string_view type) const { return m_options.types.contains(type); }
    // A wanted type, and a payload that the relevance predicate (if any) does not refuse.
    bool wants(const messages::Envelope& message) const;

    // Applies the wanted messages in order. Fails only when a message could neither be applied
    // nor dead-lettered (its database is unavailable): the caller must deliver again later.
    Status deliver(std::span<const messages::Envelope> messages);

    Result<std::vector<DeadLetter>> deadLetters();
    // Applies a dead letter again; on success it leaves the table and counts as handled.
    Status replay(const std::string& messageId);

private:
    Status applyOnce(storage::Database& db, const messages::Envelope& message);
    Status deliverWithRetries(const messages::Envelope& message, Status firstFailure);

    Options m_options;
    storage::GroupCommitWriter& m_writer;
    const messages::Upcaster& m_upcaster;
    Apply m_apply;
};

}  // namespace alpes::events
