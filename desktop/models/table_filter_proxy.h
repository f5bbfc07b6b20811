#pragma once

#include <QSortFilterProxyModel>

namespace alpes::console {

// What every table's filter does: rows whose cells contain the text (any column, any case) and,
// when a state is chosen, whose state column shows it. Sorts by kSortRole. GUI thread only.
class TableFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit TableFilterProxy(QObject* parent = nullptr);

    void setText(const QString& text);
    void setState(int stateColumn, const QString& state);  // empty state: every state

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    int m_stateColumn = -1;
    QString m_state;
};

}  // namespace alpes::console
