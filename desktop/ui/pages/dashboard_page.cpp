#include "desktop/ui/pages/dashboard_page.h"

#include "desktop/charts/live_rate_chart.h"
#include "desktop/models/display_format.h"
#include "desktop/net/console_api.h"
#include "desktop/net/live_stream.h"
#include "desktop/ui/error_display.h"
#include "desktop/ui/widgets/kpi_tile.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <numeric>

namespace alpes::console {

namespace {

QString byTypeNote(const dto::TypeCounts& counts)
{
    QStringList parts;
    for (const auto& [type, wire] : domain::kInteractionTypes.entries)
        parts << QStringLiteral("%1 %2").arg(wireText(wire)).arg(QLocale().toString(static_cast<qlonglong>(counts[static_cast<size_t>(type)])));
    return parts.join(QStringLiteral(" · "));
}

QString total(const dto::TypeCounts& counts)
{
    return QLocale().toString(static_cast<qlonglong>(std::accumulate(counts.begin(), counts.end(), std::int64_t{0})));
}

}  // namespace

DashboardPage::DashboardPage(ConsoleApi& api, LiveStream& live, QWidget* parent) : ConsolePage(parent), m_api(api)
{
    auto* tiles = new QGridLayout();
    tiles->setSpacing(10);
    m_today = addTile(tiles, QStringLiteral("today"), tr("Interactions today"), 0, 0);
    m_last24h = addTile(tiles, QStringLiteral("last24h"), tr("Last 24 hours"), 0, 1);
    m_conversions = addTile(tiles, QStringLiteral("conversions"), tr("Conversions today"), 0, 2);
    m_revenue = addTile(tiles, QStringLiteral("revenue"), tr("Attributed revenue"), 1, 0);
    m_activeCampaigns = addTile(tiles, QStringLiteral("activeCampaigns"), tr("Active campaigns"), 1, 1);
    m_eventsPerSecond = addTile(tiles, QStringLiteral("eventsPerSecond"), tr("Events per second"), 1, 2);

    auto* commissions = new QGroupBox(tr("Commissions by state"), this);
    m_commissionGrid = new QGridLayout(commissions);
    auto* sagas = new QGroupBox(tr("Sagas by state"), this);
    m_sagaGrid = new QGridLayout(sagas);

    auto* chartBox = new QGroupBox(tr("Interactions per second (last 5 minutes)"), this);
    auto* chartLayout = new QVBoxLayout(chartBox);
    m_chart = new LiveRateChart(LiveRateChart::Style::Lines, 300, chartBox);
    m_chart->setMinimumHeight(240);
    chartLayout->addWidget(m_chart);

    auto* states = new QHBoxLayout();
    states->addWidget(commissions, 1);
    states->addWidget(sagas, 2);
    m_degraded = new QLabel(this);
    m_degraded->setObjectName(QStringLiteral("degraded"));
    QPalette warning = m_degraded->palette();
    warning.setColor(QPalette::WindowText, QColor(0xE0, 0x8A, 0x1E));
    m_degraded->setPalette(warning);
    m_degraded->hide();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_degraded);
    layout->addLayout(tiles);
    layout->addLayout(states);
    layout->addWidget(chartBox, 1);

    connect(&live, &LiveStream::interactionsTick, this, [this](const dto::InteractionsTick& tick) {
        const std::int64_t second = toEpochMillis(tick.at) / 1000;
        for (const dto::InteractionCount& count : tick.counts) {
            m_chart->addCount(second, count.type, count.count);
            if (m_liveCounts) {
                m_liveCounts->today[static_cast<size_t>(count.type)] += count.count;
                m_liveCounts->last24h[static_cast<size_t>(count.type)] += count.count;
            }
        }
        showLiveCounts();
    });
    connect(&live, &LiveStream::interactionsTick, this, [this, &live] {
        m_eventsPerSecond->setValue(QLocale().toString(static_cast<qlonglong>(live.eventsPerSecond())));
    });
    connect(&live, &LiveStream::kpis, this, &DashboardPage::showKpis);
}

