#include "desktop/net/dashboard_kpis.h"

#include "shared/domain/vocabulary.h"

namespace alpes::console {

namespace {

void readByType(const json::Json& body, const char* key, std::array<std::int64_t, 5>& out)
{
    const auto it = body.find(key);
    if (it == body.end() || !it->is_object())
        return;
    const json::Json& byType = it->contains("byType") ? (*it)["byType"] : *it;
    for (const auto& [type, wire] : domain::kInteractionTypes.entries)
        if (const auto value = byType.find(std::string(wire)); value != byType.end() && value->is_number_integer())
            out[static_cast<size_t>(type)] = value->get<std::int64_t>();
}

// {"reserved": 3, ...} or {"reserved": {"count": 3, ...}, ...}
std::vector<std::pair<std::string, std::int64_t>> readCounts(const json::Json& body, const char* key)
{
    std::vector<std::pair<std::string, std::int64_t>> counts;
    const auto it = body.find(key);
    if (it == body.end() || !it->is_object())
        return counts;
    for (const auto& [state, value] : it->items()) {
        if (value.is_number_integer())
            counts.emplace_back(state, value.get<std::int64_t>());
        else if (value.is_object() && value.contains("count") && value["count"].is_number_integer())
            counts.emplace_back(state, value["count"].get<std::int64_t>());
    }
    return counts;
}

}  // namespace

Result<DashboardKpis> decodeDashboardKpis(const json::Json& body)
{
    if (!body.is_object())
        return Error::validation("", "The dashboard is not a JSON object");
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    DashboardKpis kpis;
    readByType(body, "today", kpis.today);
    readByType(body, "last24h", kpis.last24h);
    // {"conversions": {"today": n, "last24h": n}} (or a bare number): the console shows today's.
    if (const json::Json* conversions = reader.raw("conversions")) {
        const json::Json& today = conversions->is_object() ? conversions->value("today", json::Json()) : *conversions;
        if (today.is_number_integer())
            kpis.conversions = today.get<std::int64_t>();
    }
    kpis.activeCampaigns = reader.integer("activeCampaigns", false, 0).value_or(0);
    kpis.eventsPerSecond = reader.number("eventsPerSecond", false, 0, 1e12).value_or(0);
    if (const json::Json* revenue = reader.raw("revenue")) {
        json::Json list = revenue->is_array() ? *revenue : json::Json::array({*revenue});
        for (size_t i = 0; i < list.size(); ++i) {
            json::Json holder{{"m", list[i]}};
            json::FieldErrors ignored;
            json::ObjectReader item(holder, "", ignored);
            if (auto money = item.money("m", false))
                kpis.revenue.push_back(*money);
        }
    }
    kpis.commissionsByState = readCounts(body, "commissions");
    kpis.sagasByState = readCounts(body, "sagas");
    if (const auto sources = body.find("sources"); sources != body.end() && sources->is_object())
        for (const auto& [service, status] : sources->items())
            if (status.is_string() && status.get<std::string>() != "ok")
                kpis.degradedSources.push_back(service + ": " + status.get<std::string>());
    return kpis;
}

}  // namespace alpes::console
