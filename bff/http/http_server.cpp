#include "bff/http/http_server.h"

#include <httplib.h>

#include <chrono>

namespace alpes::http {

Result<std::unique_ptr<HttpServer>> HttpServer::create(const ServerOptions& options)
{
    if (options.tlsCertificate.has_value() != options.tlsPrivateKey.has_value())
        return Error::validation("tls", "Give both a TLS certificate and its private key, or neither");
    if (options.tlsCertificate) {
        auto server = std::make_unique<httplib::SSLServer>(options.tlsCertificate->c_str(), options.tlsPrivateKey->c_str());
        if (!server->is_valid())
            return Error::unavailable("Cannot load the TLS certificate or key",
                                      options.tlsCertificate->string() + ", " + options.tlsPrivateKey->string());
        return std::unique_ptr<HttpServer>(new HttpServer(std::move(server), true, options));
    }
    return std::unique_ptr<HttpServer>(new HttpServer(std::make_unique<httplib::Server>(), false, options));
}

HttpServer::HttpServer(std::unique_ptr<httplib::Server> server, bool tls, const ServerOptions& options)
    : m_server(std::move(server)), m_tls(tls)
{
    // Without TCP_NODELAY every keep-alive response waits for the peer's delayed ACK (~40 ms).
    m_server->set_tcp_nodelay(true);
    const int threads = options.threads;
    m_server->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    m_server->set_keep_alive_max_count(static_cast<size_t>(options.keepAliveMaxRequests));
    m_server->set_keep_alive_timeout(options.keepAliveTimeout.count());
    m_server->set_read_timeout(options.readTimeout);
    m_server->set_write_timeout(options.writeTimeout);
    m_server->set_payload_max_length(options.maxBodyBytes);
    // httplib's default also sets SO_REUSEPORT, which lets a second server bind the same port and
    // silently take half the traffic. Keep only SO_REUSEADDR (fast restarts); a clash must fail.
    m_server->set_socket_options([](socket_t socket) {
        int yes = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
}

HttpServer::~HttpServer()
{
    stop();
}

Result<std::uint16_t> HttpServer::start(const std::string& host, std::uint16_t port)
{
    int bound = port;
    if (port == 0) {
        bound = m_server->bind_to_any_port(host);
    } else if (!m_server->bind_to_port(host, port)) {
        bound = -1;
    }
    if (bound <= 0)
        return Error::unavailable("Cannot listen on " + host + ":" + std::to_string(port) +
                                  " (address in use or not available)");
    m_listener = std::thread([this] { m_server->listen_after_bind(); });
    // httplib 0.11 has no wait_until_ready(): stop() is a no-op until the loop runs, so wait for it.
    while (!m_server->is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return static_cast<std::uint16_t>(bound);
}

void HttpServer::stop()
{
    if (m_server)
        m_server->stop();
    if (m_listener.joinable())
        m_listener.join();
}

}  // namespace alpes::http
