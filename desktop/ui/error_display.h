#pragma once

#include "shared/core/error.h"

#include <QString>

class QWidget;

namespace alpes::console {

// The one-line text of an Error for users: message, detail, and the field errors.
QString errorText(const Error& error);
// Tells the user an action failed without blocking anything (a window-modal box that is opened,
// not exec'd).
void showError(QWidget* parent, const QString& what, const Error& error);

}  // namespace alpes::console
