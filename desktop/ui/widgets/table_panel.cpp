#include "desktop/ui/widgets/table_panel.h"

#include "desktop/models/record_table_model.h"
#include "desktop/models/table_filter_proxy.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace alpes::console {

TablePanel::TablePanel(QWidget* parent) : QWidget(parent)
{
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_state = new QComboBox(this);
    m_state->setVisible(false);
    m_view = new QTableView(this);
    m_proxy = new TableFilterProxy(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(26);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setDefaultSectionSize(140);
    m_view->setWordWrap(false);

    auto* filters = new QHBoxLayout();
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_state);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TableFilterProxy::setText);
    connect(m_state, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setState(m_stateColumn, index <= 0 ? QString() : m_state->itemText(index));
    });
    connect(m_view, &QTableView::activated, this,
            [this](const QModelIndex& index) { Q_EMIT activated(index.data(kIdRole).toString()); });
}

void TablePanel::setModel(QAbstractItemModel* model, int stateColumn, const QStringList& states)
{
    m_proxy->setSourceModel(model);
    m_stateColumn = stateColumn;
    m_state->clear();
    m_state->addItem(tr("All states"));
    m_state->addItems(states);
    m_state->setVisible(!states.isEmpty());
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { Q_EMIT currentIdChanged(current.data(kIdRole).toString()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TablePanel::selectionChanged);
}

QStringList TablePanel::selectedIds() const
{
    QStringList ids;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        ids << index.data(kIdRole).toString();
    return ids;
}

void TablePanel::selectFirstRow()
{
    if (m_proxy->rowCount() > 0)
        m_view->setCurrentIndex(m_proxy->index(0, 0));
}

QString TablePanel::currentId() const { return m_view->currentIndex().data(kIdRole).toString(); }

}  // namespace alpes::console
