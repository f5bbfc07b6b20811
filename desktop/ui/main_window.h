#pragma once

#include <QMainWindow>
#include <QUrl>

#include <optional>

class QLabel;

namespace alpes::console {

// The console's main window. For now it only says which server it will talk to; the pages of
// product.md §7 arrive with the console issue.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(std::optional<QUrl> server, QWidget* parent = nullptr);

private:
    QLabel* m_status = nullptr;
};

}  // namespace alpes::console
