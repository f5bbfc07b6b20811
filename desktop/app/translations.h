#pragma once

#include <QString>

class QCoreApplication;

namespace alpes::console {

// Installs the console's translations for `language` ("en" needs none; "es" loads the Spanish
// catalogue compiled into the program, and Qt's own for standard buttons). Called once before
// any widget exists: the language changes at the next start, not at runtime. Returns false when
// the catalogue is missing.
bool installTranslations(QCoreApplication& application, const QString& language);

}  // namespace alpes::console
