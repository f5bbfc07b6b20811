#include "bff/api/affiliate_routes.h"

#include "bff/api/request_parsing.h"

namespace alpes::api {

using http::Access;
using http::Method;
using http::Reply;
using http::RequestContext;

std::vector<http::Route> affiliateRoutes(ApiContext& context)
{
    auto& affiliates = context.engine.affiliates();
    std::vector<http::Route> routes;
    routes.push_back({Method::Get, "/api/v1/affiliates", Access::readers(), "List partners", "affiliates",
                      [&affiliates](RequestContext& request) -> Result<Reply> {
                          QueryReader query(request);
                          services::affiliates::AffiliateFilter filter{
                              query.enumeration("status", domain::kAffiliateStates),
                              query.enumeration("kind", domain::kAffiliateKinds), query.text("q", 100)};
                          const auto page = query.page();
                          if (Status valid = query.status(); !valid)
                              return std::move(valid).error();
                          // A partner's list holds only itself.
                          if (auto own = ownAffiliate(request)) {
                              auto self = affiliates.get(*own);
                              Page<dto::Affiliate> mine;
                              if (self && !page.after)
                                  mine.items.push_back(std::move(self).value());
                              return Reply::json(pageJson(mine, kToJson));
                          }
                          auto listed = affiliates.list(filter, page);
                          if (!listed)
                              return std::move(listed).error();
                          return Reply::json(pageJson(listed.value(), kToJson));
                      },
                      {{"status", "pending, active or suspended"},
                       {"kind", "affiliate or influencer"},
                       {"q", "Part of the name or email"},
                       {"limit", "Page size, 1–500 (default 50)"},
                       {"cursor", "From the previous page's nextCursor"}}});
    routes.push_back({Method::Post, "/api/v1/affiliates", Access::managers(), "Register a partner", "affiliates",
                      [&affiliates](RequestContext& request) -> Result<Reply> {
                          auto registration = decodeBody(request, dto::decodeAffiliateRegistration);
                          if (!registration)
                              return std::move(registration).error();
                          return replyWith(affiliates.registerAffiliate(registration.value()), kToJson, 201);
                      },
                      {}, true, 201});
    routes.push_back({Method::Get, "/api/v1/affiliates/{id}", Access::readers(), "One partner", "affiliates",
                      [&affiliates](RequestContext& request) -> Result<Reply> {
                          const AffiliateId id(request.param("id"));
                          if (Status own = checkOwnAffiliate(request, id, "partner"); !own)
                              return std::move(own).error();
                          return replyWith(affiliates.get(id), kToJson);
                      }});
    routes.push_back({Method::Post, "/api/v1/affiliates/{id}/approve", Access::managers(), "Approve a pending partner",
                      "affiliates",
                      [&affiliates](RequestContext& request) -> Result<Reply> {
                          return replyWith(affiliates.approve(AffiliateId(request.param("id"))), kToJson);
                      }});
    routes.push_back({Method::Post, "/api/v1/affiliates/{id}/suspend", Access::managers(),
                      "Suspend an active partner, with a reason", "affiliates",
                      [&affiliates](RequestContext& request) -> Result<Reply> {
                          auto reason = decodeBody(request, decodeReasonBody);
                          if (!reason)
                              return std::move(reason).error();
                          return replyWith(affiliates.suspend(AffiliateId(request.param("id")), reason.value()), kToJson);
                      },
                      {}, true});
    routes.push_back({Method::Post, "/api/v1/affiliates/{id}/reinstate", Access::managers(),
                      "Reinstate a suspended partner", "affiliates",
                      [&affiliates](RequestContext& request) -> Result<Reply> {
                          return replyWith(affiliates.reinstate(AffiliateId(request.param("id"))), kToJson);
                      }});
    return routes;
}

}  // namespace alpes::api
