#include "desktop/ui/widgets/field_error_labels.h"

#include "desktop/models/display_format.h"

#include <QFormLayout>
#include <QLabel>
#include <QStringList>

namespace alpes::console {

namespace {

void styleAsError(QLabel& label)
{
    QPalette palette = label.palette();
    palette.setColor(QPalette::WindowText, QColor(0xD9, 0x3A, 0x3A));
    label.setPalette(palette);
    label.setWordWrap(true);
}

}  // namespace

FieldErrorLabels::FieldErrorLabels(QFormLayout& form, QLabel& general) : m_form(form), m_general(general)
{
    styleAsError(m_general);
    m_general.hide();
}

void FieldErrorLabels::addRow(const QString& label, QWidget* input, const QString& fieldPath)
{
    auto* error = new QLabel(input->parentWidget());
    error->setObjectName(QStringLiteral("fieldError_") + fieldPath);
    styleAsError(*error);
    error->hide();
    m_form.addRow(label, input);
    m_form.addRow(QString(), error);
    m_labels.insert(fieldPath, error);
}

void FieldErrorLabels::clear()
{
    for (QLabel* label : std::as_const(m_labels)) {
        label->clear();
        label->hide();
    }
    m_general.clear();
    m_general.hide();
}

void FieldErrorLabels::show(const Error& error)
{
    clear();
    QHash<QLabel*, QStringList> messages;
    QStringList unplaced;
    for (const FieldError& field : error.fields) {
        QString path = qs(field.field);
        QLabel* target = nullptr;
        // The longest registered prefix: "budget.amount" lands under "budget".
        while (!path.isEmpty() && !(target = m_labels.value(path, nullptr))) {
            const qsizetype cut = std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
            path = cut > 0 ? path.left(cut) : QString();
        }
        if (target)
            messages[target] << qs(field.message);
        else
            unplaced << qs(field.field) + QStringLiteral(": ") + qs(field.message);
    }
    for (auto it = messages.begin(); it != messages.end(); ++it) {
        it.key()->setText(it.value().join(QLatin1Char('\n')));
        it.key()->show();
    }
    if (error.fields.empty() || !unplaced.isEmpty()) {
        QString text = qs(error.message);
        if (!error.detail.empty())
            text += QStringLiteral(": ") + qs(error.detail);
        if (!unplaced.isEmpty())
            text += QLatin1Char('\n') + unplaced.join(QLatin1Char('\n'));
        m_general.setText(text);
        m_general.show();
    }
}

QString FieldErrorLabels::errorFor(const QString& fieldPath) const
{
    const QLabel* label = m_labels.value(fieldPath, nullptr);
    return label && !label->isHidden() ? label->text() : QString();
}

}  // namespace alpes::console
