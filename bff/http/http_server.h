#pragma once

#include "shared/core/result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace alpes::app {
class Engine;
}

namespace alpes::http {

// The HTTP front of the BFF on cpp-httplib: owns the listener thread. Routes are added by the
// API layer; this class serves the operational ones (/health).
// Thread-safety: start()/stop() from the owning thread; handlers run on httplib's pool.
class HttpServer {
public:
    explicit HttpServer(app::Engine& engine);
    ~HttpServer();

    // Binds (port 0 picks a free one) and starts serving on its own thread.
    Result<std::uint16_t> start(const std::string& host, std::uint16_t port);
    // Stops accepting, lets in-flight requests finish, joins the listener.
    void stop();

private:
    void addOperationalRoutes();

    app::Engine& m_engine;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_listener;
};

}  // namespace alpes::http
