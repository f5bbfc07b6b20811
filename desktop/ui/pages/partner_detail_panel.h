#pragma once

#include "shared/dto/affiliate.h"

#include <QWidget>

class QLabel;

namespace alpes::console {

class ConsoleApi;
class KpiTile;

// One partner: who it is and what it earned (commissions by state, summed per currency).
// GUI thread only.
class PartnerDetailPanel : public QWidget {
    Q_OBJECT

public:
    PartnerDetailPanel(ConsoleApi& api, QWidget* parent = nullptr);

    void showPartner(const dto::Affiliate* affiliate);

private:
    ConsoleApi& m_api;
    QString m_partnerId;
    QLabel* m_title = nullptr;
    QLabel* m_facts = nullptr;
    KpiTile* m_reserved = nullptr;
    KpiTile* m_confirmed = nullptr;
    KpiTile* m_reverted = nullptr;
};

}  // namespace alpes::console
