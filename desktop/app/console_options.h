#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace alpes::console {

struct ConsoleOptions {
    std::optional<QUrl> server;
};

// What the command line asked for: options to run with, or text to print and an exit code.
struct ConsoleCommandLine {
    std::optional<ConsoleOptions> options;
    int exitCode = 0;
    QString text;
};

// `alpes-console [--server URL] [--help] [--version]`; a bad option or URL exits 2 with one line.
ConsoleCommandLine parseConsoleCommandLine(const QStringList& arguments);

}  // namespace alpes::console
