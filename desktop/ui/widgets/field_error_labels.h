#pragma once

#include "shared/core/error.h"

#include <QHash>
#include <QString>

#include <vector>

class QFormLayout;
class QLabel;
class QWidget;

namespace alpes::console {

// Shows the API's field errors next to the fields they name: each input registered under its
// JSON path gets a red line below it ("budget" also takes "budget.amount"); errors for fields
// the form does not show go to a general line. Owned by a dialog; GUI thread only.
class FieldErrorLabels {
public:
    FieldErrorLabels(QFormLayout& form, QLabel& general);

    void addRow(const QString& label, QWidget* input, const QString& fieldPath);
    void show(const Error& error);
    void clear();
    // The error text shown under `fieldPath`'s input (empty when none).
    QString errorFor(const QString& fieldPath) const;

private:
    QFormLayout& m_form;
    QLabel& m_general;
    QHash<QString, QLabel*> m_labels;
};

}  // namespace alpes::console
