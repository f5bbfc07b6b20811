#include "bff/api/campaign_routes.h"

#include "bff/api/request_parsing.h"

namespace alpes::api {

using http::Access;
using http::Method;
using http::Reply;
using http::RequestContext;
using services::marketing::MarketingService;

namespace {

constexpr size_t kMaxEnrolment = 500;
constexpr std::chrono::days kDefaultStatsSpan{30};
constexpr std::chrono::minutes kDefaultSeriesSpan{60};

Result<std::vector<AffiliateId>> decodeEnrolment(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto ids = reader.stringArray("affiliateIds", true, kMaxEnrolment, 100);
    reader.rejectUnknownFields();
    if (ids && ids->empty())
        reader.fail("affiliateIds", "Must hold at least one id");
    if (!errors.empty())
        return errors.status().error();
    std::vector<AffiliateId> affiliateIds;
    for (auto& id : *ids)
        affiliateIds.emplace_back(std::move(id));
    return affiliateIds;
}

using Lifecycle = Result<dto::Campaign> (MarketingService::*)(const CampaignId&);

http::Route lifecycleRoute(MarketingService& marketing, std::string action, Lifecycle change, std::string summary)
{
    return {Method::Post, "/api/v1/campaigns/{id}/" + action, Access::managers(), std::move(summary), "campaigns",
            [&marketing, change](RequestContext& request) -> Result<Reply> {
                return replyWith((marketing.*change)(CampaignId(request.param("id"))), kToJson);
            }};
}

}  // namespace

std::vector<http::Route> campaignRoutes(ApiContext& context)
{
    auto& marketing = context.engine.marketing();
    auto& tracking = context.engine.tracking();
    const Clock& clock = context.clock;
    std::vector<http::Route> routes;
    routes.push_back({Method::Get, "/api/v1/campaigns", Access::readers(), "List campaigns", "campaigns",
                      [&marketing](RequestContext& request) -> Result<Reply> {
                          QueryReader query(request);
                          services::marketing::CampaignFilter filter{query.enumeration("state", domain::kCampaignStates),
                                                                     query.text("q", 100)};
                          const auto page = query.page();
                          if (Status valid = query.status(); !valid)
                              return std::move(valid).error();
                          auto listed = marketing.list(filter, page);
                          if (!listed)
                              return std::move(listed).error();
                          return Reply::json(pageJson(listed.value(), kToJson));
                      },
                      {{"state", "draft, active, paused, finished or cancelled"},
                       {"q", "Part of the name"},
                       {"limit", "Page size, 1–500 (default 50)"},
                       {"cursor", "From the previous page's nextCursor"}}});
    routes.push_back({Method::Post, "/api/v1/campaigns", Access::managers(), "Create a campaign (as a draft)",
                      "campaigns",
                      [&marketing](RequestContext& request) -> Result<Reply> {
                          auto draft = decodeBody(request, dto::decodeCampaignDraft);
                          if (!draft)
                              return std::move(draft).error();
                          return replyWith(marketing.create(draft.value()), kToJson, 201);
                      },
                      {}, true, 201});
    routes.push_back({Method::Get, "/api/v1/campaigns/{id}", Access::readers(), "One campaign", "campaigns",
                      [&marketing](RequestContext& request) -> Result<Reply> {
                          return replyWith(marketing.get(CampaignId(request.param("id"))), kToJson);
                      }});
    routes.push_back({Method::Patch, "/api/v1/campaigns/{id}", Access::managers(),
                      "Change a campaign (what may change depends on its state)", "campaigns",
                      [&marketing](RequestContext& request) -> Result<Reply> {
                          auto patch = decodeBody(request, dto::decodeCampaignPatch);
                          if (!patch)
                              return std::move(patch).error();
                          return replyWith(marketing.update(CampaignId(request.param("id")), patch.value()), kToJson);
                      },
                      {}, true});
    routes.push_back(lifecycleRoute(marketing, "activate", &MarketingService::activate, "Activate a draft campaign"));
    routes.push_back(lifecycleRoute(marketing, "pause", &MarketingService::pause, "Pause an active campaign"));
    routes.push_back(lifecycleRoute(marketing, "resume", &MarketingService::resume, "Resume a paused campaign"));
    routes.push_back(lifecycleRoute(marketing, "finish", &MarketingService::finish, "Finish a campaign"));
    routes.push_back(lifecycleRoute(marketing, "cancel", &MarketingService::cancel, "Cancel a campaign"));
    routes.push_back({Method::Post, "/api/v1/campaigns/{id}/affiliates", Access::managers(),
                      "Enrol partners in a campaign", "campaigns",
                      [&marketing](RequestContext& request) -> Result<Reply> {
                          auto ids = decodeBody(request, decodeEnrolment);
                          if (!ids)
                              return std::move(ids).error();
                          return replyWith(marketing.enroll(CampaignId(request.param("id")), ids.value()), kToJson);
                      },
                      {}, true});
    routes.push_back({Method::Get, "/api/v1/campaigns/{id}/stats/daily", Access::staff(),
                      "Interactions per day and type, from the projection", "campaigns",
                      [&marketing, &tracking, &clock](RequestContext& request) -> Result<Reply> {
                          QueryReader query(request);
                          const auto today = std::chrono::floor<std::chrono::days>(clock.now());
                          const auto to = query.day("to").value_or(today);
                          const auto from = query.day("from").value_or(to - kDefaultStatsSpan + std::chrono::days{1});
                          if (Status valid = query.status(); !valid)
                              return std::move(valid).error();
                          const CampaignId id(request.param("id"));
                          if (auto campaign = marketing.get(id); !campaign)
                              return std::move(campaign).error();
                          auto stats = tracking.dailyStats(id, from, to);
                          if (!stats)
                              return std::move(stats).error();
                          return Reply::json(itemsJson(stats.value()));
                      },
                      {{"from", "First day, YYYY-MM-DD (default: 30 days before to)"},
                       {"to", "Last day included, YYYY-MM-DD (default: today, UTC)"}}});
    routes.push_back({Method::Get, "/api/v1/campaigns/{id}/series", Access::staff(),
                      "Interactions per minute and type, for charts", "campaigns",
                      [&marketing, &tracking, &clock](RequestContext& request) -> Result<Reply> {
                          QueryReader query(request);
                          if (auto bucket = query.text("bucket", 20); bucket && *bucket != "minute")
                              query.fail("bucket", "Only minute buckets are kept");
                          const auto to = query.time("to").value_or(clock.now());
                          const auto from = query.time("from").value_or(to - kDefaultSeriesSpan);
                          if (Status valid = query.status(); !valid)
                              return std::move(valid).error();
                          const CampaignId id(request.param("id"));
                          if (auto campaign = marketing.get(id); !campaign)
                              return std::move(campaign).error();
                          auto series = tracking.series(id, from, to);
                          if (!series)
                              return std::move(series).error();
                          return Reply::json(itemsJson(series.value()));
                      },
                      {{"bucket", "minute"},
                       {"from", "RFC 3339 start (default: an hour before to)"},
                       {"to", "RFC 3339 end, excluded (default: now)"}}});
    return routes;
}

}  // namespace alpes::api
