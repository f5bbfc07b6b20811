#include "desktop/models/table_filter_proxy.h"

#include "desktop/models/numeric_sort_keys.h"
#include "desktop/models/record_table_model.h"

namespace alpes::console {

TableFilterProxy::TableFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(kSortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void TableFilterProxy::setSourceModel(QAbstractItemModel* model)
{
    m_numericKeys = dynamic_cast<const NumericSortKeys*>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void TableFilterProxy::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

void TableFilterProxy::setState(int stateColumn, const QString& state)
{
    m_stateColumn = stateColumn;
    m_state = state;
    invalidateRowsFilter();
}

bool TableFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* model = sourceModel();
    if (!m_state.isEmpty() && m_stateColumn >= 0) {
        const QString state = model->index(sourceRow, m_stateColumn, sourceParent).data().toString();
        if (!state.startsWith(m_state))
            return false;
    }
    if (m_text.isEmpty())
        return true;
    for (int column = 0; column < model->columnCount(sourceParent); ++column)
        if (model->index(sourceRow, column, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

bool TableFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (m_numericKeys) {
        const std::optional<std::int64_t> leftKey = m_numericKeys->numericSortKey(left.row(), left.column());
        if (leftKey) {
            if (const std::optional<std::int64_t> rightKey = m_numericKeys->numericSortKey(right.row(), right.column()))
                return *leftKey < *rightKey;
        }
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

}  // namespace alpes::console
