#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <deque>
#include <iterator>
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
// stalls while a 10,000-row list loads). GUI thread only.
template <typename T>
class RecordTableModel : public QAbstractTableModel {
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
            const QVariant key = sortKey(row, index.column());
            return key.isValid() ? key : cell(row, index.column());
        }
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return cell(row, index.column());
        if (role == Qt::TextAlignmentRole && isNumeric(index.column()))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
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
        for (size_t i = 0; i < m_rows.size(); ++i)
            m_rowOf.insert(idOf(m_rows[i]), static_cast<int>(i));
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
        }
        endInsertRows();
    }

    void upsert(T row)
    {
        const QString id = idOf(row);
        if (const auto it = m_rowOf.constFind(id); it != m_rowOf.cend()) {
            m_rows[static_cast<size_t>(*it)] = std::move(row);
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
    virtual QVariant sortKey(const T& /*row*/, int /*column*/) const { return {}; }
    virtual bool isNumeric(int /*column*/) const { return false; }
    virtual QString idOf(const T& row) const = 0;

private:
    std::deque<T> m_rows;
    QHash<QString, int> m_rowOf;
};

}  // namespace alpes::console
