#include "bff/storage/wal_checkpointer.h"

#include <sqlite3.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include <pthread.h>

namespace alpes::storage {
namespace {

constexpr std::chrono::seconds kRestartWarningEvery{10};

}  // namespace

WalCheckpointer::WalCheckpointer(Database& watched, Options options)
    : m_watched(watched), m_options(options), m_restartAt(options.restartAt)
{
    auto own = Database::open(watched.path());
    if (!own) {  // the writer has the file open, so only a lack of memory or descriptors gets here
        spdlog::warn("{}: checkpoints stay on the writer thread: {} {}", watched.path(), own.error().message,
                     own.error().detail);
        return;
    }
    m_own.emplace(std::move(own).value());
    m_thread = std::thread([this] { loop(); });
    // Replaces SQLite's own automatic checkpoint, which is also a WAL hook.
    sqlite3_wal_hook(m_watched.handle(), &WalCheckpointer::onCommit, this);
}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

void WalCheckpointer::stop()
{
    if (!m_thread.joinable())
        return;
    sqlite3_wal_hook(m_watched.handle(), nullptr, nullptr);
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_wake.notify_one();
    }
    m_thread.join();
}

int WalCheckpointer::onCommit(void* self, sqlite3* connection, const char* schema, int frames)
{
    auto* checkpointer = static_cast<WalCheckpointer*>(self);
    if (frames < checkpointer->m_frames)
        checkpointer->m_restartAt = checkpointer->m_options.restartAt;  // the log started again
    checkpointer->m_frames = frames;
    if (frames >= checkpointer->m_options.limit) {
        int logFrames = 0;
        int copied = 0;
        const int rc =
            sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_RESTART, &logFrames, &copied);
        const auto now = std::chrono::steady_clock::now();
        auto& warned = checkpointer->m_lastRestartWarning;
        if (rc == SQLITE_OK)
            warned.reset();
        else if (!warned || now - *warned >= kRestartWarningEvery) {
            warned = now;
            spdlog::warn("{}: the log has {} frames and cannot be restarted yet: {}", checkpointer->m_watched.path(),
                         frames, sqlite3_errstr(rc));
        }
        return SQLITE_OK;  // the commit itself succeeded: a checkpoint failure is not its failure
    }
    // Past restartAt the writer finishes the checkpoint between its transactions: a pass of the
    // thread would only take the checkpoint lock it needs.
    if (frames >= checkpointer->m_options.passiveAt && frames < checkpointer->m_restartAt) {
        std::lock_guard lock(checkpointer->m_mutex);
        checkpointer->m_due = true;
        checkpointer->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::restartLogIfDue()
{
    if (!m_own || m_frames < m_restartAt)
        return;
    int logFrames = 0;
    int copied = 0;
    const int rc =
        sqlite3_wal_checkpoint_v2(m_watched.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied);
    // SQLITE_BUSY: the thread's last pass is still running; the next call finds it done. Otherwise
    // the next transaction starts the log again, unless a reader still uses its frames (then some
    // were not copied, or the restart finds the reader's lock): the thread takes over again, and
    // the writer tries once more when the log has grown by passiveAt frames.
    if (rc == SQLITE_OK)
        m_restartAt = std::max(m_options.restartAt, logFrames + m_options.passiveAt);
}

void WalCheckpointer::loop()
{
    // Named after its database file, so that top -H and perf tell the threads apart (15 bytes at most).
    const std::string name = "ckpt-" + std::filesystem::path(m_watched.path()).stem().string();
    pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_due || m_stopping; });
            if (m_stopping)
                return;
            m_due = false;
        }
        // SQLITE_BUSY only means another checkpoint is running; the next commit asks again.
        sqlite3_wal_checkpoint_v2(m_own->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
}

}  // namespace alpes::storage
