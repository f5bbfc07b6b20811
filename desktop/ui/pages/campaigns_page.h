#pragma once

#include "desktop/ui/console_page.h"

class QAction;

namespace alpes::console {

class CampaignDetailPanel;
class CampaignTableModel;
class ConsoleApi;
class LiveStream;
class NameDirectory;
class TablePanel;

// Campaigns: the table, create/edit, the lifecycle actions, and the selected campaign's detail.
// GUI thread only.
class CampaignsPage : public ConsolePage {
    Q_OBJECT

public:
    CampaignsPage(ConsoleApi& api, CampaignTableModel& model, NameDirectory& names, LiveStream& live,
                  QWidget* parent = nullptr);

    void refresh() override;
    const QAbstractItemModel* exportModel() const override;
    QString exportName() const override { return QStringLiteral("campaigns"); }
    void focusFilter() override;
    void showcase() override;

private:
    void openDialog(bool edit);
    void runAction(const QString& action);
    void updateActions();

    ConsoleApi& m_api;
    CampaignTableModel& m_model;
    NameDirectory& m_names;
    TablePanel* m_table = nullptr;
    CampaignDetailPanel* m_detail = nullptr;
    QAction* m_edit = nullptr;
    QAction* m_activate = nullptr;
    QAction* m_pause = nullptr;
    QAction* m_resume = nullptr;
    QAction* m_finish = nullptr;
    QAction* m_cancel = nullptr;
};

}  // namespace alpes::console
