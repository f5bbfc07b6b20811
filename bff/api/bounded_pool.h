#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace alpes::api {

// A fixed number of threads working off a bounded queue. When the queue is full trySubmit()
// refuses instead of queueing without bound or starting a thread: the caller answers "busy".
//
// The destructor stops the pool: tasks still queued are dropped (they own their state, so
// dropping them frees it), running tasks finish, and every thread is joined (no detached
// threads). Tasks that wait on purpose use sleepUnlessStopping() so that stopping cuts the wait.
//
// Thread-safety: trySubmit() and sleepUnlessStopping() may be called from any thread; the
// destructor must not run concurrently with trySubmit().
class BoundedPool {
public:
    BoundedPool(std::size_t threads, std::size_t maxQueued);
    BoundedPool(const BoundedPool&) = delete;
    BoundedPool& operator=(const BoundedPool&) = delete;
    ~BoundedPool();

    // False when `maxQueued` tasks are already waiting for a thread.
    bool trySubmit(std::function<void()> task);

    // Sleeps for `duration`, or less if the pool is being stopped.
    void sleepUnlessStopping(std::chrono::milliseconds duration);

private:
    void work();

    const std::size_t m_maxQueued;
    std::mutex m_mutex;
    std::condition_variable m_taskQueued;  // wakes workers
    std::condition_variable m_stopped;     // wakes sleepUnlessStopping()
    std::deque<std::function<void()>> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

}  // namespace alpes::api
