#include "bff/events/outbox_relay.h"

#include "bff/events/outbox.h"

#include <spdlog/spdlog.h>

namespace alpes::events {

OutboxRelay::OutboxRelay(Options options, storage::GroupCommitWriter& writer, storage::ReaderPool& readers,
                         MessageBus& bus)
    : m_options(std::move(options)), m_writer(writer), m_readers(readers), m_bus(bus)
{
}

OutboxRelay::~OutboxRelay()
{
    stop(std::chrono::milliseconds{0});
}

void OutboxRelay::start()
{
    if (!m_thread.joinable())
        m_thread = std::thread([this] { loop(); });
}

void OutboxRelay::notify()
{
    std::lock_guard lock(m_mutex);
    m_signalled = true;
    m_wake.notify_one();
}

void OutboxRelay::stop(std::chrono::milliseconds drainFor)
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_drainDeadline = std::chrono::steady_clock::now() + drainFor;
        m_wake.notify_one();
    }
    if (m_thread.joinable())
        m_thread.join();
}

Result<std::int64_t> OutboxRelay::depth()
{
    return m_readers.read([](storage::Database& db) -> Result<std::int64_t> { return outboxDepth(db); });
}

Result<size_t> OutboxRelay::relayBatch()
{
    auto rows = m_readers.read([this](storage::Database& db) -> Result<std::vector<std::pair<std::int64_t, messages::Envelope>>> {
        return readOutbox(db, m_options.batchSize);
    });
    if (!rows)
        return std::move(rows).error();
    if (rows->empty())
        return size_t{0};
    std::vector<messages::Envelope> batch;
    batch.reserve(rows->size());
    for (auto& row : *rows)
        batch.push_back(std::move(row.second));
    if (Status published = m_bus.publish(batch); !published)
        return std::move(published).error();
    const std::int64_t lastSeq = rows->back().first;
    Status removed = m_writer.run([lastSeq](storage::Database& db) -> Status {
        db.prepare("DELETE FROM outbox WHERE seq <= ?").bind(1, lastSeq).run();
        return {};
    });
    if (!removed)
        return std::move(removed).error();
    m_published += batch.size();
    return batch.size();
}

void OutboxRelay::loop()
{
    for (;;) {
        auto relayed = relayBatch();
        std::unique_lock lock(m_mutex);
        if (m_stopping) {
            const bool drained = relayed && relayed.value() == 0;
            if (drained || !relayed || std::chrono::steady_clock::now() >= m_drainDeadline)
                return;
            continue;  // more to drain
        }
        if (!relayed) {
            spdlog::warn("{}: delivery failed, retrying: {} {}", m_options.name, relayed.error().message,
                         relayed.error().detail);
            m_wake.wait_for(lock, m_options.retryBackoff, [this] { return m_stopping; });
            continue;
        }
        if (relayed.value() == m_options.batchSize)
            continue;  // likely more waiting
        m_wake.wait_for(lock, m_options.idlePoll, [this] { return m_signalled || m_stopping; });
        m_signalled = false;
    }
}

}  // namespace alpes::events
