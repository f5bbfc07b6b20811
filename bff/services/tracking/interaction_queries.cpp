#include "bff/services/tracking/interaction_queries.h"

#include "bff/services/tracking/interaction_store.h"

#include <cstdio>

namespace alpes::services::tracking {
namespace {

using namespace std::chrono;

constexpr std::int64_t kMillisPerMinute = 60'000;

std::int64_t epochDay(sys_days day)
{
    return day.time_since_epoch().count();
}

std::string formatDay(std::int64_t epochDayNumber)
{
    const year_month_day date{sys_days{days{epochDayNumber}}};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

domain::InteractionType typeAt(const storage::Statement& row, int column)
{
    return domain::kInteractionTypes.parse(row.textAt(column)).value_or(domain::InteractionType::View);
}

template <typename E, size_t N>
std::optional<std::string_view> nameOf(const domain::EnumNames<E, N>& names, const std::optional<E>& value)
{
    return value ? std::optional(names.name(*value)) : std::nullopt;
}

std::vector<dto::DailyCount> readDays(storage::Statement& stmt)
{
    std::vector<dto::DailyCount> counts;
    while (stmt.step())
        counts.push_back({formatDay(stmt.int64At(0)), typeAt(stmt, 1), stmt.int64At(2)});
    return counts;
}

}  // namespace

Page<dto::Interaction> listInteractions(storage::Database& db, const InteractionFilter& filter,
                                        const PageRequest& page)
{
    // The leading term picks the index to walk; the others filter what it yields. The three shapes
    // are three cached statements, so a filtered list never walks the whole table by accident.
    const std::string_view leading = filter.campaignId    ? "campaign_id = ?1"
                                     : filter.affiliateId ? "affiliate_id = ?2"
                                                          : "1";
    const std::string sql = "SELECT " + std::string(kInteractionColumns) + " FROM interactions WHERE " +
                            std::string(leading) +
                            " AND (?1 IS NULL OR campaign_id = ?1) AND (?2 IS NULL OR affiliate_id = ?2)"
                            " AND (?3 IS NULL OR type = ?3) AND (?4 IS NULL OR state = ?4)"
                            " AND (?5 IS NULL OR occurred_at >= ?5) AND (?6 IS NULL OR occurred_at < ?6)"
                            " AND (?7 IS NULL OR id < ?7) ORDER BY id DESC LIMIT ?8";
    auto stmt = db.prepare(sql);
    stmt.bind(1, filter.campaignId ? std::optional(filter.campaignId->str()) : std::nullopt);
    stmt.bind(2, filter.affiliateId ? std::optional(filter.affiliateId->str()) : std::nullopt);
    stmt.bind(3, nameOf(domain::kInteractionTypes, filter.type));
    stmt.bind(4, nameOf(domain::kInteractionStates, filter.state));
    stmt.bind(5, filter.from ? std::optional(toEpochMillis(*filter.from)) : std::nullopt);
    stmt.bind(6, filter.to ? std::optional(toEpochMillis(*filter.to)) : std::nullopt);
    stmt.bind(7, page.after);
    stmt.bind(8, static_cast<std::int64_t>(page.limit + 1));
    std::vector<dto::Interaction> rows;
    while (stmt.step())
        rows.push_back(readInteraction(stmt));
    return makePage(std::move(rows), page.limit, [](const dto::Interaction& i) { return i.id.str(); });
}

std::vector<dto::DailyCount> readDailyStats(storage::Database& db, const CampaignId& campaignId, sys_days fromDay,
                                            sys_days toDay)
{
    auto stmt = db.prepare("SELECT day, type, count FROM daily_stats WHERE campaign_id = ? AND day BETWEEN ? AND ?"
                           " ORDER BY day, type");
    stmt.bindAll(campaignId.str(), epochDay(fromDay), epochDay(toDay));
    return readDays(stmt);
}

std::vector<dto::DailyCount> readDailyStatsAll(storage::Database& db, sys_days fromDay, sys_days toDay)
{
    auto stmt = db.prepare("SELECT day, type, SUM(count) FROM daily_stats WHERE day BETWEEN ? AND ?"
                           " GROUP BY day, type ORDER BY day, type");
    stmt.bindAll(epochDay(fromDay), epochDay(toDay));
    return readDays(stmt);
}

namespace {

// Every minute that overlaps the range, so a chart's edges are not cut off.
std::pair<std::int64_t, std::int64_t> minuteRange(UtcTime from, UtcTime to)
{
    return {static_cast<std::int64_t>(floor<minutes>(from).time_since_epoch().count()),
            static_cast<std::int64_t>(ceil<minutes>(to).time_since_epoch().count())};
}

std::vector<dto::MinuteCount> readMinutes(storage::Statement& stmt)
{
    std::vector<dto::MinuteCount> series;
    while (stmt.step())
        series.push_back({fromEpochMillis(stmt.int64At(0) * kMillisPerMinute), typeAt(stmt, 1), stmt.int64At(2)});
    return series;
}

}  // namespace

std::vector<dto::MinuteCount> readSeries(storage::Database& db, const CampaignId& campaignId, UtcTime from,
                                         UtcTime to)
{
    auto stmt = db.prepare("SELECT minute, type, count FROM minute_stats WHERE campaign_id = ? AND minute >= ?"
                           " AND minute < ? ORDER BY minute, type");
    const auto [fromMinute, toMinute] = minuteRange(from, to);
    stmt.bindAll(campaignId.str(), fromMinute, toMinute);
    return readMinutes(stmt);
}

std::vector<dto::MinuteCount> readSeriesAll(storage::Database& db, UtcTime from, UtcTime to)
{
    auto stmt = db.prepare("SELECT minute, type, SUM(count) FROM minute_stats WHERE minute >= ? AND minute < ?"
                           " GROUP BY minute, type ORDER BY minute, type");
    const auto [fromMinute, toMinute] = minuteRange(from, to);
    stmt.bindAll(fromMinute, toMinute);
    return readMinutes(stmt);
}

std::vector<dto::AffiliateCampaignStats> readAffiliateStats(storage::Database& db, const AffiliateId& affiliateId)
{
    auto stmt = db.prepare("SELECT campaign_id, type, count, revenue, currency FROM affiliate_stats"
                           " WHERE affiliate_id = ? ORDER BY campaign_id, type");
    stmt.bind(1, affiliateId.str());
    std::vector<dto::AffiliateCampaignStats> stats;
    while (stmt.step()) {
        dto::AffiliateCampaignStats row{CampaignId(stmt.textAt(0)), typeAt(stmt, 1), stmt.int64At(2), std::nullopt};
        if (row.type == domain::InteractionType::Purchase && !stmt.isNull(4))
            row.revenue = Money::of(stmt.int64At(3), stmt.textAt(4)).value();
        stats.push_back(std::move(row));
    }
    return stats;
}

std::vector<Money> readRevenueTotals(storage::Database& db)
{
    auto stmt = db.prepare("SELECT currency, SUM(revenue) FROM affiliate_stats WHERE type = 'purchase' AND currency IS"
                           " NOT NULL GROUP BY currency ORDER BY currency");
    std::vector<Money> totals;
    while (stmt.step())
        totals.push_back(Money::of(stmt.int64At(1), stmt.textAt(0)).value());
    return totals;
}

std::vector<PartnerStats> readPartnerStats(storage::Database& db, const CampaignId& campaignId)
{
    auto stmt = db.prepare("SELECT affiliate_id, type, count, revenue, currency FROM affiliate_stats"
                           " WHERE campaign_id = ? ORDER BY affiliate_id, type");
    stmt.bind(1, campaignId.str());
    std::vector<PartnerStats> stats;
    while (stmt.step()) {
        PartnerStats row{AffiliateId(stmt.textAt(0)), typeAt(stmt, 1), stmt.int64At(2), std::nullopt};
        if (row.type == domain::InteractionType::Purchase && !stmt.isNull(4))
            row.revenue = Money::of(stmt.int64At(3), stmt.textAt(4)).value();
        stats.push_back(std::move(row));
    }
    return stats;
}

}  // namespace alpes::services::tracking
