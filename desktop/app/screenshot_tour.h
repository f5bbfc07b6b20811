#pragma once

#include "desktop/app/theme.h"

#include <QDir>
#include <QObject>
#include <QTimer>

#include <functional>

namespace alpes::console {

class MainWindow;

// Saves every page of the main window as PNG, in the light and then the dark theme, into a
// directory (scripts/screenshots.sh; hidden option --screenshot-dir). It grabs the window itself
// (QWidget::grab), so no screen-capture tool is needed. Each step waits on a timer, never in a
// loop, so data keeps flowing while the tour runs. GUI thread only.
class ScreenshotTour : public QObject {
    Q_OBJECT

public:
    static constexpr int kWarmUpMillis = 12'000;  // data and a few chart seconds arrive first
    static constexpr int kSettleMillis = 1'500;   // a page's detail loads after it is shown

    ScreenshotTour(MainWindow& window, QDir directory, std::function<void(ThemeChoice)> applyTheme,
                   QObject* parent = nullptr);

    void start(int warmUpMillis = kWarmUpMillis);

Q_SIGNALS:
    void finished(bool ok);

private:
    void next();

    MainWindow& m_window;
    QDir m_directory;
    std::function<void(ThemeChoice)> m_applyTheme;
    QTimer m_timer;
    int m_step = 0;  // pages × themes, each shown then grabbed
    bool m_ok = true;
};

}  // namespace alpes::console
