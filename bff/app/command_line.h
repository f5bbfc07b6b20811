#pragma once

#include "bff/gateway/secrets.h"
#include "bff/demo/demo_options.h"
#include "bff/demo/load_generator.h"
#include "bff/saga/saga_options.h"
#include "bff/storage/database.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace alpes::app {

struct BffConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    std::filesystem::path dataDir;
    storage::Durability durability = storage::Durability::Normal;
    // Browser origins allowed to call the API ("*" for any); none by default.
    std::vector<std::string> corsOrigins;
    std::optional<std::filesystem::path> tlsCertificate;
    std::optional<std::filesystem::path> tlsPrivateKey;
    // Requests per second each caller (token, API key, or IP when anonymous) may make; 0 = no limit.
    double rateLimit = 1000;
    int httpThreads = 32;
    std::string logLevel = "info";
    // From ALPES_ADMIN_PASSWORD only (never an option: it would show in `ps`): creates the user
    // `admin` when the server starts with no user at all.
    std::optional<std::string> bootstrapAdminPassword;
    // The password KDF's cost; tests lower it.
    gateway::KdfCost passwordHashing;
    // Housekeeping of bff.db: how often it runs, and how long an Idempotency-Key's first answer
    // is kept for replays (clients retry within minutes; a day is generous and keeps the table small).
    std::chrono::milliseconds housekeepingInterval = std::chrono::minutes(1);
    std::chrono::hours idempotencyRetention{24};
    // The conversion saga's timeouts and retries; tests shorten them and inject lost commands.
    saga::SagaOptions saga;
    // Demo mode; then an empty dataDir means a fresh temporary directory.
    std::optional<demo::DemoOptions> demo;
};

// What the command line asked for: run with a configuration, or print text and exit with a code.
struct ExitNow {
    int code = 0;
    std::string text;
};

// Serve (BffConfig), generate load against another BFF (--simulate), or print and exit.
using CommandLine = std::variant<BffConfig, demo::LoadOptions, ExitNow>;

// Options first, then ALPES_* environment variables (architecture.md, Configuration).
// A bad option gives ExitNow with code 2 and a one-line reason.
CommandLine parseCommandLine(int argc, const char* const* argv);

// The OS's app data location: $XDG_DATA_HOME/alpes-partners or ~/.local/share/alpes-partners.
std::filesystem::path defaultDataDir();

}  // namespace alpes::app
