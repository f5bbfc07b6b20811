#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace alpes::app {

// Runs a function every `interval` on its own thread until stopped; stop() wakes it at once and
// joins (no detached threads). Thread-safety: start()/stop() from the owner only; runNow() and
// isAlive() from any thread.
class PeriodicTask {
public:
    PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work);
    PeriodicTask(const PeriodicTask&) = delete;
    PeriodicTask& operator=(const PeriodicTask&) = delete;
    ~PeriodicTask();

    void start();
    void stop();
    // Runs the next pass at once rather than when the interval ends (at start() when not yet
    // started); requests made before that pass begins make one pass.
    void runNow();
    // True while the thread runs and its last pass ended less than `slack` × interval ago (a pass
    // that hangs makes it false): what readiness checks. Any thread.
    bool isAlive(int slack = 5) const;

private:
    std::string m_name;
    std::chrono::milliseconds m_interval;
    std::function<void()> m_work;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    bool m_passRequested = false;
    std::atomic<std::int64_t> m_lastPassEnd{0};  // steady clock, ns since its epoch
    std::atomic<bool> m_running{false};
    std::thread m_thread;
};

}  // namespace alpes::app
