#include "bff/storage/group_commit_writer.h"

#include <optional>

#include <pthread.h>

namespace alpes::storage {

GroupCommitWriter::GroupCommitWriter(Database db, Options options)
    : m_db(std::move(db)), m_options(std::move(options)), m_thread([this] { loop(); })
{
}

GroupCommitWriter::~GroupCommitWriter()
{
    stop();
}

void GroupCommitWriter::submit(Unit unit, Completion done, OnRefusal onRefusal)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_queue.push_back({std::move(unit), std::move(done), onRefusal});
            m_wake.notify_one();
            return;
        }
    }
    done(Error::unavailable("The service is shutting down", m_options.name + " stopped"));
}

void GroupCommitWriter::setCommitListener(std::function<void()> listener)
{
    std::lock_guard lock(m_mutex);
    m_commitListener = std::move(listener);
}

void GroupCommitWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_wake.notify_one();
    }
    if (m_thread.joinable())
        m_thread.join();
}

size_t GroupCommitWriter::queued() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

void GroupCommitWriter::loop()
{
    // Named after its database, so that top -H and perf tell the writers apart (15 bytes at most).
    pthread_setname_np(pthread_self(), ("wr-" + m_options.name).substr(0, 15).c_str());
    // The log is checkpointed on another thread, so that no commit waits for a checkpoint. It
    // lives on this thread, which owns the connection it watches, from the first commit to the last.
    WalCheckpointer checkpointer(m_db, m_options.checkpoints);
    std::deque<Pending> batch;
    for (;;) {
        std::function<void()> listener;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return;  // stopping and drained
            const size_t take = std::min(m_queue.size(), m_options.maxBatch);
            std::move(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(take), std::back_inserter(batch));
            m_queue.erase(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(take));
            listener = m_commitListener;
        }
        runBatch(batch);
        batch.clear();
        if (listener)
            listener();
        checkpointer.restartLogIfDue();  // after the callers have their outcomes
    }
}

void GroupCommitWriter::runBatch(std::deque<Pending>& batch)
{
    std::vector<Status> outcomes(batch.size());
    Status commitStatus;
    try {
        Transaction transaction(m_db);
        // A unit alone in its transaction needs no savepoint (whose journal copies every page the
        // unit touches): if it fails, the whole transaction is rolled back instead.
        const bool alone = batch.size() == 1;
        for (size_t i = 0; i < batch.size() && commitStatus; ++i) {
            const bool guarded = !alone && batch[i].onRefusal == OnRefusal::MayHaveWritten;
            const std::int64_t changesBefore = m_db.totalChanges();
            try {
                std::optional<Savepoint> savepoint;
                if (guarded)
                    savepoint.emplace(m_db);
                outcomes[i] = batch[i].unit(m_db);
                if (outcomes[i] && savepoint)
                    savepoint->release();
            } catch (...) {
                outcomes[i] = errorFromCurrentException(m_options.name);
            }
            // An unguarded unit that failed after writing cannot be undone alone: neither can the
            // transaction it shares with the others be committed.
            if (!outcomes[i] && !guarded && !alone && m_db.totalChanges() != changesBefore)
                commitStatus = outcomes[i];
        }
        if (commitStatus && (!alone || outcomes[0]))
            transaction.commit();
    } catch (...) {
        commitStatus = errorFromCurrentException(m_options.name + " commit");
    }
    for (size_t i = 0; i < batch.size(); ++i)
        batch[i].done(commitStatus ? std::move(outcomes[i]) : commitStatus);
}

}  // namespace alpes::storage
