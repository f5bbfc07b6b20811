#pragma once

#include "desktop/models/name_directory.h"
#include "desktop/models/record_table_model.h"
#include "shared/dto/saga.h"

#include <QCoreApplication>

namespace alpes::console {

// Conversion sagas as the Sagas page lists them. GUI thread only.
class SagaTableModel : public RecordTableModel<dto::SagaSummary> {
    Q_DECLARE_TR_FUNCTIONS(SagaTableModel)

public:
    enum Column { StartedAt, State, Campaign, Partner, Order, Amount, Duration, Reason, ColumnCount };
    SagaTableModel(const NameDirectory& names, QObject* parent = nullptr) : RecordTableModel(parent), m_names(names) {}

protected:
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const dto::SagaSummary& row, int column) const override;
    std::optional<std::int64_t> sortKey(const dto::SagaSummary& row, int column) const override;
    bool isNumeric(int column) const override { return column == Amount || column == Duration; }
    QString idOf(const dto::SagaSummary& row) const override;

private:
    const NameDirectory& m_names;
};

}  // namespace alpes::console
