#include "shared/dto/dashboard.h"

#include "shared/dto/money_list.h"

#include <utility>

namespace alpes::dto {
namespace {

// Present when "today" is: the traffic fields come and go together, with their source.
std::optional<DashboardTraffic> readTraffic(json::ObjectReader& reader, json::FieldErrors& errors)
{
    if (!reader.has("today") || reader.raw("today")->is_null())
        return std::nullopt;
    auto today = readTypeCounts(reader, "today");
    auto last24h = readTypeCounts(reader, "last24h");
    std::optional<std::int64_t> conversionsToday;
    std::optional<std::int64_t> conversionsLast24h;
    if (auto conversions = reader.object("conversions", true)) {
        conversionsToday = conversions->integer("today", true, 0);
        conversionsLast24h = conversions->integer("last24h", true, 0);
    }
    auto revenue = readMoneyList(reader, "revenue", true, errors);
    auto eventsPerSecond = reader.number("eventsPerSecond", true, 0, 1e12);
    if (!today || !last24h || !conversionsToday || !conversionsLast24h || !revenue || !eventsPerSecond)
        return std::nullopt;
    return DashboardTraffic{*today, *last24h, *conversionsToday, *conversionsLast24h, std::move(*revenue),
                            *eventsPerSecond};
}

std::optional<std::map<SagaState, std::int64_t>> readSagaCounts(json::ObjectReader& parent)
{
    auto reader = parent.object("sagas", false);
    if (!reader)
        return std::nullopt;
    std::map<SagaState, std::int64_t> counts;
    // A state this reader does not know is left out, like any unknown field of a message.
    for (const auto& [state, name] : kSagaStates.entries)
        if (auto count = reader->integer(name, false, 0))
            counts[state] = *count;
    return counts;
}

}  // namespace

json::Json toJson(const Dashboard& dashboard)
{
    const auto& traffic = dashboard.traffic;
    json::Json sagas = nullptr;
    if (dashboard.sagas) {
        sagas = json::Json::object();
        for (const auto& [state, count] : *dashboard.sagas)
            sagas[std::string(kSagaStates.name(state))] = count;
    }
    return json::Json{
        {"at", formatRfc3339(dashboard.at)},
        {"today", traffic ? toJson(traffic->today) : json::Json(nullptr)},
        {"last24h", traffic ? toJson(traffic->last24h) : json::Json(nullptr)},
        {"conversions", traffic ? json::Json{{"today", traffic->conversionsToday}, {"last24h", traffic->conversionsLast24h}}
                                : json::Json(nullptr)},
        {"revenue", traffic ? toJson(traffic->revenue) : json::Json(nullptr)},
        {"eventsPerSecond", traffic ? json::Json(traffic->eventsPerSecond) : json::Json(nullptr)},
        {"commissions", dashboard.commissions ? toJson(*dashboard.commissions) : json::Json(nullptr)},
        {"activeCampaigns", dashboard.activeCampaigns ? json::Json(*dashboard.activeCampaigns) : json::Json(nullptr)},
        {"sagas", std::move(sagas)},
        {"sources", dashboard.sources}};
}

Result<Dashboard> decodeDashboard(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    Dashboard dashboard;
    auto at = reader.time("at", true);
    dashboard.traffic = readTraffic(reader, errors);
    if (const json::Json* commissions = reader.raw("commissions"); commissions && !commissions->is_null()) {
        auto stats = decodeCommissionStats(*commissions);
        if (stats)
            dashboard.commissions = std::move(stats).value();
        else
            for (const auto& error : stats.error().fields)
                errors.add(json::joinPath("commissions", error.field), error.message);
    }
    dashboard.activeCampaigns = reader.integer("activeCampaigns", false, 0);
    dashboard.sagas = readSagaCounts(reader);
    if (auto sources = reader.object("sources", true)) {
        for (const auto& [name, status] : reader.raw("sources")->items()) {
            if (auto text = sources->string(name, true, 1, 100))
                dashboard.sources.emplace(name, std::move(*text));
        }
    }
    if (!errors.empty())
        return errors.status().error();
    dashboard.at = *at;
    return dashboard;
}

}  // namespace alpes::dto
