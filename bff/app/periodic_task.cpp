#include "bff/app/periodic_task.h"

namespace alpes::app {

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work)
    : m_name(std::move(name)), m_interval(interval), m_work(std::move(work))
{
}

PeriodicTask::~PeriodicTask()
{
    stop();
}

void PeriodicTask::start()
{
    if (m_thread.joinable())
        return;
    m_thread = std::thread([this] {
        std::unique_lock lock(m_mutex);
        while (!m_wake.wait_for(lock, m_interval, [this] { return m_stopping; })) {
            lock.unlock();
            m_work();
            lock.lock();
        }
    });
}

void PeriodicTask::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

}  // namespace alpes::app
