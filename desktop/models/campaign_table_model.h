#pragma once

#include "desktop/models/record_table_model.h"
#include "shared/dto/campaign.h"

#include <QCoreApplication>

namespace alpes::console {

// Campaigns as the Campaigns page lists them. GUI thread only.
class CampaignTableModel : public RecordTableModel<dto::Campaign> {
    Q_DECLARE_TR_FUNCTIONS(CampaignTableModel)

public:
    enum Column { Name, Brand, Kind, State, StartsAt, EndsAt, Budget, Spent, Partners, ColumnCount };
    using RecordTableModel::RecordTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const dto::Campaign& row, int column) const override;
    std::optional<std::int64_t> sortKey(const dto::Campaign& row, int column) const override;
    bool isNumeric(int column) const override;
    QString idOf(const dto::Campaign& row) const override;
};

}  // namespace alpes::console
