#include "bff/http/router.h"

#include "bff/gateway/secrets.h"
#include "bff/http/problem_response.h"
#include "shared/core/uuid.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace alpes::http {
namespace {

constexpr size_t kMaxIdempotencyKeyLength = 200;
constexpr std::string_view kAllowedHeaders = "Authorization, Content-Type, Idempotency-Key, Last-Event-ID, X-Request-Id";

bool isSafeRequestId(const std::string& id)
{
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
}

std::optional<std::string> allowedOrigin(const std::vector<std::string>& allowed, const httplib::Request& request)
{
    if (allowed.empty() || !request.has_header("Origin"))
        return std::nullopt;
    const auto origin = request.get_header_value("Origin");
    for (const auto& candidate : allowed)
        if (candidate == "*" || candidate == origin)
            return origin;
    return std::nullopt;
}

void addCorsHeaders(const std::vector<std::string>& allowed, const httplib::Request& request,
                    httplib::Response& response)
{
    if (auto origin = allowedOrigin(allowed, request)) {
        response.set_header("Access-Control-Allow-Origin", *origin);
        response.set_header("Vary", "Origin");
        response.set_header("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, Idempotent-Replayed");
    }
}

std::optional<std::string> bearerOf(const httplib::Request& request, bool tokenInQuery)
{
    if (request.has_header("Authorization")) {
        const auto value = request.get_header_value("Authorization");
        constexpr std::string_view kScheme = "Bearer ";
        if (value.size() > kScheme.size() && std::equal(kScheme.begin(), kScheme.end(), value.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            }))
            return value.substr(kScheme.size());
        return std::string();  // present but not a bearer token: refused below
    }
    if (tokenInQuery && request.has_param("token"))
        return request.get_param_value("token");
    return std::nullopt;
}

bool mayCall(const Access& access, const gateway::Principal& principal)
{
    if (principal.kind == gateway::Principal::Kind::ApiKey)
        return access.ingestKeys && principal.scope == dto::ApiKeyScope::Ingest;
    return principal.role && std::find(access.roles.begin(), access.roles.end(), *principal.role) != access.roles.end();
}

void writeReply(httplib::Response& response, Reply& reply)
{
    if (reply.streamed) {
        response.status = 200;  // the handler set up a stream; httplib would default it only later
        return;
    }
    response.status = reply.status;
    for (auto& [name, value] : reply.headers)
        response.set_header(name, value);
    if (reply.rawBody)
        response.set_content(*reply.rawBody, reply.contentType);
    else if (reply.status != 204)
        response.set_content(reply.body.dump(-1, ' ', false, json::Json::error_handler_t::replace), reply.contentType);
}

}  // namespace

std::pair<std::string, std::vector<std::string>> compilePattern(const std::string& pattern)
{
    std::string regex;
    std::vector<std::string> names;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            const auto end = pattern.find('}', i);
            names.push_back(pattern.substr(i + 1, end - i - 1));
            regex += "([^/]+)";
            i = end;
        } else if (std::string_view(".+*?()[]^$|\\").find(pattern[i]) != std::string_view::npos) {
            regex += '\\';
            regex += pattern[i];
        } else {
            regex += pattern[i];
        }
    }
    return {regex, names};
}

Router::Router(httplib::Server& server, Pipeline pipeline) : m_server(server), m_pipeline(std::move(pipeline))
{
    installFallbacks();
}

void Router::add(std::vector<Route> routes)
{
    // httplib tries patterns in registration order: fixed paths before parameterised ones, so that
    // /commissions/stats is not taken for /commissions/{id}.
    std::stable_sort(routes.begin(), routes.end(), [](const Route& a, const Route& b) {
        return std::count(a.pattern.begin(), a.pattern.end(), '{') < std::count(b.pattern.begin(), b.pattern.end(), '{');
    });
    for (auto& route : routes) {
        m_routes.push_back(std::move(route));
    }
    // Registered once all are stored: the handlers keep pointers into m_routes.
    for (const auto& route : m_routes) {
        auto [regex, names] = compilePattern(route.pattern);
        auto handler = [this, &route, names = std::move(names)](const httplib::Request& request,
                                                                 httplib::Response& response) {
            serve(route, names, request, response);
        };
        switch (route.method) {
        case Method::Get: m_server.Get(regex, handler); break;
        case Method::Post: m_server.Post(regex, handler); break;
        case Method::Patch: m_server.Patch(regex, handler); break;
        case Method::Delete: m_server.Delete(regex, handler); break;
        }
    }
}

void Router::installFallbacks()
{
    // httplib answers unknown paths (404), oversized bodies (413), long URIs (414) and unreadable
    // requests (400) itself with an empty body: give them the API's problem+json too.
    m_server.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& request,
                                                                           httplib::Response& response) {
        addCorsHeaders(m_pipeline.corsOrigins, request, response);
        if (!response.body.empty())
            return httplib::Server::HandlerResponse::Unhandled;
        const int status = response.status;
        std::string message = "The request could not be handled";
        ErrorCode code = ErrorCode::Validation;
        if (status == 404) {
            code = ErrorCode::NotFound;
            message = "No such resource: " + request.method + " " + request.path;
        } else if (status == 413) {
            message = "The request body is too large";
        } else if (status == 414) {
            message = "The request URI is too long";
        } else if (status >= 500) {
            code = ErrorCode::Internal;
            message = "Internal error";
        }
        writeProblem(response, Error{code, message, {}, {}}, status);
        return httplib::Server::HandlerResponse::Handled;
    }));
    m_server.set_exception_handler([](const httplib::Request& request, httplib::Response& response, std::exception_ptr) {
        spdlog::error("unhandled exception in {} {}", request.method, request.path);
        writeProblem(response, Error::internal("Internal error"), 500);
    });
    // CORS preflight: browsers ask before a cross-origin call with custom headers.
    m_server.Options(".*", [this](const httplib::Request& request, httplib::Response& response) {
        response.status = 204;
        if (allowedOrigin(m_pipeline.corsOrigins, request)) {
            addCorsHeaders(m_pipeline.corsOrigins, request, response);
            response.set_header("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
            response.set_header("Access-Control-Allow-Headers", std::string(kAllowedHeaders));
            response.set_header("Access-Control-Max-Age", "600");
        }
    });
}

