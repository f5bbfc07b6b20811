#include "desktop/ui/main_window.h"

#include <QLabel>
#include <QStatusBar>
#include <QVBoxLayout>

namespace alpes::console {

MainWindow::MainWindow(std::optional<QUrl> server, QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Alpes Partners"));
    resize(1280, 800);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* title = new QLabel(tr("Alpes Partners console"), central);
    QFont titleFont = title->font();
    titleFont.setPointSize(titleFont.pointSize() * 2);
    title->setFont(titleFont);
    m_status = new QLabel(server ? tr("Server: %1").arg(server->toString())
                                 : tr("No server chosen yet: start with --server URL."),
                          central);
    layout->addWidget(title);
    layout->addWidget(m_status);
    layout->addStretch();
    setCentralWidget(central);
    statusBar()->showMessage(tr("Not connected"));
}

}  // namespace alpes::console
