#pragma once

#include "desktop/models/name_directory.h"
#include "shared/dto/interaction.h"

#include <QAbstractTableModel>
#include <QCoreApplication>

#include <deque>
#include <vector>

namespace alpes::console {

// The most recent interactions the stream sampled, newest first, at most `capacity` of them so
// an hour of traffic costs no more memory than a minute. GUI thread only.
class InteractionFeedModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { ReceivedAt, Type, Campaign, Partner, User, Amount, State, ColumnCount };
    static constexpr int kDefaultCapacity = 500;

    InteractionFeedModel(const NameDirectory& names, int capacity = kDefaultCapacity, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // `batch` in arrival order; the last one ends up on top.
    void prepend(const std::vector<dto::Interaction>& batch);

private:
    const NameDirectory& m_names;
    int m_capacity;
    std::deque<dto::Interaction> m_rows;  // newest first
};

}  // namespace alpes::console
