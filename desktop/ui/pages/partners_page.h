#pragma once

#include "desktop/ui/console_page.h"
#include "shared/json/json_decoder.h"

class QAction;

namespace alpes::console {

class AffiliateTableModel;
class ConsoleApi;
class NameDirectory;
class PartnerDetailPanel;
class TablePanel;

// Partners: the table, registration, approve / suspend (with a reason) / reinstate, and the
// selected partner's earnings. GUI thread only.
class PartnersPage : public ConsolePage {
    Q_OBJECT

public:
    PartnersPage(ConsoleApi& api, AffiliateTableModel& model, NameDirectory& names, QWidget* parent = nullptr);

    void refresh() override;
    const QAbstractItemModel* exportModel() const override;
    QString exportName() const override { return QStringLiteral("partners"); }
    void focusFilter() override;
    void showcase() override;

private:
    void runAction(const QString& action, const json::Json& body);
    void updateActions();

    ConsoleApi& m_api;
    AffiliateTableModel& m_model;
    NameDirectory& m_names;
    TablePanel* m_table = nullptr;
    PartnerDetailPanel* m_detail = nullptr;
    QAction* m_approve = nullptr;
    QAction* m_suspend = nullptr;
    QAction* m_reinstate = nullptr;
};

}  // namespace alpes::console
