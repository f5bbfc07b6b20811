#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace alpes::console {

struct ConsoleOptions {
    std::optional<QUrl> server;
    bool demo = false;  // open straight into demo mode
    // Hidden: save every page, light and dark, as PNGs here, then quit (scripts/screenshots.sh).
    QString screenshotDir;
    // Hidden: print one line on stderr when the dashboard's live chart gets its first data
    // (benchmarks/console_bench.sh times the cold start by it).
    bool logReady = false;
    // Hidden: once signed in, open the Sagas page on this saga (benchmarks/console_bench.sh
    // measures the console there, with that saga's steps on the stream).
    QString showSaga;
};

// What the command line asked for: options to run with, or text to print and an exit code.
struct ConsoleCommandLine {
    std::optional<ConsoleOptions> options;
    int exitCode = 0;
    QString text;
};

// `alpes-console [--server URL] [--demo] [--help] [--version]`; a bad option or URL, or --server
// together with --demo, exits 2 with one line.
ConsoleCommandLine parseConsoleCommandLine(const QStringList& arguments);

}  // namespace alpes::console
