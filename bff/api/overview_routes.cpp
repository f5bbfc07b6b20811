#include "bff/api/overview_routes.h"

#include "bff/api/aggregated_answer.h"
#include "bff/api/request_parsing.h"
#include "shared/domain/campaign_terms.h"
#include "shared/dto/dashboard.h"
#include "shared/dto/money_list.h"
#include "shared/dto/type_counts.h"

#include <algorithm>
#include <memory>

namespace alpes::api {

using http::Access;
using http::Method;
using http::Reply;
using http::RequestContext;

namespace {

constexpr size_t kTopPartners = 5;
constexpr size_t kRecentSagas = 10;

// Adds `amount` to the entry of its currency.
void addTo(std::vector<Money>& totals, const Money& amount)
{
    for (auto& total : totals) {
        if (total.currency() == amount.currency()) {
            if (auto sum = total.plus(amount))
                total = sum.value();
            return;
        }
    }
    totals.push_back(amount);
}

json::Json ratio(std::int64_t numerator, std::int64_t denominator)
{
    return denominator == 0 ? json::Json(nullptr) : json::Json(static_cast<double>(numerator) / static_cast<double>(denominator));
}

template <typename T>
Result<json::Json> encoded(Result<T> result)
{
    if (!result)
        return std::move(result).error();
    return toJson(result.value());
}

// Tracking's part of a campaign overview: totals, rates and the top partners.
json::Json campaignTrackingJson(const std::vector<services::tracking::PartnerStats>& stats)
{
    dto::TypeCounts byType{};
    std::vector<Money> revenue;
    struct Partner {
        std::int64_t conversions = 0;
        std::int64_t clicks = 0;
        std::vector<Money> revenue;
    };
    std::map<std::string, Partner> partners;
    for (const auto& row : stats) {
        byType[static_cast<size_t>(row.type)] += row.count;
        auto& partner = partners[row.affiliateId.str()];
        if (row.type == domain::InteractionType::Click)
            partner.clicks += row.count;
        if (row.type == domain::InteractionType::Purchase) {
            partner.conversions += row.count;
            if (row.revenue) {
                addTo(revenue, *row.revenue);
                addTo(partner.revenue, *row.revenue);
            }
        }
    }
    std::vector<std::pair<std::string, Partner>> ranked(partners.begin(), partners.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        const auto revenueOf = [](const Partner& p) { return p.revenue.empty() ? 0 : p.revenue.front().amount(); };
        return std::tuple(revenueOf(a.second), a.second.conversions, a.second.clicks) >
               std::tuple(revenueOf(b.second), b.second.conversions, b.second.clicks);
    });
    json::Json top = json::Json::array();
    for (size_t i = 0; i < ranked.size() && i < kTopPartners; ++i)
        top.push_back(json::Json{{"affiliateId", ranked[i].first},
                                 {"conversions", ranked[i].second.conversions},
                                 {"clicks", ranked[i].second.clicks},
                                 {"revenue", dto::toJson(ranked[i].second.revenue)}});
    const auto views = byType[static_cast<size_t>(domain::InteractionType::View)];
    const auto clicks = byType[static_cast<size_t>(domain::InteractionType::Click)];
    const auto purchases = byType[static_cast<size_t>(domain::InteractionType::Purchase)];
    return json::Json{{"interactions", dto::toJson(byType)},
                      {"conversions", purchases},
                      {"attributedRevenue", dto::toJson(revenue)},
                      {"ctr", ratio(clicks, views)},
                      {"conversionRate", ratio(purchases, clicks)},
                      {"topAffiliates", top}};
}

Result<Reply> campaignOverview(ApiContext& context, RequestContext& request)
{
    auto& engine = context.engine;
    const CampaignId id(request.param("id"));
    auto outcomes = context.aggregator.run({
        {"marketing",
         [&marketing = engine.marketing(), id]() -> Result<json::Json> {
             auto campaign = marketing.get(id);
             if (!campaign)
                 return std::move(campaign).error();
             auto budget = marketing.budget(id);
             if (!budget)
                 return std::move(budget).error();
             return json::Json{{"campaign", toJson(campaign.value())},
                               {"budget",
                                {{"total", domain::toJson(budget->total)},
                                 {"spent", domain::toJson(budget->spent)},
                                 {"remaining", domain::toJson(budget->remaining)}}}};
         }},
        {"tracking",
         [&tracking = engine.tracking(), id]() -> Result<json::Json> {
             auto stats = tracking.partnerStats(id);
             if (!stats)
                 return std::move(stats).error();
             return campaignTrackingJson(stats.value());
         }},
        {"commissions",
         [&commissions = engine.commissions(), id]() {
             return encoded(commissions.stats({id, std::nullopt}));
         }},
        {"sagas",
         [&sagas = engine.sagas(), id]() -> Result<json::Json> {
             auto recent = sagas.list({std::nullopt, id}, PageRequest{kRecentSagas, std::nullopt});
             if (!recent)
                 return std::move(recent).error();
             json::Json items = json::Json::array();
             for (const auto& saga : recent->items)
                 items.push_back(toJson(saga));
             return items;
         }},
    });
    if (auto missing = notFoundFrom(outcomes, "marketing"))
        return *missing;
    const auto marketing = valueOr(outcomes, "marketing", json::Json::object());
    const auto tracking = valueOr(outcomes, "tracking", json::Json::object());
    return Reply::json(json::Json{{"campaign", marketing.value("campaign", json::Json())},
                                  {"budget", marketing.value("budget", json::Json())},
                                  {"interactions", tracking.value("interactions", json::Json())},
                                  {"conversions", tracking.value("conversions", json::Json())},
                                  {"attributedRevenue", tracking.value("attributedRevenue", json::Json())},
                                  {"ctr", tracking.value("ctr", json::Json())},
                                  {"conversionRate", tracking.value("conversionRate", json::Json())},
                                  {"topAffiliates", tracking.value("topAffiliates", json::Json())},
                                  {"commissions", valueOr(outcomes, "commissions")},
                                  {"recentSagas", valueOr(outcomes, "sagas")},
                                  {"sources", sourcesJson(outcomes)}});
}

// Tracking's part of a partner overview: per campaign and in total.
json::Json affiliateTrackingJson(const std::vector<dto::AffiliateCampaignStats>& stats)
{
    dto::TypeCounts byType{};
    std::vector<Money> revenue;
    std::map<std::string, dto::TypeCounts> byCampaign;
    std::map<std::string, std::vector<Money>> campaignRevenue;
    for (const auto& row : stats) {
        byType[static_cast<size_t>(row.type)] += row.count;
        byCampaign[row.campaignId.str()][static_cast<size_t>(row.type)] += row.count;
        if (row.revenue) {
            addTo(revenue, *row.revenue);
            addTo(campaignRevenue[row.campaignId.str()], *row.revenue);
        }
    }
    json::Json campaigns = json::Json::array();
    for (const auto& [campaignId, counts] : byCampaign)
        campaigns.push_back(json::Json{{"campaignId", campaignId},
                                       {"interactions", dto::toJson(counts)},
                                       {"revenue", dto::toJson(campaignRevenue[campaignId])}});
    return json::Json{{"interactions", dto::toJson(byType)},
                      {"conversions", byType[static_cast<size_t>(domain::InteractionType::Purchase)]},
                      {"revenue", dto::toJson(revenue)},
                      {"campaigns", campaigns}};
}

Result<Reply> affiliateOverview(ApiContext& context, RequestContext& request)
{
    auto& engine = context.engine;
    const AffiliateId id(request.param("id"));
    if (Status own = checkOwnAffiliate(request, id, "partner"); !own)
        return std::move(own).error();
    auto outcomes = context.aggregator.run({
        {"affiliates", [&affiliates = engine.affiliates(), id]() { return encoded(affiliates.get(id)); }},
        {"tracking",
         [&tracking = engine.tracking(), id]() -> Result<json::Json> {
             auto stats = tracking.affiliateStats(id);
             if (!stats)
                 return std::move(stats).error();
             return affiliateTrackingJson(stats.value());
         }},
        {"commissions",
         [&commissions = engine.commissions(), id]() { return encoded(commissions.stats({std::nullopt, id})); }},
    });
    if (auto missing = notFoundFrom(outcomes, "affiliates"))
        return *missing;
    const auto tracking = valueOr(outcomes, "tracking", json::Json::object());
    return Reply::json(json::Json{{"affiliate", valueOr(outcomes, "affiliates")},
                                  {"interactions", tracking.value("interactions", json::Json())},
                                  {"conversions", tracking.value("conversions", json::Json())},
                                  {"revenue", tracking.value("revenue", json::Json())},
                                  {"campaigns", tracking.value("campaigns", json::Json())},
                                  {"commissions", valueOr(outcomes, "commissions")},
                                  {"sources", sourcesJson(outcomes)}});
}

// Tracking's part of the dashboard: today, the last 24 hours, and the rate of the last full minute.
Result<dto::DashboardTraffic> dashboardTraffic(services::tracking::TrackingService& tracking, UtcTime now)
{
    const auto today = std::chrono::floor<std::chrono::days>(now);
    auto daily = tracking.dailyStatsAll(today, today);
    if (!daily)
        return std::move(daily).error();
    auto minutes = tracking.seriesAll(now - std::chrono::hours(24), now);
    if (!minutes)
        return std::move(minutes).error();
    auto revenue = tracking.revenueTotals();
    if (!revenue)
        return std::move(revenue).error();
    dto::DashboardTraffic traffic;
    for (const auto& row : daily.value())
        traffic.today[static_cast<size_t>(row.type)] += row.count;
    std::int64_t lastFullMinute = 0;
    const auto previousMinute = std::chrono::floor<std::chrono::minutes>(now) - std::chrono::minutes(1);
    for (const auto& row : minutes.value()) {
        traffic.last24h[static_cast<size_t>(row.type)] += row.count;
        if (row.minute == previousMinute)
            lastFullMinute += row.count;
    }
    constexpr auto kPurchase = static_cast<size_t>(domain::InteractionType::Purchase);
    traffic.conversionsToday = traffic.today[kPurchase];
    traffic.conversionsLast24h = traffic.last24h[kPurchase];
    traffic.revenue = std::move(revenue).value();
    traffic.eventsPerSecond = static_cast<double>(lastFullMinute) / 60.0;
    return traffic;
}

// A source of an aggregated answer whose part is a typed value rather than JSON: the value goes
// into `slot`, which the caller reads once the source reported ok. The slot is shared because a
// late call finishes (and writes) after the answer has gone.
template <typename T>
SourceCall typedSource(std::string name, std::shared_ptr<std::optional<T>> slot, std::function<Result<T>()> call)
{
    return {std::move(name), [slot = std::move(slot), call = std::move(call)]() -> Result<json::Json> {
                auto value = call();
                if (!value)
                    return std::move(value).error();
                *slot = std::move(value).value();
                return json::Json(nullptr);
            }};
}

template <typename T>
std::optional<T> partOf(const Outcomes& outcomes, std::string_view source, std::optional<T>& slot)
{
    const auto found = outcomes.find(source);
    if (found == outcomes.end() || found->second.status != SourceStatus::Ok)
        return std::nullopt;
    return std::move(slot);
}

}  // namespace

