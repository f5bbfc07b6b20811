#pragma once

#include <QString>

class QAbstractItemModel;
class QIODevice;

namespace alpes::console {

// Writes what a table shows (headers and display text, in the view's order and filter) as
// RFC 4180 CSV with a UTF-8 BOM so spreadsheets open accents correctly. One exporter for every table.
class CsvExporter {
public:
    static QString toCsv(const QAbstractItemModel& model);
    static bool write(const QAbstractItemModel& model, QIODevice& device);
    static QString quoted(const QString& field);
};

}  // namespace alpes::console
