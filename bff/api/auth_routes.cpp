#include "bff/api/auth_routes.h"

#include "bff/api/request_parsing.h"

namespace alpes::api {

using http::Access;
using http::Method;
using http::Reply;
using http::RequestContext;

std::vector<http::Route> authRoutes(ApiContext& context)
{
    auto& auth = context.auth;
    std::vector<http::Route> routes;
    routes.push_back({Method::Post, "/api/v1/auth/login", Access::anyone(), "Sign in; answers a bearer token", "auth",
                      [&auth](RequestContext& request) -> Result<Reply> {
                          auto login = decodeBody(request, dto::decodeLoginRequest);
                          if (!login)
                              return std::move(login).error();
                          auto session = auth.login(login.value());
                          if (!session)
                              return std::move(session).error();
                          return Reply::json(toJson(session.value()));
                      },
                      {}, true});
    routes.push_back({Method::Post, "/api/v1/auth/logout", Access::readers(), "Sign out: revokes the token", "auth",
                      [&auth](RequestContext& request) -> Result<Reply> {
                          auto header = request.header("Authorization").value_or("");
                          const auto token = header.size() > 7 ? header.substr(7) : std::string();
                          if (Status done = auth.logout(*request.principal(), token); !done)
                              return std::move(done).error();
                          return Reply::noContent();
                      },
                      {}, false, 204});
    routes.push_back({Method::Get, "/api/v1/auth/me", Access::readers(), "Who is signed in", "auth",
                      [](RequestContext& request) -> Result<Reply> {
                          const auto& principal = *request.principal();
                          return Reply::json(toJson(dto::Me{principal.name, *principal.role, principal.affiliateId,
                                                            principal.expiresAt}));
                      }});
    routes.push_back({Method::Get, "/api/v1/users", Access::admins(), "List users", "users",
                      [&auth](RequestContext& request) -> Result<Reply> {
                          QueryReader query(request);
                          const auto page = query.page();
                          if (Status valid = query.status(); !valid)
                              return std::move(valid).error();
                          auto users = auth.listUsers(page);
                          if (!users)
                              return std::move(users).error();
                          return Reply::json(pageJson(users.value(), [](const dto::User& user) { return toJson(user); }));
                      },
                      {{"limit", "Page size, 1–500 (default 50)"}, {"cursor", "From the previous page's nextCursor"}}});
    routes.push_back({Method::Post, "/api/v1/users", Access::admins(), "Create a user", "users",
                      [&context](RequestContext& request) -> Result<Reply> {
                          auto user = decodeBody(request, dto::decodeNewUser);
                          if (!user)
                              return std::move(user).error();
                          if (user->affiliateId && !context.engine.affiliates().get(*user->affiliateId))
                              return Error::validation("affiliateId", "No partner with this id");
                          auto created = context.auth.createUser(user.value());
                          if (!created)
                              return std::move(created).error();
                          return Reply::json(toJson(created.value()), 201);
                      },
                      {}, true, 201});
    routes.push_back({Method::Post, "/api/v1/api-keys", Access::admins(),
                      "Create an API key (its secret is shown only in this answer)", "users",
                      [&auth](RequestContext& request) -> Result<Reply> {
                          auto key = decodeBody(request, dto::decodeNewApiKey);
                          if (!key)
                              return std::move(key).error();
                          auto created = auth.createApiKey(key.value(), *request.principal());
                          if (!created)
                              return std::move(created).error();
                          return Reply::json(toJson(created.value()), 201);
                      },
                      {}, true, 201});
    routes.push_back({Method::Delete, "/api/v1/api-keys/{id}", Access::admins(), "Revoke an API key", "users",
                      [&auth](RequestContext& request) -> Result<Reply> {
                          if (Status revoked = auth.revokeApiKey(request.param("id")); !revoked)
                              return std::move(revoked).error();
                          return Reply::noContent();
                      },
                      {}, false, 204});
    return routes;
}

}  // namespace alpes::api
