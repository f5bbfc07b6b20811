#pragma once

#include "desktop/models/name_directory.h"
#include "desktop/models/record_table_model.h"
#include "shared/dto/commission.h"

#include <QCoreApplication>

namespace alpes::console {

// Commissions as the Commissions page lists them. GUI thread only.
class CommissionTableModel : public RecordTableModel<dto::Commission> {
    Q_DECLARE_TR_FUNCTIONS(CommissionTableModel)

public:
    enum Column { Campaign, Partner, Amount, State, ReservedAt, ConfirmedAt, RevertedAt, Reason, ColumnCount };
    CommissionTableModel(const NameDirectory& names, QObject* parent = nullptr)
        : RecordTableModel(parent), m_names(names)
    {
    }

protected:
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const dto::Commission& row, int column) const override;
    std::optional<std::int64_t> sortKey(const dto::Commission& row, int column) const override;
    bool isNumeric(int column) const override { return column == Amount; }
    QString idOf(const dto::Commission& row) const override;

private:
    const NameDirectory& m_names;
};

}  // namespace alpes::console
