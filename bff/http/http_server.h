#pragma once

#include "shared/core/result.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace alpes::http {

struct ServerOptions {
    // Handler threads. Each keep-alive connection holds one while it is open, so size it for the
    // expected concurrent connections (SSE clients included), not for the cores.
    int threads = 32;
    size_t maxBodyBytes = 4 * 1024 * 1024;
    int keepAliveMaxRequests = 1000;
    std::chrono::seconds keepAliveTimeout{5};
    std::chrono::seconds readTimeout{10};
    // A client that stops reading (a stalled SSE client) frees its thread after this long.
    std::chrono::seconds writeTimeout{10};
    // TLS when both are given (PEM files).
    std::optional<std::filesystem::path> tlsCertificate;
    std::optional<std::filesystem::path> tlsPrivateKey;
};

// The HTTP listener of the BFF on cpp-httplib: owns the server and its listener thread; routes are
// added through server() by the Router before start().
// Thread-safety: start()/stop() from the owning thread; handlers run on httplib's pool.
class HttpServer {
public:
    // Unavailable when the TLS certificate or key cannot be loaded.
    static Result<std::unique_ptr<HttpServer>> create(const ServerOptions& options);
    ~HttpServer();

    httplib::Server& server() { return *m_server; }
    bool tls() const { return m_tls; }

    // Binds (port 0 picks a free one) and starts serving on its own thread.
    Result<std::uint16_t> start(const std::string& host, std::uint16_t port);
    // Stops accepting, lets in-flight requests finish, joins the listener.
    void stop();

private:
    HttpServer(std::unique_ptr<httplib::Server> server, bool tls, const ServerOptions& options);

    std::unique_ptr<httplib::Server> m_server;
    bool m_tls = false;
    std::thread m_listener;
};

}  // namespace alpes::http
