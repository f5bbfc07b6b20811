#pragma once

#include <QWidget>

class QAbstractItemModel;

namespace alpes::console {

// What the main window asks of every page: reload from the server, the table Ctrl+E exports,
// where Ctrl+F puts the cursor. GUI thread only.
class ConsolePage : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual void refresh() = 0;
    // The table as the user sees it (filtered, sorted); nullptr when the page has none.
    virtual const QAbstractItemModel* exportModel() const = 0;
    virtual QString exportName() const = 0;
    virtual void focusFilter() {}
    // Selects something representative (the first row; for sagas a compensated one) so a
    // screenshot of the page shows its detail views filled.
    virtual void showcase() {}

Q_SIGNALS:
    // A short note for the status bar ("12 campaigns loaded", "Could not load: …").
    void statusMessage(const QString& text);
};

}  // namespace alpes::console
