#include "desktop/charts/daily_stats_chart.h"

#include "desktop/charts/chart_theme.h"
#include "desktop/charts/rate_buffer.h"
#include "desktop/models/display_format.h"

#include <QEvent>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QValueAxis>

#include <map>

namespace alpes::console {

DailyStatsChart::DailyStatsChart(QWidget* parent) : QWidget(parent)
{
    m_chart = new QChart();
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    applyChartTheme(*m_chart, palette());
}

void DailyStatsChart::setCounts(const std::vector<dto::DailyCount>& counts)
{
    m_counts = counts;
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis);  // gives the axis back to us
        axis->deleteLater();
    }

    // The last 14 days that have data, oldest first.
    std::map<std::string, std::array<std::int64_t, kInteractionTypeCount>> byDay;
    for (const auto& count : counts)
        byDay[count.day][static_cast<size_t>(count.type)] += count.count;
    while (byDay.size() > 14)
        byDay.erase(byDay.begin());

    auto* series = new QBarSeries(m_chart);
    const auto colors = interactionTypeColors();
    QStringList days;
    for (const auto& [day, perType] : byDay)
        days << qs(day).mid(5);  // "MM-DD"
    std::int64_t peak = 0;
    for (size_t t = 0; t < kInteractionTypeCount; ++t) {
        auto* set = new QBarSet(wireText(domain::kInteractionTypes.name(static_cast<domain::InteractionType>(t))));
        set->setColor(colors[t]);
        set->setBorderColor(colors[t]);
        for (const auto& [day, perType] : byDay) {
            *set << static_cast<double>(perType[t]);
            peak = std::max(peak, perType[t]);
        }
        series->append(set);
    }
    m_chart->addSeries(series);
    auto* axisX = new QBarCategoryAxis(m_chart);
    axisX->append(days);
    auto* axisY = new QValueAxis(m_chart);
    axisY->setLabelFormat(QStringLiteral("%d"));
    axisY->setRange(0, std::max<double>(10.0, static_cast<double>(peak) * 1.1));
    m_chart->addAxis(axisX, Qt::AlignBottom);
    m_chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
}

void DailyStatsChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyChartTheme(*m_chart, palette());
        setCounts(std::vector<dto::DailyCount>(m_counts));
    }
}

}  // namespace alpes::console