json::Json dashboardJson(ApiContext& context)
{
    auto& engine = context.engine;
    const auto now = context.clock.now();
    auto traffic = std::make_shared<std::optional<dto::DashboardTraffic>>();
    auto commissions = std::make_shared<std::optional<dto::CommissionStats>>();
    auto activeCampaigns = std::make_shared<std::optional<std::int64_t>>();
    auto sagas = std::make_shared<std::optional<std::map<dto::SagaState, std::int64_t>>>();
    auto outcomes = context.aggregator.run({
        typedSource<dto::DashboardTraffic>("tracking", traffic,
                                           [&tracking = engine.tracking(), now] { return dashboardTraffic(tracking, now); }),
        typedSource<dto::CommissionStats>("commissions", commissions,
                                          [&commissions = engine.commissions()] { return commissions.stats({}); }),
        typedSource<std::int64_t>("marketing", activeCampaigns, [&marketing = engine.marketing()]() -> Result<std::int64_t> {
            auto active = marketing.list({domain::CampaignState::Active, std::nullopt},
                                         PageRequest{PageRequest::kMaxLimit, std::nullopt});
            if (!active)
                return std::move(active).error();
            return static_cast<std::int64_t>(active->items.size());
        }),
        typedSource<std::map<dto::SagaState, std::int64_t>>("sagas", sagas,
                                                            [&sagas = engine.sagas()] { return sagas.countByState(); }),
    });
    dto::Dashboard dashboard;
    dashboard.at = now;
    dashboard.traffic = partOf(outcomes, "tracking", *traffic);
    dashboard.commissions = partOf(outcomes, "commissions", *commissions);
    dashboard.activeCampaigns = partOf(outcomes, "marketing", *activeCampaigns);
    dashboard.sagas = partOf(outcomes, "sagas", *sagas);
    for (const auto& [name, outcome] : outcomes)
        dashboard.sources.emplace(name, sourceStatusName(outcome.status));
    return toJson(dashboard);
}

