#pragma once

#include "desktop/models/record_table_model.h"
#include "shared/dto/affiliate.h"

#include <QCoreApplication>

namespace alpes::console {

// Partners (affiliates and influencers) as the Partners page lists them. GUI thread only.
class AffiliateTableModel : public RecordTableModel<dto::Affiliate> {
    Q_DECLARE_TR_FUNCTIONS(AffiliateTableModel)

public:
    enum Column { Name, Email, Kind, Platform, Followers, Category, State, CreatedAt, ColumnCount };
    using RecordTableModel::RecordTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const dto::Affiliate& row, int column) const override;
    std::optional<std::int64_t> sortKey(const dto::Affiliate& row, int column) const override;
    bool isNumeric(int column) const override { return column == Followers; }
    QString idOf(const dto::Affiliate& row) const override;
};

}  // namespace alpes::console
