#pragma once

#include "desktop/app/demo_server.h"

#include <QObject>

#include <memory>
#include <mutex>
#include <thread>

namespace alpes::app {
class BffApp;
}
namespace alpes {
class SystemClock;
}

namespace alpes::console {

// "Demo mode (offline)": the whole BFF — engine, demo world, simulator, REST API — started
// in-process on an ephemeral loopback port in a fresh temporary data directory, which the console
// then talks to like to any server. Starting (seeding the world takes a few seconds) runs on a
// worker thread; the answer comes back on the GUI thread. The server stops with this object.
// Thread-safety: a GUI-thread object.
class EmbeddedDemoServer final : public QObject, public DemoServer {
    Q_OBJECT

public:
    EmbeddedDemoServer();
    ~EmbeddedDemoServer() override;

    void start(const QObject* context, std::function<void(Result<DemoEndpoint>)> done) override;

private:
    std::unique_ptr<SystemClock> m_clock;
    std::mutex m_mutex;  // m_app is set by the starter thread
    std::unique_ptr<app::BffApp> m_app;
    std::thread m_starter;
};

}  // namespace alpes::console