KpiTile* DashboardPage::addTile(QGridLayout* grid, const QString& objectName, const QString& caption, int row, int column)
{
    auto* tile = new KpiTile(caption, this);
    tile->setObjectName(objectName);
    grid->addWidget(tile, row, column);
    return tile;
}

void DashboardPage::refresh()
{
    m_api.fetch<dto::Dashboard>(BffRequest::get(QStringLiteral("/dashboard")), &dto::decodeDashboard, this,
                                [this](Result<dto::Dashboard> dashboard) {
                                    if (dashboard)
                                        showKpis(*dashboard);
                                    else
                                        Q_EMIT statusMessage(
                                            tr("Could not load the dashboard: %1").arg(errorText(dashboard.error())));
                                });
}

void DashboardPage::showLiveCounts()
{
    if (!m_liveCounts)
        return;
    m_today->setValue(total(m_liveCounts->today), byTypeNote(m_liveCounts->today));
    m_last24h->setValue(total(m_liveCounts->last24h), byTypeNote(m_liveCounts->last24h));
}

void DashboardPage::showKpis(const dto::Dashboard& dashboard)
{
    // A part whose source did not answer keeps what the tiles last showed.
    if (const auto& traffic = dashboard.traffic) {
        m_liveCounts = LiveCounts{traffic->today, traffic->last24h};
        showLiveCounts();
        m_conversions->setValue(QLocale().toString(static_cast<qlonglong>(traffic->conversionsToday)));
        QStringList revenue;
        for (const Money& money : traffic->revenue)
            revenue << formatMoney(money);
        m_revenue->setValue(revenue.isEmpty() ? QStringLiteral("0") : revenue.join(QStringLiteral(", ")));
        m_eventsPerSecond->setValue(QLocale().toString(traffic->eventsPerSecond, 'f', 0));
    }
    if (dashboard.activeCampaigns)
        m_activeCampaigns->setValue(QLocale().toString(static_cast<qlonglong>(*dashboard.activeCampaigns)));
    QStringList degraded;
    for (const auto& [source, status] : dashboard.sources)
        if (status != "ok")
            degraded << qs(source + ": " + status);
    m_degraded->setText(tr("⚠ Partial data — %1").arg(degraded.join(QStringLiteral(", "))));
    m_degraded->setVisible(!degraded.isEmpty());
    if (const auto& commissions = dashboard.commissions) {
        std::vector<std::pair<std::string_view, std::int64_t>> counts;
        for (const auto& [state, name] : domain::kCommissionStates.entries)
            counts.emplace_back(name, commissions->of(state).count);
        fillStateTiles(m_commissionGrid, m_commissionTiles, counts, QStringLiteral("commissions_"));
    }
    if (const auto& sagas = dashboard.sagas) {
        std::vector<std::pair<std::string_view, std::int64_t>> counts;
        for (const auto& [state, count] : *sagas)
            counts.emplace_back(dto::kSagaStates.name(state), count);
        fillStateTiles(m_sagaGrid, m_sagaTiles, counts, QStringLiteral("sagas_"));
    }
}

void DashboardPage::fillStateTiles(QGridLayout* grid, QHash<QString, KpiTile*>& tiles,
                                   const std::vector<std::pair<std::string_view, std::int64_t>>& counts,
                                   const QString& prefix)
{
    for (const auto& [state, count] : counts) {
        const QString key = qs(state);
        KpiTile* tile = tiles.value(key, nullptr);
        if (!tile) {
            tile = new KpiTile(wireText(state), grid->parentWidget());
            tile->setObjectName(prefix + key);
            const auto n = static_cast<int>(tiles.size());
            grid->addWidget(tile, n / 4, n % 4);
            tiles.insert(key, tile);
        }
        tile->setValue(QLocale().toString(static_cast<qlonglong>(count)));
    }
}

QString DashboardPage::tileValue(const QString& objectName) const
{
    const auto* tile = findChild<KpiTile*>(objectName);
    return tile ? tile->value() : QString();
}

}  // namespace alpes::console
