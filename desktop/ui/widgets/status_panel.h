#pragma once

#include "desktop/net/connection_state.h"

#include <QDateTime>
#include <QObject>

class QLabel;
class QProgressBar;
class QStatusBar;

namespace alpes::console {

// The status bar's permanent parts: connection state, events per second, last update, and a
// busy indicator while requests are in flight. GUI thread only.
class StatusPanel : public QObject {
    Q_OBJECT

public:
    explicit StatusPanel(QStatusBar& bar);

    void setConnectionState(ConnectionState state);
    void setEventsPerSecond(std::int64_t rate);
    void setLastUpdate(const QDateTime& at);
    void setBusy(int pendingRequests);
    QString connectionText() const;

private:
    QLabel* m_connection = nullptr;
    QLabel* m_rate = nullptr;
    QLabel* m_lastUpdate = nullptr;
    QProgressBar* m_progress = nullptr;
};

}  // namespace alpes::console
