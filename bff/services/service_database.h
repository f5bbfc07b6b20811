#pragma once

#include "bff/events/message_bus.h"
#include "bff/events/outbox_relay.h"
#include "bff/storage/group_commit_writer.h"
#include "bff/storage/migrations.h"
#include "bff/storage/reader_pool.h"

#include <filesystem>
#include <memory>
#include <span>
#include <string>

namespace alpes::services {

// What every service owns: its own SQLite file (migrated on open), the single group-commit writer,
// read connections, and the relay that publishes its outbox. Services never share these.
class ServiceDatabase {
public:
    struct Options {
        std::filesystem::path dataDir;
        std::string name;  // file is <dataDir>/<name>.db
        storage::Durability durability = storage::Durability::Normal;
    };

    static Result<std::unique_ptr<ServiceDatabase>> open(const Options& options,
                                                         std::span<const storage::Migration> migrations,
                                                         events::MessageBus& bus);
    ~ServiceDatabase();

    storage::GroupCommitWriter& writer() { return *m_writer; }
    storage::ReaderPool& readers() { return m_readers; }
    events::OutboxRelay& relay() { return *m_relay; }
    const std::string& name() const { return m_name; }

    // Starts publishing the outbox.
    void start();
    // Shutdown happens in two phases across all services, so that draining one relay can still
    // write into the other services' databases: first every relay drains, then every writer stops.
    void stopPublishing(std::chrono::milliseconds drainFor);
    void stopWriting();

private:
    ServiceDatabase(std::string name, std::string path, storage::Database writerDb, events::MessageBus& bus);

    std::string m_name;
    std::unique_ptr<storage::GroupCommitWriter> m_writer;
    storage::ReaderPool m_readers;
    std::unique_ptr<events::OutboxRelay> m_relay;
};

}  // namespace alpes::services
