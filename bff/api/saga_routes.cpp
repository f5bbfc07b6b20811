#include "bff/api/saga_routes.h"

#include "bff/api/request_parsing.h"

namespace alpes::api {

using http::Access;
using http::Method;
using http::Reply;
using http::RequestContext;

std::vector<http::Route> sagaRoutes(ApiContext& context)
{
    auto& sagas = context.engine.sagas();
    std::vector<http::Route> routes;
    routes.push_back({Method::Get, "/api/v1/sagas", Access::staff(), "List conversion sagas, newest first", "sagas",
                      [&sagas](RequestContext& request) -> Result<Reply> {
                          QueryReader query(request);
                          saga::SagaFilter filter{query.enumeration("state", dto::kSagaStates),
                                                  query.id<CampaignId>("campaignId")};
                          const auto page = query.page();
                          if (Status valid = query.status(); !valid)
                              return std::move(valid).error();
                          auto listed = sagas.list(filter, page);
                          if (!listed)
                              return std::move(listed).error();
                          return Reply::json(pageJson(listed.value(), kToJson));
                      },
                      {{"state", "started, attributed, reserved, completed, unattributed, compensating, compensated or failed"},
                       {"campaignId", "Only this campaign's"},
                       {"limit", "Page size, 1–500 (default 50)"},
                       {"cursor", "From the previous page's nextCursor"}}});
    routes.push_back({Method::Get, "/api/v1/sagas/{id}", Access::staff(), "One saga with its timeline", "sagas",
                      [&sagas](RequestContext& request) -> Result<Reply> {
                          return replyWith(sagas.get(SagaId(request.param("id"))), kToJson);
                      }});
    routes.push_back({Method::Post, "/api/v1/sagas/{id}/retry", Access::managers(),
                      "Retry a failed saga's failed step", "sagas",
                      [&sagas](RequestContext& request) -> Result<Reply> {
                          return replyWith(sagas.retry(SagaId(request.param("id"))), kToJson);
                      }});
    routes.push_back({Method::Post, "/api/v1/sagas/{id}/abort", Access::managers(),
                      "Abort a saga: compensate it, or give up on a failed one", "sagas",
                      [&sagas](RequestContext& request) -> Result<Reply> {
                          return replyWith(sagas.abort(SagaId(request.param("id"))), kToJson);
                      }});
    routes.push_back({Method::Post, "/api/v1/conversions/{id}/fraud", Access::managers(),
                      "Flag a conversion as fraud: its saga compensates (a clawback once completed)", "sagas",
                      [&sagas](RequestContext& request) -> Result<Reply> {
                          auto reason = decodeBody(request, decodeReasonBody);
                          if (!reason)
                              return std::move(reason).error();
                          return replyWith(sagas.flagFraud(ConversionId(request.param("id")), reason.value()), kToJson,
                                           202);
                      },
                      {}, true, 202});
    return routes;
}

}  // namespace alpes::api
