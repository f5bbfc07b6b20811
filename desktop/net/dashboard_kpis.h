#pragma once

#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/json/json_decoder.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace alpes::console {

// The console home's numbers (GET /dashboard and the SSE `kpis` event, product.md §3).
// Temporary home: the lead is adding the dashboard DTO to shared/dto; until then this reads the
// documented fields leniently (a missing field stays zero) and moves there when it lands.
struct DashboardKpis {
    std::array<std::int64_t, 5> today{};     // by interaction type
    std::array<std::int64_t, 5> last24h{};   // by interaction type
    std::int64_t conversions = 0;
    std::vector<Money> revenue;              // one per currency
    std::int64_t activeCampaigns = 0;
    double eventsPerSecond = 0;
    std::vector<std::pair<std::string, std::int64_t>> commissionsByState;
    std::vector<std::pair<std::string, std::int64_t>> sagasByState;
    // Services that did not answer in time or failed (§3.1 `sources`): "tracking: timeout".
    std::vector<std::string> degradedSources;
};

Result<DashboardKpis> decodeDashboardKpis(const json::Json& body);

}  // namespace alpes::console
