#include "desktop/ui/pages/master_detail.h"

#include "desktop/ui/widgets/table_panel.h"

#include <QAbstractItemModel>
#include <QSplitter>
#include <QToolBar>
#include <QVBoxLayout>

namespace alpes::console {

void layOutMasterDetail(QWidget& page, QToolBar& toolbar, TablePanel& table, QWidget& detail,
                        const QAbstractItemModel& model, std::function<void(const QString& id)> showCurrent)
{
    auto* splitter = new QSplitter(Qt::Horizontal, &page);
    splitter->addWidget(&table);
    splitter->addWidget(&detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(&page);
    layout->addWidget(&toolbar);
    layout->addWidget(splitter, 1);

    QObject::connect(&table, &TablePanel::currentIdChanged, &page, showCurrent);
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &page,
                     [&table, showCurrent] { showCurrent(table.currentId()); });
}

}  // namespace alpes::console
