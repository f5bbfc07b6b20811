#include "desktop/ui/dialogs/text_prompt.h"

#include <QInputDialog>

namespace alpes::console {

void promptText(QWidget* parent, const QString& title, const QString& label, const QObject* context,
                std::function<void(const QString&)> accepted)
{
    auto* dialog = new QInputDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setInputMode(QInputDialog::TextInput);
    QObject::connect(dialog, &QInputDialog::textValueSelected, context, [accepted = std::move(accepted)](const QString& text) {
        if (!text.trimmed().isEmpty())
            accepted(text.trimmed());
    });
    dialog->open();
}

}  // namespace alpes::console
