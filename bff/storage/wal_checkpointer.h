#pragma once

#include "bff/storage/database.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace alpes::storage {

// Checkpoints a writer connection's write-ahead log on a thread of its own, so that a commit never
// waits for one. SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold,
// on the writer thread, and copies the whole log into the database: every caller of that group
// commit waits for it, which is what made the saga's p99 latency (benchmarks/results.md).
//
// After each commit of the watched connection, a log of `passiveAt` frames or more wakes the
// thread, which runs a PASSIVE checkpoint with its own connection: it copies what no reader still
// needs and never blocks the writer or the readers. The log starts again from its beginning only
// when a write transaction begins with every frame copied, which a writer that never pauses does
// not allow: each pass copies what was committed during the previous one, and the log grew to
// hundreds of MiB under bench_tracking_ingest (benchmarks/results.md). So once the log holds
// `restartAt` frames, the checkpoint thread is no longer woken, and restartLogIfDue(), which the
// writer calls between its transactions, copies what is left with the writer's own connection (the
// frames committed since the thread's last pass): the writer's next transaction then starts the
// log again. Should the log still reach `limit` frames (a reader holding an old snapshot for long),
// the commit that crosses it runs a RESTART checkpoint itself, which waits (busy timeout) for the
// readers. Neither can finish while a pass of the thread holds the checkpoint lock (SQLITE_BUSY at
// once): on a loaded machine one pass can take seconds and the log grows meanwhile (up to 799 MiB
// seen, benchmarks/results.md).
//
// Thread-safety: construct, destroy and call restartLogIfDue() on the thread that owns the watched
// connection, with no transaction open; the hook runs on that thread's commits; stop() joins the
// checkpoint thread and uninstalls the hook.
class WalCheckpointer {
public:
    struct Options {
        int passiveAt = 4096;   // frames (16 MiB of 4 KiB pages)
        int restartAt = 16384;  // frames (64 MiB: the journal_size_limit the log is cut back to)
        int limit = 131072;     // frames (512 MiB)
    };

    WalCheckpointer(Database& watched, Options options);
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;
    ~WalCheckpointer();

    // Finishes the checkpoint and so lets the next transaction start the log again, once the log
    // has reached `restartAt` frames. Cheap when not due, or when the checkpoint thread is still
    // copying (it tries again after the next transaction). If the log does not start again (a
    // reader still used it), not due again before the log has grown by `passiveAt` frames.
    void restartLogIfDue();

    void stop();

private:
    static int onCommit(void* self, sqlite3* connection, const char* schema, int frames);
    void loop();

    Database& m_watched;
    Options m_options;
    std::optional<Database> m_own;  // empty if it could not be opened: SQLite checkpoints as usual
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stopping = false;
    // When a RESTART last failed: every commit above the limit retries, but a log line every commit
    // would flood the log under load. Touched only by the hook, on the writer's thread.
    std::optional<std::chrono::steady_clock::time_point> m_lastRestartWarning;
    // Writer thread only (the hook and restartLogIfDue()): the log's frames at the last commit, and
    // the size at which restartLogIfDue() next tries.
    int m_frames = 0;
    int m_restartAt = 0;
    std::thread m_thread;
};

}  // namespace alpes::storage
