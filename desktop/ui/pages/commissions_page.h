#pragma once

#include "desktop/ui/console_page.h"
#include "shared/dto/commission.h"

#include <QTimer>

#include <optional>

class QLabel;
class QPushButton;

namespace alpes::console {

class CommissionTableModel;
class ConsoleApi;
class LiveStream;
class TablePanel;

// Commissions: the table by state with totals per state, confirm one, confirm the selected ones
// in a batch. A KPI tick whose commissions by state differ from the last one makes the table
// stale: it reloads at most every few seconds while shown (or while still empty), else when next
// shown. (It followed the saga steps once: those grow with the ingest rate, the KPI ticks do not.)
// GUI thread only.
class CommissionsPage : public ConsolePage {
    Q_OBJECT

public:
    CommissionsPage(ConsoleApi& api, CommissionTableModel& model, LiveStream& live, QWidget* parent = nullptr);

    void refresh() override;
    const QAbstractItemModel* exportModel() const override;
    QString exportName() const override { return QStringLiteral("commissions"); }
    void focusFilter() override;
    void showcase() override;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void markStale();
    void updateTotals();
    void confirmSelected();

    ConsoleApi& m_api;
    CommissionTableModel& m_model;
    TablePanel* m_table = nullptr;
    QLabel* m_totals = nullptr;
    QPushButton* m_confirm = nullptr;
    QTimer m_staleReload;  // single shot: coalesces a burst of saga steps into one reload
    bool m_stale = false;
    std::optional<dto::CommissionStats> m_seenStats;  // from the last KPI tick
};

}  // namespace alpes::console
