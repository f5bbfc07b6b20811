#pragma once

#include "desktop/ui/console_page.h"
#include "shared/dto/saga.h"

#include <QTimer>

#include <map>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace alpes::console {

class ConsoleApi;
class LiveStream;
class SagaTableModel;
class SagaTimelineView;
class TablePanel;

// Sagas: the table by state and the selected saga's timeline, which follows the `saga` stream
// events as they come (the compensation unfolds live) and refetches the saga once they settle.
// A step's payload shows on click; "Flag as fraud" starts a compensation. The stream carries the
// steps of the shown saga only, and only while this page is current (ConsoleApp::streamTopics):
// saga steps of the whole system come at about one per ingested interaction, too many to read.
// The table follows the KPI ticks instead: when their sagas by state change, the newest sagas are
// fetched again within a few seconds while shown (at once while the list is empty), and on showing
// the page; an operator action refetches its saga, whose row follows. GUI thread only.
class SagasPage : public ConsolePage {
    Q_OBJECT

public:
    SagasPage(ConsoleApi& api, SagaTableModel& model, LiveStream& live, QWidget* parent = nullptr);

    void refresh() override;
    const QAbstractItemModel* exportModel() const override;
    QString exportName() const override { return QStringLiteral("sagas"); }
    void focusFilter() override;
    void showcase() override;
    // Shows one saga (also used when another page asks to open it).
    void showSaga(const QString& sagaId);
    // The saga on the timeline; empty before one is shown.
    QString shownSagaId() const;

Q_SIGNALS:
    // Another saga is on the timeline: the stream should carry its steps.
    void shownSagaChanged();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void fetchNewSagas();
    void onStepChange(const dto::StepChange& change);
    void showDetail(dto::SagaDetail detail);
    void showStep(int index);
    void flagAsFraud();
    void operatorAction(const QString& action);

    ConsoleApi& m_api;
    SagaTableModel& m_model;
    TablePanel* m_table = nullptr;
    SagaTimelineView* m_timeline = nullptr;
    QPlainTextEdit* m_step = nullptr;
    QPushButton* m_fraud = nullptr;
    QPushButton* m_retry = nullptr;
    QPushButton* m_abort = nullptr;
    std::optional<dto::SagaDetail> m_current;
    QTimer m_refetch;      // settles the timeline after a burst of step events
    QTimer m_listRefresh;  // while shown: picks up sagas the stream announced and the list does not have
    bool m_listStale = false;
    std::optional<std::map<dto::SagaState, std::int64_t>> m_seenStates;  // from the last KPI tick
};

}  // namespace alpes::console
