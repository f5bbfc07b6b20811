#pragma once

#include "shared/dto/campaign.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace alpes::console {

class BudgetGauge;
class ConsoleApi;
class DailyStatsChart;
class LiveRateChart;
class LiveStream;
class NameDirectory;

// One campaign in depth: budget gauge, daily stats, this campaign's live chart, its top partners
// by commission and its last sagas. GUI thread only.
class CampaignDetailPanel : public QWidget {
    Q_OBJECT

public:
    CampaignDetailPanel(ConsoleApi& api, LiveStream& live, const NameDirectory& names, QWidget* parent = nullptr);

    void showCampaign(const dto::Campaign* campaign);

private:
    void loadDetails();

    ConsoleApi& m_api;
    const NameDirectory& m_names;
    QString m_campaignId;
    QLabel* m_title = nullptr;
    QLabel* m_facts = nullptr;
    BudgetGauge* m_gauge = nullptr;
    DailyStatsChart* m_daily = nullptr;
    LiveRateChart* m_live = nullptr;
    QListWidget* m_topPartners = nullptr;
    QListWidget* m_recentSagas = nullptr;
};

}  // namespace alpes::console
