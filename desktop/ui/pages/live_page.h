#pragma once

#include "desktop/ui/console_page.h"

class QLabel;

namespace alpes::console {

class InteractionFeedModel;
class LiveRateChart;
class LiveStream;
class TablePanel;

// Live: interactions per second per type, stacked, and the feed of sampled recent interactions.
// Everything here comes from the stream; refresh() has nothing to reload. GUI thread only.
class LivePage : public ConsolePage {
    Q_OBJECT

public:
    LivePage(LiveStream& live, InteractionFeedModel& feed, QWidget* parent = nullptr);

    void refresh() override {}
    const QAbstractItemModel* exportModel() const override;
    QString exportName() const override { return QStringLiteral("recent-interactions"); }
    void focusFilter() override;
    LiveRateChart* chart() const { return m_chart; }

private:
    LiveRateChart* m_chart = nullptr;
    TablePanel* m_table = nullptr;
    QLabel* m_rate = nullptr;
};

}  // namespace alpes::console
