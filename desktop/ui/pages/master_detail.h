#pragma once

#include "desktop/models/display_format.h"
#include "desktop/models/name_directory.h"
#include "desktop/models/record_table_model.h"
#include "desktop/net/console_api.h"

#include <QString>

#include <functional>
#include <utility>
#include <vector>

class QAbstractItemModel;
class QToolBar;
class QWidget;

namespace alpes::console {

class TablePanel;

// What the pages that list named records beside the selected one's detail (campaigns, partners)
// share, so both behave alike. GUI thread only.

// Lays `page` out: its toolbar above, the table and the detail side by side (3:2). Keeps the
// detail on the current row: `showCurrent` gets the current row's id (empty for none) when the
// selection moves and whenever the model changes, so an edit or an action's answer shows at once.
void layOutMasterDetail(QWidget& page, QToolBar& toolbar, TablePanel& table, QWidget& detail,
                        const QAbstractItemModel& model, std::function<void(const QString& id)> showCurrent);

// Loads the whole list at `path` into `model` page by page (the first page replaces the rows) and
// tells `names` each record's name; `onDone` reports how the load ended.
template <typename T>
void loadNamedRecords(ConsoleApi& api, const QString& path, ConsoleApi::Decoder<T> decode, RecordTableModel<T>& model,
                      NameDirectory& names, const QObject* context, std::function<void(Status)> onDone)
{
    api.loadList<T>(
        path, {}, decode, context,
        [&model, &names](std::vector<T> items, bool first) {
            for (const T& item : items)
                names.set(qs(item.id.str()), qs(item.name));
            if (first)
                model.setRecords(std::move(items));
            else
                model.appendRecords(std::move(items));
        },
        std::move(onDone));
}

}  // namespace alpes::console
