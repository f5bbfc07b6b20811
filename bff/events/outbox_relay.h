#pragma once

#include "bff/events/message_bus.h"
#include "bff/storage/group_commit_writer.h"
#include "bff/storage/reader_pool.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace alpes::events {

// Moves one service's committed outbox rows onto the bus, oldest first (so per-key order holds),
// and deletes them once the bus accepted them. A crash in between only means a redelivery, which
// the consumers' inboxes drop. Owns one thread.
//
// Thread-safety: notify() and depth() from any thread; start()/stop() from the owner.
class OutboxRelay {
public:
    struct Options {
        std::string name = "relay";
        size_t batchSize = 512;
        std::chrono::milliseconds idlePoll{250};
        std::chrono::milliseconds retryBackoff{200};
    };

    OutboxRelay(Options options, storage::GroupCommitWriter& writer, storage::ReaderPool& readers, MessageBus& bus);
    OutboxRelay(const OutboxRelay&) = delete;
    OutboxRelay& operator=(const OutboxRelay&) = delete;
    ~OutboxRelay();

    void start();
    // Wakes the relay (called after each commit of the producer's writer).
    void notify();
    // Stops after delivering what is committed, or when `drainFor` runs out.
    void stop(std::chrono::milliseconds drainFor = std::chrono::milliseconds{2000});

    // Messages committed and not yet accepted by the bus (outbox lag).
    Result<std::int64_t> depth();
    std::uint64_t published() const { return m_published.load(); }

private:
    void loop();
    // Delivers one batch; returns how many messages went out, or an error.
    Result<size_t> relayBatch();

    Options m_options;
    storage::GroupCommitWriter& m_writer;
    storage::ReaderPool& m_readers;
    MessageBus& m_bus;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_signalled = false;
    bool m_stopping = false;
    std::chrono::steady_clock::time_point m_drainDeadline{};
    std::atomic<std::uint64_t> m_published{0};
    std::thread m_thread;
};

}  // namespace alpes::events
