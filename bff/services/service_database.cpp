#include "bff/services/service_database.h"

namespace alpes::services {

Result<std::unique_ptr<ServiceDatabase>> ServiceDatabase::open(const Options& options,
                                                               std::span<const storage::Migration> migrations,
                                                               events::MessageBus& bus)
{
    std::error_code ec;
    std::filesystem::create_directories(options.dataDir, ec);
    if (ec)
        return Error::unavailable("Cannot create the data directory", options.dataDir.string() + ": " + ec.message());
    const std::string path = (options.dataDir / (options.name + ".db")).string();
    auto db = storage::Database::open(path, storage::OpenOptions{.durability = options.durability});
    if (!db)
        return std::move(db).error();
    if (Status migrated = storage::migrate(db.value(), migrations); !migrated)
        return std::move(migrated).error();
    return std::unique_ptr<ServiceDatabase>(new ServiceDatabase(options.name, path, std::move(db).value(), bus));
}

ServiceDatabase::ServiceDatabase(std::string name, std::string path, storage::Database writerDb,
                                 events::MessageBus& bus)
    : m_name(name),
      m_writer(std::make_unique<storage::GroupCommitWriter>(std::move(writerDb),
                                                            storage::GroupCommitWriter::Options{.name = name})),
      m_readers(std::move(path)),
      m_relay(std::make_unique<events::OutboxRelay>(events::OutboxRelay::Options{.name = name + "-relay"}, *m_writer,
                                                    m_readers, bus))
{
    m_writer->setCommitListener([relay = m_relay.get()] { relay->notify(); });
}

ServiceDatabase::~ServiceDatabase()
{
    stopPublishing(std::chrono::milliseconds{0});
    stopWriting();
}

void ServiceDatabase::start()
{
    m_relay->start();
}

void ServiceDatabase::stopPublishing(std::chrono::milliseconds drainFor)
{
    m_relay->stop(drainFor);
}

void ServiceDatabase::stopWriting()
{
    m_writer->stop();
}

}  // namespace alpes::services
