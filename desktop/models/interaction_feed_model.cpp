#include "desktop/models/interaction_feed_model.h"

#include "desktop/models/display_format.h"
#include "desktop/models/record_table_model.h"

#include <algorithm>

namespace alpes::console {

InteractionFeedModel::InteractionFeedModel(const NameDirectory& names, int capacity, QObject* parent)
    : QAbstractTableModel(parent), m_names(names), m_capacity(std::max(1, capacity))
{
}

int InteractionFeedModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int InteractionFeedModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant InteractionFeedModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const dto::Interaction& row = m_rows[static_cast<size_t>(index.row())];
    if (role == kIdRole)
        return qs(row.id.str());
    if (role == kSortRole && index.column() == ReceivedAt)
        return static_cast<qlonglong>(toEpochMillis(row.receivedAt));
    if (role != Qt::DisplayRole && role != kSortRole)
        return {};
    switch (index.column()) {
    case ReceivedAt: return formatTime(row.receivedAt);
    case Type: return wireText(domain::kInteractionTypes.name(row.type));
    case Campaign: return m_names.nameOf(qs(row.campaignId.str()));
    case Partner: return m_names.nameOf(qs(row.affiliateId.str()));
    case User: return row.userId ? qs(row.userId) : qs(row.anonymousId);
    case Amount: return row.amount ? formatMoney(*row.amount) : QString();
    case State: return wireText(domain::kInteractionStates.name(row.state));
    default: return {};
    }
}

QVariant InteractionFeedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ReceivedAt: return tr("Received");
    case Type: return tr("Type");
    case Campaign: return tr("Campaign");
    case Partner: return tr("Partner");
    case User: return tr("User");
    case Amount: return tr("Amount");
    case State: return tr("State");
    default: return {};
    }
}

void InteractionFeedModel::prepend(const std::vector<dto::Interaction>& batch)
{
    if (batch.empty())
        return;
    // Only the newest `capacity` of the batch can stay.
    const auto keep = std::min(batch.size(), static_cast<size_t>(m_capacity));
    const auto overflow = static_cast<int>(m_rows.size() + keep) - m_capacity;
    if (overflow > 0) {
        const int first = static_cast<int>(m_rows.size()) - overflow;
        beginRemoveRows({}, first, static_cast<int>(m_rows.size()) - 1);
        m_rows.erase(m_rows.end() - overflow, m_rows.end());
        endRemoveRows();
    }
    beginInsertRows({}, 0, static_cast<int>(keep) - 1);
    for (auto it = batch.end() - static_cast<std::ptrdiff_t>(keep); it != batch.end(); ++it)
        m_rows.push_front(*it);
    endInsertRows();
}

}  // namespace alpes::console
