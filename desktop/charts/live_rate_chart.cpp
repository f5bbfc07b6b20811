#include "desktop/charts/live_rate_chart.h"

#include "desktop/charts/chart_theme.h"
#include "desktop/models/display_format.h"

#include <QEvent>
#include <QVBoxLayout>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace alpes::console {

LiveRateChart::LiveRateChart(Style style, size_t windowSeconds, QWidget* parent)
    : QWidget(parent), m_style(style), m_buffer(windowSeconds)
{
    m_chart = new QChart();
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_axisX = new QValueAxis(m_chart);
    m_axisX->setRange(-static_cast<double>(windowSeconds), 0);
    m_axisX->setLabelFormat(QStringLiteral("%d s"));
    m_axisX->setTickCount(7);
    m_axisY = new QValueAxis(m_chart);
    m_axisY->setLabelFormat(QStringLiteral("%d"));
    m_axisY->setRange(0, 10);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    for (size_t t = 0; t < kInteractionTypeCount; ++t) {
        const QString name = wireText(domain::kInteractionTypes.name(static_cast<domain::InteractionType>(t)));
        m_upper[t] = new QLineSeries(m_chart);
        m_upper[t]->setName(name);
        if (m_style == Style::Stacked) {
            m_lower[t] = new QLineSeries(m_chart);
            m_areas[t] = new QAreaSeries(m_upper[t], m_lower[t]);
            m_areas[t]->setName(name);
            m_chart->addSeries(m_areas[t]);
            m_areas[t]->attachAxis(m_axisX);
            m_areas[t]->attachAxis(m_axisY);
        } else {
            m_chart->addSeries(m_upper[t]);
            m_upper[t]->attachAxis(m_axisX);
            m_upper[t]->attachAxis(m_axisY);
        }
    }
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    applyChartTheme(*m_chart, palette());
    applyColors();

    m_timer.setInterval(kRedrawMillis);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_dirty)
            redraw();
    });
    m_timer.start();
}

void LiveRateChart::addCount(std::int64_t epochSecond, domain::InteractionType type, std::int64_t count)
{
    m_buffer.add(epochSecond, type, count);
    m_dirty = true;
}

int LiveRateChart::pointCount(domain::InteractionType type) const
{
    return static_cast<int>(m_upper[static_cast<size_t>(type)]->count());
}

void LiveRateChart::clear()
{
    m_buffer = RateBuffer(m_buffer.windowSeconds());
    redraw();
}

void LiveRateChart::redraw()
{
    m_dirty = false;
    const auto& seconds = m_buffer.seconds();
    const std::int64_t latest = m_buffer.latestSecond();
    std::array<QList<QPointF>, kInteractionTypeCount> upper;
    std::array<QList<QPointF>, kInteractionTypeCount> lower;
    std::int64_t peak = 0;
    for (size_t i = 0; i < seconds.size(); ++i) {
        const auto& second = seconds.at(i);
        const auto x = static_cast<double>(second.epochSecond - latest);
        std::int64_t stacked = 0;
        for (size_t t = 0; t < kInteractionTypeCount; ++t) {
            const std::int64_t below = stacked;
            stacked = m_style == Style::Stacked ? stacked + second.counts[t] : second.counts[t];
            upper[t].append(QPointF(x, static_cast<double>(stacked)));
            if (m_style == Style::Stacked)
                lower[t].append(QPointF(x, static_cast<double>(below)));
            peak = std::max(peak, stacked);
        }
    }
    for (size_t t = 0; t < kInteractionTypeCount; ++t) {
        m_upper[t]->replace(upper[t]);
        if (m_lower[t])
            m_lower[t]->replace(lower[t]);
    }
    // A little headroom, and a scale that does not jitter with every second.
    const double top = std::max<double>(10.0, static_cast<double>(peak) * 1.15);
    if (top > m_axisY->max() || top < m_axisY->max() * 0.5) {
        m_axisY->setRange(0, top);
        m_axisY->applyNiceNumbers();
    }
}

void LiveRateChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyChartTheme(*m_chart, palette());
        applyColors();
    }
}

void LiveRateChart::applyColors()
{
    const auto colors = interactionTypeColors();
    for (size_t t = 0; t < kInteractionTypeCount; ++t) {
        if (m_areas[t]) {
            QColor fill = colors[t];
            fill.setAlpha(190);
            m_areas[t]->setBrush(fill);
            m_areas[t]->setPen(QPen(colors[t].darker(115), 1));
        } else {
            m_upper[t]->setPen(QPen(colors[t], 2));
        }
    }
}

}  // namespace alpes::console
