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
    m_lastPassEnd = std::chrono::steady_clock::now().time_since_epoch().count();
    m_running = true;
    m_thread = std::thread([this] {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            m_wake.wait_for(lock, m_interval, [this] { return m_stopping || m_passRequested; });
            if (m_stopping)
                break;
            m_passRequested = false;
            lock.unlock();
            m_work();
            m_lastPassEnd = std::chrono::steady_clock::now().time_since_epoch().count();
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
    m_running = false;
}

void PeriodicTask::runNow()
{
    {
        std::lock_guard lock(m_mutex);
        m_passRequested = true;
    }
    m_wake.notify_all();
}

bool PeriodicTask::isAlive(int slack) const
{
    const auto lastPass = std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(m_lastPassEnd.load()));
    return m_running && std::chrono::steady_clock::now() - lastPass < slack * m_interval + std::chrono::seconds(1);
}

}  // namespace alpes::app
