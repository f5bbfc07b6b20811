#pragma once

#include "bff/gateway/principal.h"
#include "shared/core/result.h"
#include "shared/dto/auth.h"
#include "shared/json/json_decoder.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace alpes::http {

enum class Method { Get, Post, Patch, Delete };
std::string_view methodName(Method method);

// Who may call a route: nobody needs to sign in (open), or a signed-in user with one of `roles`,
// or (for ingest) an API key with scope ingest.
struct Access {
    bool open = false;
    std::vector<dto::Role> roles;
    bool ingestKeys = false;

    static Access anyone() { return Access{true, {}, false}; }
    static Access readers() { return Access{false, {dto::Role::Admin, dto::Role::Manager, dto::Role::Analyst, dto::Role::Partner}, false}; }
    static Access staff() { return Access{false, {dto::Role::Admin, dto::Role::Manager, dto::Role::Analyst}, false}; }
    static Access managers() { return Access{false, {dto::Role::Admin, dto::Role::Manager}, false}; }
    static Access admins() { return Access{false, {dto::Role::Admin}, false}; }
    static Access ingest() { return Access{false, {dto::Role::Admin, dto::Role::Manager}, true}; }
};

// A query parameter a route reads, for the OpenAPI document.
struct QueryParam {
    std::string name;
    std::string description;
};

// One handled request: its path parameters, who is calling, and its body.
class RequestContext {
public:
    RequestContext(const httplib::Request& request, httplib::Response& response, std::map<std::string, std::string> params,
                   std::optional<gateway::Principal> principal, std::string requestId);

    const std::string& param(const std::string& name) const;
    std::optional<std::string> query(const std::string& name) const;
    std::optional<std::string> header(const std::string& name) const;
    // The body as JSON; a Validation error on "body" when it is not JSON (or too deep, or not UTF-8).
    Result<json::Json> jsonBody() const;
    const std::string& rawBody() const;
    const std::string& remoteAddress() const;
    // The caller; absent on open routes.
    const std::optional<gateway::Principal>& principal() const { return m_principal; }
    const std::string& requestId() const { return m_requestId; }
    // For the few handlers that write the response themselves (the event stream).
    httplib::Response& rawResponse() { return m_response; }

private:
    const httplib::Request& m_request;
    httplib::Response& m_response;
    std::map<std::string, std::string> m_params;
    std::optional<gateway::Principal> m_principal;
    std::string m_requestId;
};

// What a handler answers: JSON by default; `rawBody` for other content (a GIF); `streamed` when
// the handler wrote the response itself.
struct Reply {
    int status = 200;
    json::Json body;
    std::optional<std::string> rawBody;
    std::string contentType = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    bool streamed = false;

    static Reply json(json::Json body, int status = 200) { return Reply{status, std::move(body), std::nullopt, "application/json", {}, false}; }
    static Reply noContent() { return Reply{204, nullptr, std::string(), "", {}, false}; }
};

using Handler = std::function<Result<Reply>(RequestContext&)>;

// One route of the table: the router serves it, the OpenAPI document describes it.
struct Route {
    Method method = Method::Get;
    std::string pattern;  // "/api/v1/campaigns/{id}"
    Access access;
    std::string summary;
    std::string tag;
    Handler handler;
    std::vector<QueryParam> query;
    bool jsonBody = false;   // takes a JSON request body
    int successStatus = 200;
    bool tokenInQuery = false;  // EventSource clients cannot set headers: ?token= is accepted
};

}  // namespace alpes::http
