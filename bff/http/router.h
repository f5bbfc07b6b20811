#pragma once

#include "bff/gateway/auth_service.h"
#include "bff/gateway/idempotency_store.h"
#include "bff/http/route.h"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace httplib {
class Server;
}

namespace alpes::http {

// What every request goes through around its handler, in this order: request id, CORS, the
// caller's identity and role, the rate limit, the Idempotency-Key, the handler, problem+json for
// every error, metrics and one structured access-log line (never a token, a query string or a body).
struct Pipeline {
    gateway::AuthService& auth;
    gateway::IdempotencyStore& idempotency;
    // Origins allowed to call from a browser; "*" allows any. Empty: no CORS headers at all.
    std::vector<std::string> corsOrigins;
    // The rate limit: for a key ("ip:…", "user:…", "key:…"), 0 to go on or the seconds to wait.
    std::function<std::chrono::seconds(const std::string& key)> admit;
    // Called once per answered request with its route pattern (bounded label set).
    std::function<void(std::string_view method, std::string_view route, int status, std::chrono::nanoseconds)> observe;
};

// Registers a route table on an httplib server and runs each request through the pipeline.
// Thread-safety: add routes before the server starts; requests are then handled concurrently.
class Router {
public:
    Router(httplib::Server& server, Pipeline pipeline);

    void add(std::vector<Route> routes);
    const std::vector<Route>& routes() const { return m_routes; }

private:
    void serve(const Route& route, const std::vector<std::string>& paramNames, const httplib::Request& request,
               httplib::Response& response);
    void installFallbacks();

    httplib::Server& m_server;
    Pipeline m_pipeline;
    std::vector<Route> m_routes;
};

// The path pattern as httplib's regex and the names of its {parameters}, in order.
std::pair<std::string, std::vector<std::string>> compilePattern(const std::string& pattern);

}  // namespace alpes::http
