#include "desktop/ui/widgets/status_panel.h"

#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStatusBar>

namespace alpes::console {

StatusPanel::StatusPanel(QStatusBar& bar) : QObject(&bar)
{
    m_progress = new QProgressBar(&bar);
    m_progress->setRange(0, 0);  // busy: the length of a request is unknown
    m_progress->setMaximumWidth(120);
    m_progress->setMaximumHeight(14);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_connection = new QLabel(&bar);
    m_rate = new QLabel(&bar);
    m_lastUpdate = new QLabel(&bar);
    bar.addPermanentWidget(m_progress);
    bar.addPermanentWidget(m_connection);
    bar.addPermanentWidget(m_rate);
    bar.addPermanentWidget(m_lastUpdate);
    setConnectionState(ConnectionState::Disconnected);
    setEventsPerSecond(0);
    m_lastUpdate->setText(tr("No update yet"));
}

void StatusPanel::setConnectionState(ConnectionState state)
{
    const char* dot = state == ConnectionState::Connected ? "#2EB88A"
                      : state == ConnectionState::Disconnected ? "#9AA0A6" : "#F2A53A";
    m_connection->setText(QStringLiteral("<span style='color:%1'>●</span> %2")
                              .arg(QLatin1String(dot), connectionStateText(state)));
    m_connection->setProperty("plainText", connectionStateText(state));
}

void StatusPanel::setEventsPerSecond(std::int64_t rate)
{
    m_rate->setText(tr("%1 events/s").arg(QLocale().toString(static_cast<qlonglong>(rate))));
}

void StatusPanel::setLastUpdate(const QDateTime& at)
{
    m_lastUpdate->setText(tr("Last update %1").arg(at.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
}

void StatusPanel::setBusy(int pendingRequests) { m_progress->setVisible(pendingRequests > 0); }

QString StatusPanel::connectionText() const { return m_connection->property("plainText").toString(); }

}  // namespace alpes::console
