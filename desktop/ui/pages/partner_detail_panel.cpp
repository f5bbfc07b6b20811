#include "desktop/ui/pages/partner_detail_panel.h"

#include "desktop/models/commission_summary.h"
#include "desktop/models/display_format.h"
#include "desktop/net/console_api.h"
#include "desktop/ui/widgets/kpi_tile.h"

#include <QGridLayout>
#include <QLabel>

namespace alpes::console {

PartnerDetailPanel::PartnerDetailPanel(ConsoleApi& api, QWidget* parent) : QWidget(parent), m_api(api)
{
    m_title = new QLabel(tr("Select a partner"), this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_facts = new QLabel(this);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reserved = new KpiTile(tr("Earnings reserved"), this);
    m_confirmed = new KpiTile(tr("Earnings confirmed"), this);
    m_reverted = new KpiTile(tr("Reverted"), this);
    auto* grid = new QGridLayout(this);
    grid->addWidget(m_title, 0, 0, 1, 3);
    grid->addWidget(m_facts, 1, 0, 1, 3);
    grid->addWidget(m_reserved, 2, 0);
    grid->addWidget(m_confirmed, 2, 1);
    grid->addWidget(m_reverted, 2, 2);
    grid->setRowStretch(3, 1);
}

void PartnerDetailPanel::showPartner(const dto::Affiliate* affiliate)
{
    if (!affiliate) {
        m_partnerId.clear();
        m_title->setText(tr("Select a partner"));
        m_facts->clear();
        return;
    }
    const QString id = qs(affiliate->id.str());
    m_title->setText(qs(affiliate->name));
    QString facts = tr("%1 · %2 · %3 followers · %4")
                        .arg(qs(affiliate->email), wireText(domain::kAffiliateKinds.name(affiliate->kind)))
                        .arg(affiliate->followers)
                        .arg(wireText(domain::kAffiliateStates.name(affiliate->state)));
    if (affiliate->suspensionReason)
        facts += QStringLiteral("\n") + tr("Suspended: %1").arg(qs(affiliate->suspensionReason));
    m_facts->setText(facts);
    if (id == m_partnerId)
        return;
    m_partnerId = id;
    for (KpiTile* tile : {m_reserved, m_confirmed, m_reverted})
        tile->setValue(QStringLiteral("…"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("affiliateId"), id);
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    m_api.fetchItems<dto::Commission>(QStringLiteral("/commissions"), query, &dto::decodeCommission, this,
                                      [this, id](Result<std::vector<dto::Commission>> commissions) {
                                          if (id != m_partnerId)
                                              return;
                                          if (!commissions) {
                                              for (KpiTile* tile : {m_reserved, m_confirmed, m_reverted})
                                                  tile->setValue(QStringLiteral("–"));
                                              return;
                                          }
                                          const auto stats = summarize(*commissions);
                                          m_reserved->setValue(totalsText(stats.reserved));
                                          m_confirmed->setValue(totalsText(stats.confirmed));
                                          m_reverted->setValue(totalsText(stats.reverted));
                                      });
}

}  // namespace alpes::console
