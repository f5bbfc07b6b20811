#include "bff/api/commission_routes.h"

#include "bff/api/request_parsing.h"

namespace alpes::api {

using http::Access;
using http::Method;
using http::Reply;
using http::RequestContext;

std::vector<http::Route> commissionRoutes(ApiContext& context)
{
    auto& commissions = context.engine.commissions();
    std::vector<http::Route> routes;
    routes.push_back({Method::Get, "/api/v1/commissions", Access::readers(), "List commissions, newest first",
                      "commissions",
                      [&commissions](RequestContext& request) -> Result<Reply> {
                          QueryReader query(request);
                          services::commissions::CommissionFilter filter{
                              query.enumeration("state", domain::kCommissionStates), query.id<CampaignId>("campaignId"),
                              query.id<AffiliateId>("affiliateId")};
                          const auto page = query.page();
                          if (Status valid = query.status(); !valid)
                              return std::move(valid).error();
                          if (auto own = ownAffiliate(request))
                              filter.affiliateId = own;
                          auto listed = commissions.list(filter, page);
                          if (!listed)
                              return std::move(listed).error();
                          return Reply::json(pageJson(listed.value(), kToJson));
                      },
                      {{"state", "reserved, confirmed or reverted"},
                       {"campaignId", "Only this campaign's"},
                       {"affiliateId", "Only this partner's"},
                       {"limit", "Page size, 1–500 (default 50)"},
                       {"cursor", "From the previous page's nextCursor"}}});
    routes.push_back({Method::Get, "/api/v1/commissions/stats", Access::readers(),
                      "Count and amount per state (per currency)", "commissions",
                      [&commissions](RequestContext& request) -> Result<Reply> {
                          QueryReader query(request);
                          services::commissions::CommissionStatsFilter filter{query.id<CampaignId>("campaignId"),
                                                                              query.id<AffiliateId>("affiliateId")};
                          if (Status valid = query.status(); !valid)
                              return std::move(valid).error();
                          if (auto own = ownAffiliate(request))
                              filter.affiliateId = own;
                          return replyWith(commissions.stats(filter), kToJson);
                      },
                      {{"campaignId", "Only this campaign's"}, {"affiliateId", "Only this partner's"}}});
    routes.push_back({Method::Get, "/api/v1/commissions/{id}", Access::readers(), "One commission", "commissions",
                      [&commissions](RequestContext& request) -> Result<Reply> {
                          auto commission = commissions.get(CommissionId(request.param("id")));
                          if (!commission)
                              return std::move(commission).error();
                          if (Status own = checkOwnAffiliate(request, commission->affiliateId, "commission"); !own)
                              return std::move(own).error();
                          return Reply::json(toJson(commission.value()));
                      }});
    routes.push_back({Method::Post, "/api/v1/commissions/{id}/confirm", Access::managers(),
                      "Confirm a reserved commission before its hold period ends", "commissions",
                      [&commissions](RequestContext& request) -> Result<Reply> {
                          return replyWith(commissions.confirm(CommissionId(request.param("id"))), kToJson);
                      }});
    routes.push_back({Method::Post, "/api/v1/commissions/confirm-batch", Access::managers(),
                      "Confirm commissions by id, or every one reserved before a time", "commissions",
                      [&commissions](RequestContext& request) -> Result<Reply> {
                          auto batch = decodeBody(request, dto::decodeConfirmBatchRequest);
                          if (!batch)
                              return std::move(batch).error();
                          if (batch->olderThan)
                              return replyWith(commissions.confirmOlderThan(*batch->olderThan), kToJson);
                          return replyWith(commissions.confirmBatch(batch->ids), kToJson);
                      },
                      {}, true});
    return routes;
}

}  // namespace alpes::api
