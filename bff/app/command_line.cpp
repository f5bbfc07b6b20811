#include "bff/app/command_line.h"

#include <CLI/CLI.hpp>

#include <cstdlib>

namespace alpes::app {
namespace {

bool splitListen(const std::string& text, BffConfig& config, std::string& reason)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        reason = "--listen must be HOST:PORT, e.g. 127.0.0.1:8080";
        return false;
    }
    const std::string portText = text.substr(colon + 1);
    char* end = nullptr;
    const long port = std::strtol(portText.c_str(), &end, 10);
    if (portText.empty() || *end != '\0' || port < 0 || port > 65535) {
        reason = "--listen port must be a number from 0 to 65535 (0 picks a free port)";
        return false;
    }
    config.host = text.substr(0, colon);
    if (config.host.size() > 2 && config.host.front() == '[' && config.host.back() == ']')
        config.host = config.host.substr(1, config.host.size() - 2);
    config.port = static_cast<std::uint16_t>(port);
    return true;
}

}  // namespace

std::filesystem::path defaultDataDir()
{
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "alpes-partners";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "alpes-partners";
    return std::filesystem::current_path() / "alpes-data";
}

CommandLine parseCommandLine(int argc, const char* const* argv)
{
    CLI::App cli{"alpes-bff: the Alpes Partners backend-for-frontend and its domain services", "alpes-bff"};
    cli.set_version_flag("--version", std::string("alpes-bff ") + ALPES_VERSION);
    std::string listen = "127.0.0.1:8080";
    std::string dataDir;
    std::string durability = "normal";
    cli.add_option("--listen", listen, "Address to serve HTTP on, HOST:PORT")
        ->envname("ALPES_LISTEN")
        ->capture_default_str();
    cli.add_option("--data-dir", dataDir, "Directory for the SQLite databases (default: " + defaultDataDir().string() + ")")
        ->envname("ALPES_DATA_DIR");
    cli.add_option("--durability", durability,
                   "normal: commits survive a crash of the process; full: also a power loss (slower)")
        ->envname("ALPES_DURABILITY")
        ->check(CLI::IsMember({"normal", "full"}))
        ->capture_default_str();
    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        return ExitNow{0, cli.help()};
    } catch (const CLI::CallForVersion&) {
        return ExitNow{0, std::string("alpes-bff ") + ALPES_VERSION + "\n"};
    } catch (const CLI::ParseError& error) {
        std::string message = error.what();
        if (const auto newline = message.find('\n'); newline != std::string::npos)
            message.resize(newline);
        return ExitNow{2, "alpes-bff: " + message + " (see --help)\n"};
    }
    BffConfig config;
    std::string reason;
    if (!splitListen(listen, config, reason))
        return ExitNow{2, "alpes-bff: " + reason + "\n"};
    config.dataDir = dataDir.empty() ? defaultDataDir() : std::filesystem::path(dataDir);
    config.durability = durability == "full" ? storage::Durability::Full : storage::Durability::Normal;
    return config;
}

}  // namespace alpes::app
