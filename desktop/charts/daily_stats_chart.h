#pragma once

#include "shared/dto/interaction.h"

#include <QWidget>

#include <vector>

class QChart;
class QChartView;

namespace alpes::console {

// Interactions per day per type as grouped bars (GET /campaigns/{id}/stats/daily, /stats/daily).
// GUI thread only.
class DailyStatsChart : public QWidget {
    Q_OBJECT

public:
    explicit DailyStatsChart(QWidget* parent = nullptr);

    void setCounts(const std::vector<dto::DailyCount>& counts);

protected:
    void changeEvent(QEvent* event) override;

private:
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    std::vector<dto::DailyCount> m_counts;
};

}  // namespace alpes::console
