#pragma once

#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/core/time.h"
#include "shared/domain/vocabulary.h"
#include "shared/dto/commission.h"
#include "shared/dto/saga.h"
#include "shared/dto/type_counts.h"
#include "shared/json/json_decoder.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alpes::dto {

// Tracking's part of the dashboard: today (UTC), the last 24 hours, and the rate of the last
// full minute.
struct DashboardTraffic {
    TypeCounts today{};
    TypeCounts last24h{};
    std::int64_t conversionsToday = 0;
    std::int64_t conversionsLast24h = 0;
    std::vector<Money> revenue;  // attributed, one per currency
    double eventsPerSecond = 0;

    friend bool operator==(const DashboardTraffic&, const DashboardTraffic&) = default;
};

// The console's home (GET /dashboard, and the SSE `kpis` event, which carries the same body),
// an aggregated answer (product.md §3.1): each part comes from one service, and a part whose
// service did not answer in time is absent (null on the wire, its fields too) while `sources`
// says why ({"tracking": "timeout", "sagas": "ok", ...}).
struct Dashboard {
    UtcTime at{};
    std::optional<DashboardTraffic> traffic;                  // source "tracking"
    std::optional<CommissionStats> commissions;               // source "commissions"
    std::optional<std::int64_t> activeCampaigns;              // source "marketing"
    std::optional<std::map<SagaState, std::int64_t>> sagas;   // source "sagas"
    std::map<std::string, std::string> sources;

    friend bool operator==(const Dashboard&, const Dashboard&) = default;
};

// {"at", "today": {"view": n, ...}, "last24h": {...}, "conversions": {"today", "last24h"},
//  "revenue": [money], "eventsPerSecond", "commissions": {...}, "activeCampaigns",
//  "sagas": {"completed": n, ...}, "sources": {...}}
json::Json toJson(const Dashboard& dashboard);
Result<Dashboard> decodeDashboard(const json::Json& body);

}  // namespace alpes::dto
