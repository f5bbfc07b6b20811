#pragma once

#include <QStringList>
#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QLineEdit;
class QTableView;

namespace alpes::console {

class TableFilterProxy;

// A table as every page shows one: a filter box, an optional state chooser, a sortable view over
// a TableFilterProxy. Pages read the selection as source-model ids (kIdRole). GUI thread only.
class TablePanel : public QWidget {
    Q_OBJECT

public:
    explicit TablePanel(QWidget* parent = nullptr);

    // `states` are the texts the state column shows; an empty list hides the chooser.
    void setModel(QAbstractItemModel* model, int stateColumn = -1, const QStringList& states = {});
    QTableView* view() const { return m_view; }
    TableFilterProxy* proxy() const { return m_proxy; }
    QLineEdit* filterEdit() const { return m_filter; }
    QStringList selectedIds() const;
    QString currentId() const;
    void selectFirstRow();

Q_SIGNALS:
    void currentIdChanged(const QString& id);
    void selectionChanged();
    void activated(const QString& id);

private:
    QLineEdit* m_filter = nullptr;
    QComboBox* m_state = nullptr;
    QTableView* m_view = nullptr;
    TableFilterProxy* m_proxy = nullptr;
    int m_stateColumn = -1;
};

}  // namespace alpes::console
