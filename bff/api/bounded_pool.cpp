#include "bff/api/bounded_pool.h"

#include <cassert>

namespace alpes::api {

BoundedPool::BoundedPool(std::size_t threads, std::size_t maxQueued) : m_maxQueued(maxQueued)
{
    assert(threads >= 1 && maxQueued >= 1);
    m_threads.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i)
        m_threads.emplace_back([this] { work(); });
}

BoundedPool::~BoundedPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_taskQueued.notify_all();
    m_stopped.notify_all();
    for (std::thread& thread : m_threads)
        thread.join();
}

bool BoundedPool::trySubmit(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_queue.size() >= m_maxQueued)
            return false;
        m_queue.push_back(std::move(task));
    }
    m_taskQueued.notify_one();
    return true;
}

void BoundedPool::sleepUnlessStopping(std::chrono::milliseconds duration)
{
    std::unique_lock lock(m_mutex);
    m_stopped.wait_for(lock, duration, [this] { return m_stopping; });
}

void BoundedPool::work()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_taskQueued.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_stopping)
            return;
        std::function<void()> task = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        task();
        task = nullptr;  // release what the task owns outside the lock
        lock.lock();
    }
}

}  // namespace alpes::api
