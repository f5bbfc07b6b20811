#include "bff/api/ops_routes.h"

#include "bff/api/openapi.h"

namespace alpes::api {

using http::Access;
using http::Method;
using http::Reply;
using http::RequestContext;

std::vector<http::Route> opsRoutes(ApiContext& context, std::function<const std::vector<http::Route>&()> routeTable,
                                   std::function<std::string()> metricsText)
{
    auto& engine = context.engine;
    std::vector<http::Route> routes;
    routes.push_back({Method::Get, "/health", Access::anyone(), "Liveness", "operations",
                      [](RequestContext&) -> Result<Reply> {
                          return Reply::json(json::Json{{"status", "ok"}, {"version", ALPES_VERSION}});
                      }});
    routes.push_back({Method::Get, "/ready", Access::anyone(),
                      "Readiness: databases open and migrated, saga runner alive (503 otherwise)", "operations",
                      [&engine](RequestContext&) -> Result<Reply> {
                          json::Json checks = json::Json::object();
                          bool ready = true;
                          for (const auto& check : engine.readiness()) {
                              checks[check.name] = check.status ? "ok" : check.status.error().message;
                              ready = ready && check.status;
                          }
                          return Reply::json(json::Json{{"status", ready ? "ready" : "not_ready"}, {"checks", checks}},
                                             ready ? 200 : 503);
                      }});
    routes.push_back({Method::Get, "/metrics", Access::anyone(), "Prometheus metrics", "operations",
                      [metricsText = std::move(metricsText)](RequestContext&) -> Result<Reply> {
                          return Reply{200, nullptr, metricsText(), "text/plain; version=0.0.4", {}, false};
                      }});
    routes.push_back({Method::Get, "/api/v1/openapi.json", Access::anyone(), "This API's OpenAPI 3.1 document",
                      "operations",
                      [routeTable = std::move(routeTable)](RequestContext&) -> Result<Reply> {
                          return Reply::json(openApiDocument(routeTable(), ALPES_VERSION));
                      }});
    return routes;
}

}  // namespace alpes::api
