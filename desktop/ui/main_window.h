#pragma once

#include "desktop/app/theme.h"

#include <QMainWindow>

#include <vector>

class QListWidget;
class QStackedWidget;

namespace alpes::console {

class ConnectionBanner;
class ConsolePage;
class ConsoleSettings;
class StatusPanel;

// The console's frame: a navigation sidebar over the pages, the unreachable-server banner, the
// status bar, menus and shortcuts (Ctrl+1..6 pages, Ctrl+R refresh, Ctrl+E export, Ctrl+F filter).
// It owns no data: the app builds the pages and handles what the menus request. Geometry is
// remembered in the settings. GUI thread only.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(ConsoleSettings& settings, QWidget* parent = nullptr);

    void addPage(ConsolePage* page, const QString& title);
    int pageCount() const { return static_cast<int>(m_pages.size()); }
    ConsolePage* page(int index) const { return m_pages[static_cast<size_t>(index)]; }
    int currentPageIndex() const;
    // -1 for a page that is not here.
    int indexOf(const ConsolePage* page) const;
    void showPage(int index);
    ConsolePage* currentPage() const;
    QStringList pageTitles() const;

    ConnectionBanner* banner() const { return m_banner; }
    StatusPanel* statusPanel() const { return m_status; }
    void setServerLabel(const QString& text);
    void exportCurrent();
    void restoreGeometryFromSettings();

Q_SIGNALS:
    void themeChosen(alpes::console::ThemeChoice choice);
    void languageChosen(const QString& language);
    void signOutRequested();
    void currentPageChanged(int index);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();

    ConsoleSettings& m_settings;
    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_stack = nullptr;
    ConnectionBanner* m_banner = nullptr;
    StatusPanel* m_status = nullptr;
    std::vector<ConsolePage*> m_pages;
};

}  // namespace alpes::console
