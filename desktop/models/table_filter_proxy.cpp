#include "desktop/models/table_filter_proxy.h"

#include "desktop/models/record_table_model.h"

namespace alpes::console {

TableFilterProxy::TableFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(kSortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
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

}  // namespace alpes::console
