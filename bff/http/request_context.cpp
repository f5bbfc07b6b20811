#include "bff/http/route.h"

#include <httplib.h>

namespace alpes::http {

std::string_view methodName(Method method)
{
    switch (method) {
    case Method::Get: return "GET";
    case Method::Post: return "POST";
    case Method::Patch: return "PATCH";
    case Method::Delete: return "DELETE";
    }
    return "GET";
}

RequestContext::RequestContext(const httplib::Request& request, httplib::Response& response,
                               std::map<std::string, std::string> params, std::optional<gateway::Principal> principal,
                               std::string requestId)
    : m_request(request),
      m_response(response),
      m_params(std::move(params)),
      m_principal(std::move(principal)),
      m_requestId(std::move(requestId))
{
}

const std::string& RequestContext::param(const std::string& name) const
{
    static const std::string kEmpty;
    const auto found = m_params.find(name);
    return found == m_params.end() ? kEmpty : found->second;
}

std::optional<std::string> RequestContext::query(const std::string& name) const
{
    if (!m_request.has_param(name.c_str()))
        return std::nullopt;
    return m_request.get_param_value(name.c_str());
}

std::optional<std::string> RequestContext::header(const std::string& name) const
{
    if (!m_request.has_header(name.c_str()))
        return std::nullopt;
    return m_request.get_header_value(name.c_str());
}

Result<json::Json> RequestContext::jsonBody() const
{
    if (m_request.body.empty())
        return Error::validation("body", "A JSON body is required");
    auto parsed = json::parse(m_request.body);
    if (!parsed)
        return Error::validation("body", parsed.error().message);
    return parsed;
}

const std::string& RequestContext::rawBody() const
{
    return m_request.body;
}

const std::string& RequestContext::remoteAddress() const
{
    return m_request.remote_addr;
}

}  // namespace alpes::http
