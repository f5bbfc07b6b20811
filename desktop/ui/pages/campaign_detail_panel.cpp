#include "desktop/ui/pages/campaign_detail_panel.h"

#include "desktop/charts/daily_stats_chart.h"
#include "desktop/charts/live_rate_chart.h"
#include "desktop/models/commission_summary.h"
#include "desktop/models/display_format.h"
#include "desktop/models/name_directory.h"
#include "desktop/net/console_api.h"
#include "desktop/net/live_stream.h"
#include "desktop/ui/widgets/budget_gauge.h"
#include "shared/dto/saga.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

#include <map>

namespace alpes::console {

namespace {

QGroupBox* boxed(const QString& title, QWidget* content, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(content);
    return box;
}

}  // namespace

CampaignDetailPanel::CampaignDetailPanel(ConsoleApi& api, LiveStream& live, const NameDirectory& names, QWidget* parent)
    : QWidget(parent), m_api(api), m_names(names)
{
    m_title = new QLabel(tr("Select a campaign"), this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_facts = new QLabel(this);
    m_facts->setWordWrap(true);
    m_gauge = new BudgetGauge(this);
    m_daily = new DailyStatsChart(this);
    m_daily->setMinimumHeight(180);
    m_live = new LiveRateChart(LiveRateChart::Style::Lines, 120, this);
    m_live->setMinimumHeight(180);
    m_topPartners = new QListWidget(this);
    m_recentSagas = new QListWidget(this);

    auto* grid = new QGridLayout(this);
    grid->addWidget(m_title, 0, 0, 1, 2);
    grid->addWidget(m_facts, 1, 0, 1, 2);
    grid->addWidget(boxed(tr("Budget"), m_gauge, this), 2, 0);
    grid->addWidget(boxed(tr("Top partners"), m_topPartners, this), 2, 1);
    grid->addWidget(boxed(tr("Daily interactions"), m_daily, this), 3, 0, 1, 2);
    grid->addWidget(boxed(tr("Live (last 2 minutes)"), m_live, this), 4, 0);
    grid->addWidget(boxed(tr("Recent sagas"), m_recentSagas, this), 4, 1);
    grid->setRowStretch(3, 1);
    grid->setRowStretch(4, 1);

    connect(&live, &LiveStream::interactionsTick, this, [this](const dto::InteractionsTick& tick) {
        if (m_campaignId.isEmpty())
            return;
        const std::int64_t second = toEpochMillis(tick.at) / 1000;
        for (const dto::InteractionCount& count : tick.counts)
            if (qs(count.campaignId.str()) == m_campaignId)
                m_live->addCount(second, count.type, count.count);
    });
}

void CampaignDetailPanel::showCampaign(const dto::Campaign* campaign)
{
    if (!campaign) {
        m_campaignId.clear();
        m_title->setText(tr("Select a campaign"));
        m_facts->clear();
        return;
    }
    const QString id = qs(campaign->id.str());
    const bool changed = id != m_campaignId;
    m_campaignId = id;
    m_title->setText(qs(campaign->name));
    m_facts->setText(tr("%1 · %2 · %3 to %4 · brand %5")
                         .arg(wireText(domain::kCampaignStates.name(campaign->state)),
                              wireText(domain::kCampaignKinds.name(campaign->kind)), formatTime(campaign->startsAt),
                              formatTime(campaign->endsAt), qs(campaign->brand.name)));
    const double fraction = campaign->budget.amount() > 0
                                ? static_cast<double>(campaign->spent.amount()) / static_cast<double>(campaign->budget.amount())
                                : 0.0;
    m_gauge->setBudget(fraction, formatMoney(campaign->spent), formatMoney(campaign->budget));
    if (changed) {
        m_live->clear();
        loadDetails();
    }
}

void CampaignDetailPanel::loadDetails()
{
    const QString id = m_campaignId;
    m_daily->setCounts({});
    m_topPartners->clear();
    m_recentSagas->clear();
    m_api.fetchItems<dto::DailyCount>(QStringLiteral("/campaigns/%1/stats/daily").arg(id), {}, &dto::decodeDailyCount,
                                      this, [this, id](Result<std::vector<dto::DailyCount>> counts) {
                                          if (counts && id == m_campaignId)
                                              m_daily->setCounts(*counts);
                                      });
    QUrlQuery byCampaign;
    byCampaign.addQueryItem(QStringLiteral("campaignId"), id);
    byCampaign.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    m_api.fetchItems<dto::Commission>(
        QStringLiteral("/commissions"), byCampaign, &dto::decodeCommission, this,
        [this, id](Result<std::vector<dto::Commission>> commissions) {
            if (!commissions || id != m_campaignId)
                return;
            std::map<std::string, std::vector<dto::Commission>> byPartner;
            for (const dto::Commission& c : *commissions)
                if (c.state != domain::CommissionState::Reverted)
                    byPartner[c.affiliateId.str()].push_back(c);
            std::vector<std::pair<std::int64_t, QString>> ranked;
            for (const auto& [partner, list] : byPartner) {
                const auto stats = summarize(list);
                const std::int64_t earned = stats.reserved.count + stats.confirmed.count;
                ranked.emplace_back(earned, m_names.nameOf(qs(partner)) + QStringLiteral(" — ") +
                                                tr("conversions: %1").arg(earned));
            }
            std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            for (size_t i = 0; i < std::min<size_t>(5, ranked.size()); ++i)
                m_topPartners->addItem(ranked[i].second);
        });
    QUrlQuery lastSagas;
    lastSagas.addQueryItem(QStringLiteral("campaignId"), id);
    lastSagas.addQueryItem(QStringLiteral("limit"), QStringLiteral("10"));
    m_api.fetchItems<dto::SagaSummary>(QStringLiteral("/sagas"), lastSagas, &dto::decodeSagaSummary, this,
                                       [this, id](Result<std::vector<dto::SagaSummary>> sagas) {
                                           if (!sagas || id != m_campaignId)
                                               return;
                                           for (const dto::SagaSummary& saga : *sagas)
                                               m_recentSagas->addItem(
                                                   QStringLiteral("%1 · %2 · %3")
                                                       .arg(formatTime(saga.startedAt), qs(saga.orderId),
                                                            wireText(dto::kSagaStates.name(saga.state))));
                                       });
}

}  // namespace alpes::console
