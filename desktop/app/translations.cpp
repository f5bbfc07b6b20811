#include "desktop/app/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace alpes::console {

bool installTranslations(QCoreApplication& application, const QString& language)
{
    if (language.isEmpty() || language == QStringLiteral("en"))
        return true;
    QLocale::setDefault(QLocale(language));
    auto* console = new QTranslator(&application);
    if (!console->load(QStringLiteral(":/i18n/alpes_console_%1.qm").arg(language)))
        return false;
    QCoreApplication::installTranslator(console);
    auto* qt = new QTranslator(&application);
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return true;
}

}  // namespace alpes::console
