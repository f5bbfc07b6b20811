#pragma once

#include "bff/storage/database.h"
#include "bff/storage/group_commit_writer.h"
#include "bff/storage/reader_pool.h"
#include "shared/core/time.h"

#include <filesystem>
#include <memory>

namespace alpes::gateway {

// The BFF's own SQLite file, bff.db (architecture.md, Data directory): users, sessions, API keys
// and idempotency keys. It publishes no events, so unlike a service it has no outbox or relay.
// Thread-safety: writer() and readers() are thread-safe.
class GatewayDatabase {
public:
    static Result<std::unique_ptr<GatewayDatabase>> open(const std::filesystem::path& dataDir,
                                                         storage::Durability durability);

    storage::GroupCommitWriter& writer() { return m_writer; }
    storage::ReaderPool& readers() { return m_readers; }
    // Finishes queued writes and stops the writer thread.
    void stop() { m_writer.stop(); }

private:
    GatewayDatabase(storage::Database db, std::string path);

    storage::GroupCommitWriter m_writer;
    storage::ReaderPool m_readers;
};

}  // namespace alpes::gateway
