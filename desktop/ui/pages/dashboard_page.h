#pragma once

#include "desktop/ui/console_page.h"
#include "shared/dto/dashboard.h"

#include <QHash>

#include <optional>

class QGridLayout;
class QLabel;

namespace alpes::console {

class ConsoleApi;
class KpiTile;
class LiveRateChart;
class LiveStream;

// The console home: KPI tiles (today, last 24 h, conversions, revenue, active campaigns,
// events/s), commissions and sagas by state, and the live chart of interactions per type.
// Reloaded by refresh(), then kept current by the stream's `kpis` and `interactions` events.
// GUI thread only.
class DashboardPage : public ConsolePage {
    Q_OBJECT

public:
    DashboardPage(ConsoleApi& api, LiveStream& live, QWidget* parent = nullptr);

    void refresh() override;
    const QAbstractItemModel* exportModel() const override { return nullptr; }
    QString exportName() const override { return QStringLiteral("dashboard"); }
    LiveRateChart* chart() const { return m_chart; }
    void showKpis(const dto::Dashboard& dashboard);
    QString tileValue(const QString& objectName) const;

private:
    KpiTile* addTile(QGridLayout* grid, const QString& objectName, const QString& caption, int row, int column);
    void showLiveCounts();
    void fillStateTiles(QGridLayout* grid, QHash<QString, KpiTile*>& tiles,
                        const std::vector<std::pair<std::string_view, std::int64_t>>& counts, const QString& prefix);

    ConsoleApi& m_api;
    KpiTile* m_today = nullptr;
    KpiTile* m_last24h = nullptr;
    // The server's "today" and "last 24 hours" at the last KPI answer plus the stream's per-second
    // counts since, added to both so that today never shows more than the last 24 hours: the tiles
    // move every second, and each KPI tick (every 5 s) sets them back to the server's own figures.
    struct LiveCounts {
        dto::TypeCounts today;
        dto::TypeCounts last24h;
    };
    std::optional<LiveCounts> m_liveCounts;
    KpiTile* m_conversions = nullptr;
    KpiTile* m_revenue = nullptr;
    KpiTile* m_activeCampaigns = nullptr;
    KpiTile* m_eventsPerSecond = nullptr;
    QGridLayout* m_commissionGrid = nullptr;
    QGridLayout* m_sagaGrid = nullptr;
    QHash<QString, KpiTile*> m_commissionTiles;
    QHash<QString, KpiTile*> m_sagaTiles;
    LiveRateChart* m_chart = nullptr;
    QLabel* m_degraded = nullptr;
};

}  // namespace alpes::console
