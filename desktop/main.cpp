#include "desktop/app/console_app.h"
#include "desktop/app/console_options.h"
#include "desktop/app/console_settings.h"
#include "desktop/app/embedded_demo_server.h"
#include "desktop/app/translations.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    // Answer --help/--version before QApplication, so they work without a display.
    const auto commandLine = alpes::console::parseConsoleCommandLine(arguments);
    if (!commandLine.options) {
        std::fputs(commandLine.text.toLocal8Bit().constData(), commandLine.exitCode == 0 ? stdout : stderr);
        return commandLine.exitCode;
    }
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("alpes-console"));
    QApplication::setOrganizationName(QStringLiteral("Alpes Partners"));
    QApplication::setApplicationVersion(QStringLiteral(ALPES_VERSION));
    alpes::console::ConsoleSettings settings;
    alpes::console::installTranslations(application, settings.language.get());
    // Declared before the console, so the in-process demo server outlives it.
    alpes::console::EmbeddedDemoServer demoServer;
    alpes::console::ConsoleApp console(application, settings, *commandLine.options);
    console.setDemoServer(&demoServer);
    console.start();
    return QApplication::exec();
}
