#include "bff/app/bff_app.h"
#include "bff/app/memory_allocator.h"

#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>

// Parses options, starts the server and waits for SIGTERM/SIGINT; everything else lives in libraries.
int main(int argc, char** argv)
{
    const auto commandLine = alpes::app::parseCommandLine(argc, argv);
    if (const auto* exitNow = std::get_if<alpes::app::ExitNow>(&commandLine)) {
        std::fputs(exitNow->text.c_str(), exitNow->code == 0 ? stdout : stderr);
        return exitNow->code;
    }
    if (const auto* load = std::get_if<alpes::demo::LoadOptions>(&commandLine))
        return alpes::demo::runLoadGenerator(*load);
    const auto& config = std::get<alpes::app::BffConfig>(commandLine);

    // Block the stop signals before any thread starts, so every thread inherits the mask and
    // only sigwait() below sees them: no work in a signal handler.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    alpes::SystemClock clock;
    auto app = alpes::app::BffApp::start(config, clock);
    if (!app) {
        std::fprintf(stderr, "alpes-bff: %s%s%s\n", app.error().message.c_str(), app.error().detail.empty() ? "" : ": ",
                     app.error().detail.c_str());
        return 1;
    }
    spdlog::info("memory allocator: {}", alpes::app::memoryAllocator());
    int signal = 0;
    sigwait(&stopSignals, &signal);
    spdlog::info("received {}, shutting down", signal == SIGTERM ? "SIGTERM" : "SIGINT");
    app.value()->stop();
    return 0;
}
