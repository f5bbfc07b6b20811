#include "desktop/ui/pages/live_page.h"

#include "desktop/charts/live_rate_chart.h"
#include "desktop/models/interaction_feed_model.h"
#include "desktop/models/table_filter_proxy.h"
#include "desktop/net/live_stream.h"
#include "desktop/ui/widgets/table_panel.h"

#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace alpes::console {

LivePage::LivePage(LiveStream& live, InteractionFeedModel& feed, QWidget* parent) : ConsolePage(parent)
{
    m_rate = new QLabel(tr("Waiting for the stream…"), this);
    QFont big = m_rate->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_rate->setFont(big);
    m_chart = new LiveRateChart(LiveRateChart::Style::Stacked, 180, this);
    m_chart->setMinimumHeight(260);
    m_table = new TablePanel(this);
    m_table->setModel(&feed);
    m_table->view()->setSortingEnabled(false);  // newest first, as they arrive
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_rate);
    layout->addWidget(splitter, 1);

    connect(&live, &LiveStream::interactionsTick, this, [this, &feed, &live](const dto::InteractionsTick& tick) {
        const std::int64_t second = toEpochMillis(tick.at) / 1000;
        for (const dto::InteractionCount& count : tick.counts)
            m_chart->addCount(second, count.type, count.count);
        feed.prepend(tick.recent);
        m_rate->setText(tr("Interactions per second: %1").arg(QLocale().toString(static_cast<qlonglong>(live.eventsPerSecond()))));
    });
}

const QAbstractItemModel* LivePage::exportModel() const { return m_table->proxy(); }

void LivePage::focusFilter() { m_table->filterEdit()->setFocus(Qt::ShortcutFocusReason); }

}  // namespace alpes::console
