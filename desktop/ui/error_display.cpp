#include "desktop/ui/error_display.h"

#include "desktop/models/display_format.h"

#include <QMessageBox>

namespace alpes::console {

QString errorText(const Error& error)
{
    QString text = qs(error.message);
    if (!error.detail.empty())
        text += QStringLiteral(": ") + qs(error.detail);
    for (const FieldError& field : error.fields)
        text += QStringLiteral("\n• %1: %2").arg(qs(field.field), qs(field.message));
    return text;
}

void showError(QWidget* parent, const QString& what, const Error& error)
{
    auto* box = new QMessageBox(QMessageBox::Warning, what, errorText(error), QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
}

}  // namespace alpes::console
