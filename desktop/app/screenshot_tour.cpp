#include "desktop/app/screenshot_tour.h"

#include "desktop/ui/console_page.h"
#include "desktop/ui/main_window.h"

namespace alpes::console {

ScreenshotTour::ScreenshotTour(MainWindow& window, QDir directory, std::function<void(ThemeChoice)> applyTheme,
                               QObject* parent)
    : QObject(parent), m_window(window), m_directory(std::move(directory)), m_applyTheme(std::move(applyTheme))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ScreenshotTour::next);
}

void ScreenshotTour::start(int warmUpMillis)
{
    m_directory.mkpath(QStringLiteral("."));
    m_step = 0;
    m_timer.start(warmUpMillis);
}

void ScreenshotTour::next()
{
    const int pages = m_window.pageCount();
    const int shot = m_step / 2;  // even steps show a page, odd steps grab it
    if (shot >= pages * 2) {
        Q_EMIT finished(m_ok);
        return;
    }
    const ThemeChoice theme = shot < pages ? ThemeChoice::Light : ThemeChoice::Dark;
    const int page = shot % pages;
    if (m_step % 2 == 0) {
        if (page == 0)
            m_applyTheme(theme);
        m_window.showPage(page);
        m_window.page(page)->showcase();
    } else {
        const QString name = m_window.page(page)->exportName() + QLatin1Char('-') + themeName(theme) +
                             QStringLiteral(".png");
        m_ok = m_window.grab().save(m_directory.filePath(name)) && m_ok;
    }
    ++m_step;
    m_timer.start(m_step % 2 == 1 ? kSettleMillis : 0);
}

}  // namespace alpes::console
