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

ExitNow badOption(const std::string& reason)
{
    return ExitNow{2, "alpes-bff: " + reason + "\n"};
}

// The load generator's options, from what parsed; ExitNow when one is missing or out of range.
std::variant<demo::LoadOptions, ExitNow> loadOptions(demo::LoadOptions options, CLI::App& cli)
{
    if (options.target.empty())
        return badOption("--simulate needs --target URL");
    if (options.target.rfind("http://", 0) != 0 && options.target.rfind("https://", 0) != 0)
        return badOption("--target must be an http:// or https:// URL");
    // The key may come from the environment so that it stays out of `ps`.
    if (const char* key = std::getenv("ALPES_API_KEY"); options.apiKey.empty() && key)
        options.apiKey = key;
    if (options.apiKey.empty())
        return badOption("--simulate needs --api-key KEY or ALPES_API_KEY");
    if (!(options.rate > 0))
        return badOption("--rate must be above 0");
    if (options.duration.count() <= 0)
        return badOption("--duration must be at least 1 second");
    for (const char* name : {"--demo", "--speed"})
        if (cli.count(name) > 0)
            return badOption(std::string(name) + " does not apply to --simulate");
    return options;
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
    std::vector<std::string> corsOrigins;
    cli.add_option("--cors-origin", corsOrigins, "Browser origin allowed to call the API (repeatable; * for any)")
        ->envname("ALPES_CORS_ORIGINS")
        ->delimiter(',');
    std::string tlsCertificate;
    std::string tlsPrivateKey;
    cli.add_option("--tls-cert", tlsCertificate, "PEM certificate: serve HTTPS (with --tls-key)")
        ->envname("ALPES_TLS_CERT")
        ->check(CLI::ExistingFile);
    cli.add_option("--tls-key", tlsPrivateKey, "PEM private key of --tls-cert")
        ->envname("ALPES_TLS_KEY")
        ->check(CLI::ExistingFile);
    double rateLimit = 1000;
    cli.add_option("--rate-limit", rateLimit, "Requests per second per caller (token, API key or IP); 0 turns it off")
        ->envname("ALPES_RATE_LIMIT")
        ->check(CLI::Range(0.0, 1e9))
        ->capture_default_str();
    int httpThreads = 32;
    cli.add_option("--http-threads", httpThreads, "HTTP handler threads (one per open keep-alive connection)")
        ->envname("ALPES_HTTP_THREADS")
        ->check(CLI::Range(2, 1024))
        ->capture_default_str();
    std::string logLevel = "info";
    cli.add_option("--log-level", logLevel, "trace, debug, info (includes the access log), warn, error or off")
        ->envname("ALPES_LOG_LEVEL")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    demo::DemoOptions demoOptions;
    const std::string maxSpeed = std::to_string(static_cast<int>(demo::kMaxSpeed));
    demo::LoadOptions load;
    std::int64_t durationSeconds = load.duration.count();
    bool demoMode = false;
    bool simulate = false;
    cli.add_flag("--demo", demoMode, "Demo mode: seed a demo world (in a fresh temporary directory unless --data-dir is given)"
                           " and drive simulated traffic through it");
    cli.add_option("--seed", demoOptions.seed, "Seed of the simulated traffic (--demo, --simulate)")
        ->capture_default_str();
    cli.add_option("--speed", demoOptions.speed,
                   "Traffic as a multiple of the demo's own pace, above 0 and at most " + maxSpeed + " (--demo)")
        ->capture_default_str();
    cli.add_flag("--simulate", simulate, "Load generator: send simulated interactions to --target instead of serving");
    cli.add_option("--target", load.target, "BFF to send to, e.g. http://127.0.0.1:8080 (--simulate)");
    cli.add_option("--rate", load.rate, "Interactions per second (--simulate)")->capture_default_str();
    cli.add_option("--duration", durationSeconds, "Seconds to run (--simulate)")->capture_default_str();
    cli.add_option("--api-key", load.apiKey, "Ingest API key (--simulate; or ALPES_API_KEY, which keeps it out of ps)");
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
    if (simulate) {
        load.seed = demoOptions.seed;
        load.duration = std::chrono::seconds(durationSeconds);
        return std::visit([](auto&& chosen) -> CommandLine { return std::move(chosen); }, loadOptions(load, cli));
    }
    for (const char* name : {"--target", "--rate", "--duration", "--api-key"})
        if (cli.count(name) > 0)
            return badOption(std::string(name) + " only applies to --simulate");
    if (!demoMode && cli.count("--seed") > 0)
        return badOption("--seed only applies to --demo or --simulate");
    if (!demoMode && cli.count("--speed") > 0)
        return badOption("--speed only applies to --demo");
    if (demoMode && !(demoOptions.speed > 0 && demoOptions.speed <= demo::kMaxSpeed))
        return badOption("--speed must be above 0 and at most " + maxSpeed);
    BffConfig config;
    std::string reason;
    if (!splitListen(listen, config, reason))
        return badOption(reason);
    if (demoMode)
        config.demo = demoOptions;
    // A demo starts from nothing: no data directory given means a fresh one, made when it starts.
    if (!dataDir.empty())
        config.dataDir = dataDir;
    else if (!demoMode)
        config.dataDir = defaultDataDir();
    config.durability = durability == "full" ? storage::Durability::Full : storage::Durability::Normal;
    if (tlsCertificate.empty() != tlsPrivateKey.empty())
        return badOption("--tls-cert and --tls-key go together");
    config.corsOrigins = std::move(corsOrigins);
    if (!tlsCertificate.empty()) {
        config.tlsCertificate = tlsCertificate;
        config.tlsPrivateKey = tlsPrivateKey;
    }
    config.rateLimit = rateLimit;
    config.httpThreads = httpThreads;
    config.logLevel = logLevel;
    if (const char* password = std::getenv("ALPES_ADMIN_PASSWORD"); password && *password)
        config.bootstrapAdminPassword = password;
    return config;
}

}  // namespace alpes::app
