#include "bff/http/http_server.h"

#include "bff/app/engine.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>

namespace alpes::http {

HttpServer::HttpServer(app::Engine& engine) : m_engine(engine), m_server(std::make_unique<httplib::Server>())
{
    // Without TCP_NODELAY every keep-alive response waits for the peer's delayed ACK (~40 ms).
    m_server->set_tcp_nodelay(true);
    m_server->new_task_queue = [] { return new httplib::ThreadPool(8); };
    m_server->set_keep_alive_max_count(1000);
    m_server->set_keep_alive_timeout(5);
    m_server->set_payload_max_length(4 * 1024 * 1024);
    // httplib's default also sets SO_REUSEPORT, which lets a second server bind the same port and
    // silently take half the traffic. Keep only SO_REUSEADDR (fast restarts); a clash must fail.
    m_server->set_socket_options([](socket_t socket) {
        int yes = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    addOperationalRoutes();
}

HttpServer::~HttpServer()
{
    stop();
}

void HttpServer::addOperationalRoutes()
{
    m_server->Get("/health", [](const httplib::Request&, httplib::Response& response) {
        response.set_content(nlohmann::json{{"status", "ok"}, {"version", ALPES_VERSION}}.dump(), "application/json");
    });
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
