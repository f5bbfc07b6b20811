#pragma once

#include "bff/storage/database.h"
#include "bff/storage/wal_checkpointer.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace alpes::storage {

// The single writer of one database. Callers submit units of work; the writer thread runs as many
// queued units as it has (up to maxBatch) in one transaction, each inside its own savepoint so one
// failing unit does not undo the others (unless the unit declares it needs none), commits once, and
// only then tells each caller its outcome. A caller that learns "ok" knows its change is committed
// (and survives kill -9).
//
// Thread-safety: submit()/run() may be called from any thread; units run on the writer thread only
// and must not call back into this writer.
class GroupCommitWriter {
public:
    struct Options {
        std::string name = "writer";
        size_t maxBatch = 2048;
        WalCheckpointer::Options checkpoints = {};
    };

    using Unit = std::function<Status(Database&)>;
    using Completion = std::function<void(Status)>;

    // What a failing unit leaves behind, and so whether it needs a savepoint of its own.
    enum class OnRefusal {
        // The unit may write before it fails: it runs in a savepoint that its failure rolls back.
        MayHaveWritten,
        // The unit checks every refusal before its first write, so an error it returns left
        // nothing to undo and it runs without a savepoint (whose journal copies every page the
        // unit touches). A throw (a storage failure) or an error returned after a write can leave
        // it half-done: the whole transaction is then rolled back and every unit in it learns that
        // failure, as when the COMMIT itself fails.
        WritesNothing,
    };

    GroupCommitWriter(Database db, Options options);
    GroupCommitWriter(const GroupCommitWriter&) = delete;
    GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;
    ~GroupCommitWriter();

    // Queues a unit; `done` runs on the writer thread after the commit (or the failure).
    void submit(Unit unit, Completion done, OnRefusal onRefusal = OnRefusal::MayHaveWritten);

    // Runs `work` in the next batch and waits for the commit. `work` returns Result<T>.
    template <typename F>
    auto run(F&& work) -> decltype(work(std::declval<Database&>()))
    {
        using R = decltype(work(std::declval<Database&>()));
        auto produced = std::make_shared<std::optional<R>>();
        std::promise<R> promise;
        auto future = promise.get_future();
        submit(
            [produced, &work](Database& db) -> Status {
                produced->emplace(work(db));
                if (!produced->value())
                    return produced->value().error();
                return {};
            },
            [produced, &promise](Status status) {
                if (!status && (!produced->has_value() || produced->value()))
                    promise.set_value(R(std::move(status).error()));  // commit failed after the unit succeeded
                else
                    promise.set_value(std::move(**produced));
            });
        return future.get();
    }

    // Called on the writer thread after every commit (e.g. to wake an outbox relay).
    void setCommitListener(std::function<void()> listener);

    // Finishes every queued unit, then stops the thread. Later submissions fail with Unavailable.
    void stop();

    size_t queued() const;

private:
    struct Pending {
        Unit unit;
        Completion done;
        OnRefusal onRefusal;
    };

    void loop();
    void runBatch(std::deque<Pending>& batch);

    Database m_db;
    Options m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    std::function<void()> m_commitListener;
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace alpes::storage
