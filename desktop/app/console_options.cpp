#include "desktop/app/console_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace alpes::console {

ConsoleCommandLine parseConsoleCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Alpes Partners console for campaign managers"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    const QCommandLineOption versionOption(QStringLiteral("version"), QStringLiteral("Show the version."));
    const QCommandLineOption serverOption(QStringLiteral("server"),
                                          QStringLiteral("Connect to the BFF at URL, e.g. http://127.0.0.1:8080."),
                                          QStringLiteral("URL"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Open straight into demo mode (simulated data, no server)."));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot-dir"),
                                        QStringLiteral("Save every page as PNG into DIR, then quit."),
                                        QStringLiteral("DIR"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption logReadyOption(QStringLiteral("log-ready"),
                                      QStringLiteral("Print a line when the dashboard first has live data."));
    logReadyOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption showSagaOption(QStringLiteral("show-saga"),
                                      QStringLiteral("Open the Sagas page on saga ID once signed in."),
                                      QStringLiteral("ID"));
    showSagaOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(demoOption);
    parser.addOption(screenshotOption);
    parser.addOption(logReadyOption);
    parser.addOption(showSagaOption);
    parser.addOption(helpOption);
    parser.addOption(versionOption);
    parser.addOption(serverOption);

    ConsoleCommandLine result;
    if (!parser.parse(arguments)) {
        result.exitCode = 2;
        result.text = QStringLiteral("alpes-console: %1 (see --help)\n").arg(parser.errorText());
        return result;
    }
    if (parser.isSet(helpOption)) {
        // Parsed before QApplication exists, so Qt cannot know the program's name by itself.
        result.text = parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("alpes-console"));
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.text = QStringLiteral("alpes-console %1\n").arg(QStringLiteral(ALPES_VERSION));
        return result;
    }
    ConsoleOptions options;
    options.demo = parser.isSet(demoOption);
    options.screenshotDir = parser.value(screenshotOption);
    options.logReady = parser.isSet(logReadyOption);
    options.showSaga = parser.value(showSagaOption);
    if (options.demo && parser.isSet(serverOption)) {
        result.exitCode = 2;
        result.text = QStringLiteral("alpes-console: --demo runs its own server; leave out --server\n");
        return result;
    }
    if (parser.isSet(serverOption)) {
        const QUrl url(parser.value(serverOption), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QStringLiteral("http") && url.scheme() != QStringLiteral("https")) ||
            url.host().isEmpty()) {
            result.exitCode = 2;
            result.text = QStringLiteral("alpes-console: --server must be an http(s) URL such as "
                                         "http://127.0.0.1:8080\n");
            return result;
        }
        options.server = url;
    }
    result.options = options;
    return result;
}

}  // namespace alpes::console