std::vector<http::Route> overviewRoutes(ApiContext& context)
{
    std::vector<http::Route> routes;
    routes.push_back({Method::Get, "/api/v1/campaigns/{id}/overview", Access::staff(),
                      "A campaign with its budget, traffic, conversions, commissions, top partners and recent sagas",
                      "campaigns", [&context](RequestContext& request) { return campaignOverview(context, request); }});
    routes.push_back({Method::Get, "/api/v1/affiliates/{id}/overview", Access::readers(),
                      "A partner with its traffic, conversions, commissions and campaigns", "affiliates",
                      [&context](RequestContext& request) { return affiliateOverview(context, request); }});
    routes.push_back({Method::Get, "/api/v1/dashboard", Access::staff(), "KPIs for the console's home", "dashboard",
                      [&context](RequestContext&) -> Result<Reply> { return Reply::json(dashboardJson(context)); }});
    routes.push_back({Method::Get, "/api/v1/stats/daily", Access::staff(),
                      "Interactions per day and type over all campaigns", "dashboard",
                      [&context](RequestContext& request) -> Result<Reply> {
                          QueryReader query(request);
                          const auto today = std::chrono::floor<std::chrono::days>(context.clock.now());
                          const auto to = query.day("to").value_or(today);
                          const auto from = query.day("from").value_or(to - std::chrono::days(29));
                          if (Status valid = query.status(); !valid)
                              return std::move(valid).error();
                          auto stats = context.engine.tracking().dailyStatsAll(from, to);
                          if (!stats)
                              return std::move(stats).error();
                          return Reply::json(itemsJson(stats.value()));
                      },
                      {{"from", "First day, YYYY-MM-DD (default: 29 days before to)"},
                       {"to", "Last day included, YYYY-MM-DD (default: today, UTC)"}}});
    return routes;
}

}  // namespace alpes::api
