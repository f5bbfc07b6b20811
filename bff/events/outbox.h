#pragma once

#include "bff/storage/database.h"
#include "shared/messages/envelope.h"

namespace alpes::events {

// Appends a message to the outbox inside the caller's open transaction, so the message exists if
// and only if the state change that produced it was committed. Throws SqlError like any storage call.
void appendToOutbox(storage::Database& db, const messages::Envelope& envelope);
// The same, with the message already serialized (messages::serialize, whose second form takes an
// encoded payload); `envelope` gives its id, type, key and time.
void appendMessageToOutbox(storage::Database& db, const messages::Envelope& envelope, std::string_view message);

// Rows waiting for the relay, oldest first.
std::vector<std::pair<std::int64_t, messages::Envelope>> readOutbox(storage::Database& db, size_t limit);
std::int64_t outboxDepth(storage::Database& db);

}  // namespace alpes::events