void Router::serve(const Route& route, const std::vector<std::string>& paramNames, const httplib::Request& request,
                   httplib::Response& response)
{
    const auto started = std::chrono::steady_clock::now();
    auto requestId = request.get_header_value("X-Request-Id");
    if (!isSafeRequestId(requestId))
        requestId = newUuidV7();
    response.set_header("X-Request-Id", requestId);
    addCorsHeaders(m_pipeline.corsOrigins, request, response);

    std::optional<gateway::Principal> principal;
    std::string principalName = "-";
    auto finish = [&] {
        const auto elapsed = std::chrono::steady_clock::now() - started;
        if (m_pipeline.observe)
            m_pipeline.observe(methodName(route.method), route.pattern, response.status, elapsed);
        spdlog::info(R"({{"event":"request","requestId":"{}","method":"{}","route":"{}","status":{},"ms":{:.3f},"principal":"{}","ip":"{}"}})",
                     requestId, methodName(route.method), route.pattern, response.status,
                     std::chrono::duration<double, std::milli>(elapsed).count(), principalName, request.remote_addr);
    };
    auto fail = [&](const Error& error) {
        writeProblem(response, error);
        finish();
    };

    const auto bearer = bearerOf(request, route.tokenInQuery);
    if (!route.access.open) {
        if (!bearer) {
            response.set_header("WWW-Authenticate", "Bearer");
            return fail(Error::unauthorized("Sign in first: send Authorization: Bearer <token>"));
        }
        auto who = m_pipeline.auth.authenticate(*bearer);
        if (!who) {
            response.set_header("WWW-Authenticate", R"(Bearer error="invalid_token")");
            return fail(who.error());
        }
        principal = std::move(who).value();
        principalName = principal->name;
        if (!mayCall(route.access, *principal))
            return fail(Error::forbidden("Your role may not do this"));
    }
    // Whose rate limit and idempotency keys the request counts against: its principal, or the
    // client address of an anonymous call.
    const std::string owner = principal ? principal->key() : "ip:" + request.remote_addr;
    if (m_pipeline.admit) {
        const auto wait = m_pipeline.admit(owner);
        if (wait.count() > 0) {
            response.set_header("Retry-After", std::to_string(wait.count()));
            return fail(Error::rateLimited("Too many requests; retry after " + std::to_string(wait.count()) + " s"));
        }
    }

    std::optional<std::string> idempotencyKey;
    if (route.method != Method::Get && request.has_header("Idempotency-Key")) {
        idempotencyKey = request.get_header_value("Idempotency-Key");
        if (idempotencyKey->empty() || idempotencyKey->size() > kMaxIdempotencyKeyLength)
            return fail(Error::validation("Idempotency-Key", "Must be 1 to 200 characters"));
        auto claim = m_pipeline.idempotency.claim(owner, *idempotencyKey, std::string(methodName(route.method)),
                                                  request.path, gateway::secretDigest(request.body));
        if (!claim)
            return fail(claim.error());
        switch (claim->verdict) {
        case gateway::IdempotencyStore::Verdict::Proceed: break;
        case gateway::IdempotencyStore::Verdict::Replay:
            response.status = claim->response->status;
            response.set_header("Idempotent-Replayed", "true");
            response.set_content(claim->response->body, claim->response->contentType);
            return finish();
        case gateway::IdempotencyStore::Verdict::Mismatch:
            writeProblem(response,
                         Error{ErrorCode::Validation,
                               "This Idempotency-Key was used for a different request",
                               {},
                               {FieldError{"Idempotency-Key", "Already used with another body or path"}}},
                         422);
            return finish();
        case gateway::IdempotencyStore::Verdict::InProgress:
            return fail(Error::conflict("A request with this Idempotency-Key is still being handled"));
        }
    }

    std::map<std::string, std::string> params;
    for (size_t i = 0; i < paramNames.size() && i + 1 < request.matches.size(); ++i)
        params[paramNames[i]] = request.matches[static_cast<int>(i + 1)].str();
    RequestContext context(request, response, std::move(params), principal, requestId);
    Result<Reply> reply = Error::internal("Internal error");
    try {
        reply = route.handler(context);
    } catch (const std::exception& error) {
        spdlog::error(R"({{"event":"handler_exception","requestId":"{}","route":"{}","what":"{}"}})", requestId,
                      route.pattern, error.what());
        reply = Error::internal("Internal error");
    }
    if (reply) {
        writeReply(response, reply.value());
    } else {
        writeProblem(response, reply.error());
    }

    if (idempotencyKey) {
        const Status kept = response.status >= 500 || response.status == 429
                                ? m_pipeline.idempotency.abandon(owner, *idempotencyKey)
                                : m_pipeline.idempotency.complete(
                                      owner, *idempotencyKey,
                                      {response.status, response.get_header_value("Content-Type"), response.body});
        if (!kept)
            spdlog::warn(R"({{"event":"idempotency_not_kept","requestId":"{}","error":"{}"}})", requestId,
                         kept.error().message);
    }
    finish();
}

}  // namespace alpes::http
