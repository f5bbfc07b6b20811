#include "desktop/models/csv_exporter.h"

#include <QAbstractItemModel>
#include <QIODevice>
#include <QStringList>

namespace alpes::console {

QString CsvExporter::quoted(const QString& field)
{
    static const QString kSpecial = QStringLiteral(",\"\r\n");
    const bool needsQuotes = std::any_of(field.begin(), field.end(), [](QChar c) { return kSpecial.contains(c); });
    if (!needsQuotes)
        return field;
    QString escaped = field;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString CsvExporter::toCsv(const QAbstractItemModel& model)
{
    QString out;
    QStringList fields;
    for (int column = 0; column < model.columnCount(); ++column)
        fields << quoted(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
    out += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (int row = 0; row < model.rowCount(); ++row) {
        fields.clear();
        for (int column = 0; column < model.columnCount(); ++column)
            fields << quoted(model.data(model.index(row, column), Qt::DisplayRole).toString());
        out += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out;
}

bool CsvExporter::write(const QAbstractItemModel& model, QIODevice& device)
{
    const QByteArray bytes = QByteArrayLiteral("\xEF\xBB\xBF") + toCsv(model).toUtf8();
    return device.write(bytes) == bytes.size();
}

}  // namespace alpes::console
