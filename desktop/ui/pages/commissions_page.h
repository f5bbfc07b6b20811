#pragma once

#include "desktop/ui/console_page.h"

class QLabel;
class QPushButton;

namespace alpes::console {

class CommissionTableModel;
class ConsoleApi;
class TablePanel;

// Commissions: the table by state with totals per state, confirm one, confirm the selected ones
// in a batch. GUI thread only.
class CommissionsPage : public ConsolePage {
    Q_OBJECT

public:
    CommissionsPage(ConsoleApi& api, CommissionTableModel& model, QWidget* parent = nullptr);

    void refresh() override;
    const QAbstractItemModel* exportModel() const override;
    QString exportName() const override { return QStringLiteral("commissions"); }
    void focusFilter() override;
    void showcase() override;

private:
    void updateTotals();
    void confirmSelected();

    ConsoleApi& m_api;
    CommissionTableModel& m_model;
    TablePanel* m_table = nullptr;
    QLabel* m_totals = nullptr;
    QPushButton* m_confirm = nullptr;
};

}  // namespace alpes::console
