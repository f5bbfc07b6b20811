#include "desktop/ui/pages/sagas_page.h"

#include "desktop/charts/saga_timeline_view.h"
#include "desktop/models/display_format.h"
#include "desktop/models/saga_table_model.h"
#include "desktop/models/saga_timeline_mapper.h"
#include "desktop/models/table_filter_proxy.h"
#include "desktop/net/console_api.h"
#include "desktop/net/live_stream.h"
#include "desktop/ui/dialogs/text_prompt.h"
#include "desktop/ui/error_display.h"
#include "desktop/ui/widgets/table_panel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace alpes::console {

SagasPage::SagasPage(ConsoleApi& api, SagaTableModel& model, LiveStream& live, QWidget* parent)
    : ConsolePage(parent), m_api(api), m_model(model)
{
    m_table = new TablePanel(this);
    QStringList states;
    for (const auto& [state, wire] : dto::kSagaStates.entries)
        states << wireText(wire);
    m_table->setModel(&m_model, SagaTableModel::State, states);
    m_table->view()->sortByColumn(SagaTableModel::StartedAt, Qt::DescendingOrder);

    m_timeline = new SagaTimelineView(this);
    m_step = new QPlainTextEdit(this);
    m_step->setReadOnly(true);
    m_step->setPlaceholderText(tr("Click a step to see its payload"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_step->setFont(mono);
    m_fraud = new QPushButton(tr("Flag as fraud…"), this);
    m_retry = new QPushButton(tr("Retry"), this);
    m_abort = new QPushButton(tr("Abort"), this);
    auto* buttons = new QHBoxLayout();
    buttons->addWidget(m_fraud);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_abort);
    buttons->addStretch();

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(buttons);
    rightLayout->addWidget(m_timeline, 3);
    rightLayout->addWidget(m_step, 2);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_refetch.setSingleShot(true);
    m_refetch.setInterval(400);
    connect(&m_refetch, &QTimer::timeout, this, [this] {
        if (m_current)
            showSaga(qs(m_current->saga.id.str()));
    });
    m_listRefresh.setInterval(3000);
    connect(&m_listRefresh, &QTimer::timeout, this, &SagasPage::fetchNewSagas);

    connect(m_table, &TablePanel::currentIdChanged, this, &SagasPage::showSaga);
    connect(m_timeline, &SagaTimelineView::stepClicked, this, &SagasPage::showStep);
    connect(&live, &LiveStream::stepChange, this, &SagasPage::onStepChange);
    // The page hears the steps of its shown saga only: a KPI tick with other sagas by state says
    // the list is behind; an empty list catches up at once, so the first sagas show as soon as
    // they exist.
    connect(&live, &LiveStream::kpis, this, [this](const dto::Dashboard& dashboard) {
        if (!dashboard.sagas || dashboard.sagas == m_seenStates)
            return;
        m_seenStates = dashboard.sagas;
        m_listStale = true;
        if (m_model.rowCount() == 0)
            fetchNewSagas();
    });
    connect(m_fraud, &QPushButton::clicked, this, &SagasPage::flagAsFraud);
    connect(m_retry, &QPushButton::clicked, this, [this] { operatorAction(QStringLiteral("retry")); });
    connect(m_abort, &QPushButton::clicked, this, [this] { operatorAction(QStringLiteral("abort")); });
    for (QPushButton* button : {m_fraud, m_retry, m_abort})
        button->setEnabled(false);
}

void SagasPage::refresh()
{
    m_api.loadList<dto::SagaSummary>(
        QStringLiteral("/sagas"), {}, &dto::decodeSagaSummary, this,
        [this](std::vector<dto::SagaSummary> items, bool first) {
            if (first)
                m_model.setRecords(std::move(items));
            else
                m_model.appendRecords(std::move(items));
        },
        [this](Status status) {
            Q_EMIT statusMessage(status ? tr("Sagas loaded: %1").arg(m_model.rowCount())
                                        : tr("Could not load sagas: %1").arg(errorText(status.error())));
        });
}

void SagasPage::showEvent(QShowEvent* event)
{
    ConsolePage::showEvent(event);
    fetchNewSagas();
    m_listRefresh.start();
    if (m_current)
        m_refetch.start();
}

void SagasPage::hideEvent(QHideEvent* event)
{
    ConsolePage::hideEvent(event);
    m_listRefresh.stop();
    // The shown saga's steps do not come while the page is hidden: what happened meanwhile is
    // unknown until it is shown again.
    m_listStale = true;
}

void SagasPage::fetchNewSagas()
{
    if (!m_listStale)
        return;
    m_listStale = false;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
    m_api.fetchItems<dto::SagaSummary>(QStringLiteral("/sagas"), query, &dto::decodeSagaSummary, this,
                                       [this](Result<std::vector<dto::SagaSummary>> sagas) {
                                           if (sagas)
                                               m_model.appendRecords(std::move(*sagas));
                                       });
}

const QAbstractItemModel* SagasPage::exportModel() const { return m_table->proxy(); }

void SagasPage::focusFilter() { m_table->filterEdit()->setFocus(Qt::ShortcutFocusReason); }

void SagasPage::showcase()
{
    // A compensated saga shows the most of the timeline: both kinds of steps.
    for (const dto::SagaSummary& saga : m_model.records())
        if (saga.state == dto::SagaState::Compensated)
            return showSaga(qs(saga.id.str()));
    m_table->selectFirstRow();
}

void SagasPage::showSaga(const QString& sagaId)
{
    if (sagaId.isEmpty())
        return;
    m_api.fetch<dto::SagaDetail>(BffRequest::get(QStringLiteral("/sagas/") + sagaId), &dto::decodeSagaDetail, this,
                                 [this, sagaId](Result<dto::SagaDetail> detail) {
                                     if (!detail)
                                         return Q_EMIT statusMessage(
                                             tr("Could not load saga: %1").arg(errorText(detail.error())));
                                     showDetail(std::move(*detail));
                                 });
}

QString SagasPage::shownSagaId() const
{
    return m_current ? qs(m_current->saga.id.str()) : QString();
}

void SagasPage::showDetail(dto::SagaDetail detail)
{
    const bool sameSaga = m_current && m_current->saga.id == detail.saga.id;
    m_model.upsert(detail.saga);
    m_current = std::move(detail);
    m_timeline->setNowMs(QDateTime::currentMSecsSinceEpoch());
    m_timeline->setTimeline(toTimeline(*m_current));
    if (!sameSaga)
        m_step->clear();
    const auto state = m_current->saga.state;
    m_fraud->setEnabled(state != dto::SagaState::Compensating && state != dto::SagaState::Compensated);
    m_retry->setEnabled(state == dto::SagaState::Failed);
    m_abort->setEnabled(!dto::isTerminal(state) && state != dto::SagaState::Compensating);
    if (!sameSaga)
        Q_EMIT shownSagaChanged();
}

void SagasPage::onStepChange(const dto::StepChange& change)
{
    if (!m_current || !applyStepChange(*m_current, change))
        return;
    m_timeline->setNowMs(QDateTime::currentMSecsSinceEpoch());
    m_timeline->setTimeline(toTimeline(*m_current));
    m_refetch.start();
}

void SagasPage::showStep(int index)
{
    if (!m_current || index < 0 || index >= static_cast<int>(m_current->steps.size()))
        return;
    const SagaTimeline timeline = toTimeline(*m_current);
    const TimelineStep& step = timeline.steps[static_cast<size_t>(index)];
    QString text = tr("%1 (%2) — %3, attempts: %4")
                       .arg(step.name, step.service, wireText(step.state.toStdString()))
                       .arg(step.attempts);
    if (!step.outcome.isEmpty())
        text += QLatin1Char('\n') + tr("Outcome: %1").arg(step.outcome);
    if (!step.error.isEmpty())
        text += QLatin1Char('\n') + tr("Error: %1").arg(step.error);
    text += QStringLiteral("\n\n") + (step.payload.isEmpty() ? tr("(no payload)") : step.payload);
    m_step->setPlainText(text);
}

void SagasPage::flagAsFraud()
{
    if (!m_current)
        return;
    const QString conversionId = qs(m_current->saga.conversionId.str());
    promptText(this, tr("Flag as fraud"), tr("Why is this conversion fraudulent?"), this,
               [this, conversionId](const QString& reason) {
                   m_api.send(BffRequest::post(QStringLiteral("/conversions/%1/fraud").arg(conversionId),
                                               json::Json{{"reason", reason.toStdString()}}),
                              this, [this](Result<json::Json> answer) {
                                  if (!answer)
                                      return showError(this, tr("The conversion was not flagged"), answer.error());
                                  Q_EMIT statusMessage(tr("Flagged as fraud: the compensation starts"));
                                  m_refetch.start();
                              });
               });
}

void SagasPage::operatorAction(const QString& action)
{
    if (!m_current)
        return;
    m_api.send(BffRequest::post(QStringLiteral("/sagas/%1/%2").arg(qs(m_current->saga.id.str()), action)), this,
               [this](Result<json::Json> answer) {
                   if (!answer)
                       return showError(this, tr("The saga was not changed"), answer.error());
                   m_refetch.start();
               });
}

}  // namespace alpes::console
