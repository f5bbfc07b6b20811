#pragma once

#include "desktop/models/numeric_sort_keys.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <deque>
#include <iterator>
#include <optional>
#include <vector>

namespace alpes::console {

// The role a proxy sorts by: a raw value (number, time, text) rather than the displayed text.
inline constexpr int kSortRole = Qt::UserRole + 1;
// The role that answers the row's id, for actions on the selected rows.
inline constexpr int kIdRole = Qt::UserRole + 2;

// A read-only table of records of one DTO type, kept by id: lists replace it, live updates and
// action answers upsert single rows without resetting the view. Subclasses say which columns
// there are and what each cell shows. Rows live in a deque: appending a page never relocates the
// rows already loaded (a vector moved all of them when it grew, in one slot: issue 6's event-loop
// stalls while a 10,000-row list loads); their numeric sort keys are kept beside them for the
// sorting proxy (NumericSortKeys). GUI thread only.
template <typename T>
class RecordTableModel : public QAbstractTableModel, public NumericSortKeys {
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : columns(); }

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const T& row = m_rows[static_cast<size_t>(index.row())];
        if (role == kIdRole)
            return idOf(row);
        if (role == kSortRole) {
            if (const std::optional<std::int64_t> key = numericSortKey(index.row(), index.column()))
                return static_cast<qlonglong>(*key);
            return cell(row, index.column());
        }
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return cell(row, index.column());
        if (role == Qt::TextAlignmentRole && isNumeric(index.column()))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }

    std::optional<std::int64_t> numericSortKey(int row, int column) const override
    {
        return m_sortKeys[static_cast<size_t>(column)][static_cast<size_t>(row)];
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < columns())
            return header(section);
        return {};
    }

    void setRecords(std::vector<T> rows)
    {
        beginResetModel();
        m_rows.assign(std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
        m_rowOf.clear();
        m_sortKeys.assign(static_cast<size_t>(columns()), {});
        for (size_t i = 0; i < m_rows.size(); ++i) {
            m_rowOf.insert(idOf(m_rows[i]), static_cast<int>(i));
            storeSortKeys(i);
        }
        endResetModel();
    }

    // Appends a page of a list being loaded; rows already present are updated in place. Each new
    // row is moved once, into storage that keeps the loaded rows where they are.
    void appendRecords(std::vector<T> rows)
    {
        auto fresh = rows.begin();
        for (auto it = rows.begin(); it != rows.end(); ++it) {
            if (m_rowOf.contains(idOf(*it))) {
                upsert(std::move(*it));
            } else {
                if (fresh != it)
                    *fresh = std::move(*it);
                ++fresh;
            }
        }
        rows.erase(fresh, rows.end());
        if (rows.empty())
            return;
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
        for (T& row : rows) {
            m_rowOf.insert(idOf(row), static_cast<int>(m_rows.size()));
            m_rows.push_back(std::move(row));
            storeSortKeys(m_rows.size() - 1);
        }
        endInsertRows();
    }

    void upsert(T row)
    {
        const QString id = idOf(row);
        if (const auto it = m_rowOf.constFind(id); it != m_rowOf.cend()) {
            m_rows[static_cast<size_t>(*it)] = std::move(row);
            storeSortKeys(static_cast<size_t>(*it));
            Q_EMIT dataChanged(index(*it, 0), index(*it, columns() - 1));
            return;
        }
        std::vector<T> one;
        one.push_back(std::move(row));
        appendRecords(std::move(one));
    }

    const T* find(const QString& id) const
    {
        const auto it = m_rowOf.constFind(id);
        return it == m_rowOf.cend() ? nullptr : &m_rows[static_cast<size_t>(*it)];
    }
    const std::deque<T>& records() const { return m_rows; }

protected:
    virtual int columns() const = 0;
    virtual QString header(int column) const = 0;
    virtual QVariant cell(const T& row, int column) const = 0;
    // The number a column sorts by (money in minor units, times in epoch milliseconds); nothing
    // for the columns that sort by their text.
    virtual std::optional<std::int64_t> sortKey(const T& /*row*/, int /*column*/) const { return {}; }
    virtual bool isNumeric(int /*column*/) const { return false; }
    virtual QString idOf(const T& row) const = 0;

private:
    // Computes the row's sort keys into m_sortKeys, appending when it is a new last row.
    void storeSortKeys(size_t at)
    {
        if (m_sortKeys.empty())
            m_sortKeys.resize(static_cast<size_t>(columns()));
        for (size_t column = 0; column < m_sortKeys.size(); ++column) {
            std::vector<std::optional<std::int64_t>>& keys = m_sortKeys[column];
            const std::optional<std::int64_t> key = sortKey(m_rows[at], static_cast<int>(column));
            if (at == keys.size())
                keys.push_back(key);
            else
                keys[at] = key;
        }
    }

    std::deque<T> m_rows;
    QHash<QString, int> m_rowOf;
    // Each column's sort keys, in row order, apart from the rows: a sorted proxy compares them
    // thousands of times per page, and reading them from contiguous memory rather than from each
    // row (hundreds of bytes apart) keeps those comparisons in the cache.
    std::vector<std::vector<std::optional<std::int64_t>>> m_sortKeys;
};

}  // namespace alpes::console
