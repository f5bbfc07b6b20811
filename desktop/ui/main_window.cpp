#include "desktop/ui/main_window.h"

#include "desktop/app/console_settings.h"
#include "desktop/models/csv_exporter.h"
#include "desktop/ui/console_page.h"
#include "desktop/ui/widgets/connection_banner.h"
#include "desktop/ui/widgets/status_panel.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>

namespace alpes::console {

MainWindow::MainWindow(ConsoleSettings& settings, QWidget* parent) : QMainWindow(parent), m_settings(settings)
{
    setWindowTitle(tr("Alpes Partners"));
    setMinimumSize(960, 600);
    resize(1440, 900);
    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setFixedWidth(190);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setSpacing(2);
    QFont sidebarFont = m_sidebar->font();
    sidebarFont.setPointSizeF(sidebarFont.pointSizeF() * 1.1);
    m_sidebar->setFont(sidebarFont);
    m_stack = new QStackedWidget(this);
    m_banner = new ConnectionBanner(this);

    auto* central = new QWidget(this);
    auto* body = new QHBoxLayout();
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    body->addWidget(m_sidebar);
    body->addWidget(m_stack, 1);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addLayout(body, 1);
    setCentralWidget(central);
    m_status = new StatusPanel(*statusBar());
    connect(m_sidebar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    // The previous page's note leaves with it.
    connect(m_stack, &QStackedWidget::currentChanged, statusBar(), &QStatusBar::clearMessage);
    connect(m_stack, &QStackedWidget::currentChanged, this, &MainWindow::currentPageChanged);
    buildMenus();
}

void MainWindow::addPage(ConsolePage* page, const QString& title)
{
    m_pages.push_back(page);
    m_stack->addWidget(page);
    auto* item = new QListWidgetItem(title, m_sidebar);
    item->setSizeHint(QSize(0, 36));
    // A page's note is about what it shows: one from a page in the background (a reload the stream
    // triggered) would be read as about the visible page.
    connect(page, &ConsolePage::statusMessage, this, [this, page](const QString& text) {
        if (page == currentPage())
            statusBar()->showMessage(text, 8000);
    });
    const int index = static_cast<int>(m_pages.size());
    if (index <= 9) {
        auto* action = new QAction(this);
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + index)));
        connect(action, &QAction::triggered, this, [this, index] { showPage(index - 1); });
        addAction(action);
    }
    if (m_pages.size() == 1)
        m_sidebar->setCurrentRow(0);
}

int MainWindow::currentPageIndex() const { return m_stack->currentIndex(); }

int MainWindow::indexOf(const ConsolePage* page) const
{
    const auto found = std::find(m_pages.begin(), m_pages.end(), page);
    return found == m_pages.end() ? -1 : static_cast<int>(found - m_pages.begin());
}

void MainWindow::showPage(int index)
{
    if (index >= 0 && index < pageCount())
        m_sidebar->setCurrentRow(index);
}

ConsolePage* MainWindow::currentPage() const
{
    const int index = currentPageIndex();
    return index >= 0 && index < pageCount() ? m_pages[static_cast<size_t>(index)] : nullptr;
}

QStringList MainWindow::pageTitles() const
{
    QStringList titles;
    for (int i = 0; i < m_sidebar->count(); ++i)
        titles << m_sidebar->item(i)->text();
    return titles;
}

void MainWindow::setServerLabel(const QString& text) { setWindowTitle(tr("Alpes Partners — %1").arg(text)); }

void MainWindow::exportCurrent()
{
    ConsolePage* page = currentPage();
    const QAbstractItemModel* model = page ? page->exportModel() : nullptr;
    if (!model) {
        statusBar()->showMessage(tr("This page has no table to export"), 5000);
        return;
    }
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/') +
                              page->exportName() + QStringLiteral(".csv");
    auto* dialog = new QFileDialog(this, tr("Export CSV"), suggested, tr("CSV files (*.csv)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, model](const QString& path) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || !CsvExporter::write(*model, file))
            statusBar()->showMessage(tr("Could not write %1").arg(path), 8000);
        else
            statusBar()->showMessage(tr("Exported to %1 (rows: %2)").arg(path).arg(model->rowCount()), 8000);
    });
    dialog->open();
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Refresh"), QKeySequence(Qt::CTRL | Qt::Key_R), this, [this] {
        if (ConsolePage* page = currentPage())
            page->refresh();
    });
    file->addAction(tr("&Export table as CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportCurrent);
    file->addSeparator();
    file->addAction(tr("&Sign out"), this, &MainWindow::signOutRequested);
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Filter"), QKeySequence(Qt::CTRL | Qt::Key_F), this, [this] {
        if (ConsolePage* page = currentPage())
            page->focusFilter();
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* theme = view->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const ThemeChoice current = themeFromName(m_settings.theme.get());
    const std::pair<ThemeChoice, QString> choices[] = {
        {ThemeChoice::System, tr("Follow the system")}, {ThemeChoice::Light, tr("Light")}, {ThemeChoice::Dark, tr("Dark")}};
    for (const auto& [choice, label] : choices) {
        QAction* action = theme->addAction(label);
        action->setCheckable(true);
        action->setChecked(choice == current);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice = choice] { Q_EMIT themeChosen(choice); });
    }
    QMenu* language = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(this);
    const std::pair<QString, QString> names[] = {{QStringLiteral("en"), QStringLiteral("English")},
                                                 {QStringLiteral("es"), QStringLiteral("Español")}};
    for (const auto& [code, label] : names) {
        QAction* action = language->addAction(label);
        action->setCheckable(true);
        action->setChecked(code == m_settings.language.get());
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] {
            Q_EMIT languageChosen(code);
            statusBar()->showMessage(tr("The language changes at the next start"), 8000);
        });
    }
}

void MainWindow::restoreGeometryFromSettings()
{
    const QByteArray geometry = m_settings.windowGeometry.get();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = m_settings.windowState.get();
    if (!state.isEmpty())
        restoreState(state);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.windowGeometry.set(saveGeometry());
    m_settings.windowState.set(saveState());
    QMainWindow::closeEvent(event);
}

}  // namespace alpes::console
