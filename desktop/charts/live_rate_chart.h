#pragma once

#include "desktop/charts/rate_buffer.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QChart;
class QChartView;
class QLineSeries;
class QAreaSeries;
class QValueAxis;

namespace alpes::console {

// Interactions per second per type over a rolling window: lines (Dashboard, campaign detail) or
// stacked areas (Live). Counts go into a bounded RateBuffer as they arrive; the chart is redrawn
// from it on a timer with QXYSeries::replace(), never once per event, with no animation.
// GUI thread only.
class LiveRateChart : public QWidget {
    Q_OBJECT

public:
    enum class Style { Lines, Stacked };
    static constexpr int kRedrawMillis = 500;

    LiveRateChart(Style style, size_t windowSeconds, QWidget* parent = nullptr);

    void addCount(std::int64_t epochSecond, domain::InteractionType type, std::int64_t count);
    const RateBuffer& buffer() const { return m_buffer; }
    // Points currently drawn in the series of `type` (what the last redraw put there).
    int pointCount(domain::InteractionType type) const;
    void redraw();
    // Forgets every count (the chart now follows something else).
    void clear();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();

    Style m_style;
    RateBuffer m_buffer;
    bool m_dirty = false;
    QTimer m_timer;
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    std::array<QLineSeries*, kInteractionTypeCount> m_upper{};
    std::array<QLineSeries*, kInteractionTypeCount> m_lower{};  // stacked style only
    std::array<QAreaSeries*, kInteractionTypeCount> m_areas{};  // stacked style only
};

}  // namespace alpes::console
