#include "bff/api/openapi.h"

#include <algorithm>
#include <cctype>

namespace alpes::api {
namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// "POST /api/v1/campaigns/{id}/activate" → "postCampaignsIdActivate"
std::string operationId(const http::Route& route)
{
    std::string id = lower(http::methodName(route.method));
    bool upper = true;
    std::string_view path = route.pattern;
    if (path.starts_with("/api/v1"))
        path.remove_prefix(7);
    for (char c : path) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            upper = true;
            continue;
        }
        id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return id;
}

std::string statusText(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted: durably stored";
    case 204: return "Done; no content";
    case 302: return "Redirect to the destination";
    default: return "Success";
    }
}

json::Json problemResponse(std::string description)
{
    return json::Json{{"description", std::move(description)},
                      {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

json::Json operation(const http::Route& route)
{
    json::Json parameters = json::Json::array();
    for (size_t open = route.pattern.find('{'); open != std::string::npos; open = route.pattern.find('{', open + 1)) {
        const auto close = route.pattern.find('}', open);
        parameters.push_back({{"name", route.pattern.substr(open + 1, close - open - 1)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
    }
    for (const auto& query : route.query)
        parameters.push_back({{"name", query.name},
                              {"in", "query"},
                              {"required", false},
                              {"description", query.description},
                              {"schema", {{"type", "string"}}}});
    if (route.method != http::Method::Get)
        parameters.push_back({{"name", "Idempotency-Key"},
                              {"in", "header"},
                              {"required", false},
                              {"description", "Replays the first answer for the same key and body; 422 for another body"},
                              {"schema", {{"type", "string"}, {"maxLength", 200}}}});

    json::Json responses{{std::to_string(route.successStatus), {{"description", statusText(route.successStatus)}}},
                         {"400", problemResponse("Invalid request: `errors` names every field at fault")},
                         {"404", problemResponse("Unknown resource")},
                         {"429", problemResponse("Rate limited; see Retry-After")}};
    json::Json op{{"operationId", operationId(route)},
                  {"summary", route.summary},
                  {"tags", json::Json::array({route.tag})},
                  {"parameters", parameters},
                  {"responses", responses}};
    if (route.jsonBody)
        op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", json::Json::object()}}}}}};
    if (route.access.open) {
        op["security"] = json::Json::array();
    } else {
        op["responses"]["401"] = problemResponse("Not signed in, or the token is expired or revoked");
        op["responses"]["403"] = problemResponse("The caller's role may not do this");
        json::Json roles = json::Json::array();
        for (auto role : route.access.roles)
            roles.push_back(dto::kRoles.name(role));
        if (route.access.ingestKeys)
            roles.push_back("api-key:ingest");
        op["x-roles"] = roles;
    }
    return op;
}

}  // namespace

json::Json openApiDocument(const std::vector<http::Route>& routes, std::string_view version)
{
    json::Json paths = json::Json::object();
    for (const auto& route : routes)
        paths[route.pattern][lower(http::methodName(route.method))] = operation(route);
    return json::Json{
        {"openapi", "3.1.0"},
        {"info",
         {{"title", "Alpes Partners BFF"},
          {"version", std::string(version)},
          {"description", "Partner-marketing platform: campaigns, partners, tracking, commissions and the conversion saga."}}},
        {"servers", json::Json::array({{{"url", "/"}}})},
        {"security", json::Json::array({{{"bearer", json::Json::array()}}})},
        {"paths", paths},
        {"components",
         {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
          {"schemas",
           {{"Problem",
             {{"type", "object"},
              {"required", json::Json::array({"type", "title", "status"})},
              {"properties",
               {{"type", {{"type", "string"}}},
                {"title", {{"type", "string"}}},
                {"status", {{"type", "integer"}}},
                {"detail", {{"type", "string"}}},
                {"errors",
                 {{"type", "array"},
                  {"items",
                   {{"type", "object"},
                    {"properties", {{"field", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}}}}}}}}};
}

}  // namespace alpes::api
