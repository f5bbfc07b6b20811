#pragma once

#include "bff/app/command_line.h"
#include "bff/app/engine.h"
#include "bff/demo/demo_runner.h"
#include "bff/http/http_server.h"

#include <memory>

namespace alpes::app {

// The whole server: the engine plus its HTTP front. Built by main() or by a test or by the
// console's demo mode; owns everything it starts and stops it in the order of architecture.md.
class BffApp {
public:
    static Result<std::unique_ptr<BffApp>> start(const BffConfig& config, const Clock& clock);
    ~BffApp();

    std::uint16_t port() const { return m_port; }
    Engine& engine() { return *m_engine; }

    // Stop accepting, finish in-flight requests, drain relays, stop writers, close databases.
    void stop();

private:
    BffApp() = default;

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<demo::DemoRunner> m_demo;  // --demo: started after the engine, stopped before it
    std::unique_ptr<http::HttpServer> m_http;
    std::uint16_t m_port = 0;
};

}  // namespace alpes::app
