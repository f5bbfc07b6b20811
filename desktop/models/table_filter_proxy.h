#pragma once

#include <QSortFilterProxyModel>

namespace alpes::console {

class NumericSortKeys;

// What every table's filter does: rows whose cells contain the text (any column, any case) and,
// when a state is chosen, whose state column shows it. Sorts numeric columns by the source's
// NumericSortKeys when it has them (no QVariant per comparison), other columns by kSortRole.
// GUI thread only.
class TableFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit TableFilterProxy(QObject* parent = nullptr);

    void setText(const QString& text);
    void setState(int stateColumn, const QString& state);  // empty state: every state

    void setSourceModel(QAbstractItemModel* model) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    const NumericSortKeys* m_numericKeys = nullptr;  // the source model's, if it offers them
    QString m_text;
    int m_stateColumn = -1;
    QString m_state;
};

}  // namespace alpes::console
