#pragma once

#include "bff/gateway/gateway_database.h"
#include "bff/gateway/principal.h"
#include "bff/gateway/secrets.h"
#include "shared/core/paging.h"
#include "shared/dto/auth.h"

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace alpes::gateway {

// Users, sessions and API keys (product.md §3 Auth). Passwords are kept as scrypt hashes, bearer
// tokens and API keys only as SHA-256 digests: the database never holds a usable secret.
// Thread-safety: every method may be called from any thread.
class AuthService {
public:
    struct Options {
        std::chrono::seconds sessionLifetime = std::chrono::hours(12);
        KdfCost kdfCost;
        // How long a checked token is trusted without asking the database again. Logout and
        // revocation in this process clear it at once; the bound matters only across processes.
        std::chrono::milliseconds cacheFor{10000};
        size_t maxCachedTokens = 10000;
    };

    static constexpr std::string_view kSessionPrefix = "alp_s_";
    static constexpr std::string_view kApiKeyPrefix = "alp_k_";

    AuthService(GatewayDatabase& db, const Clock& clock, Options options);

    // Conflict (field username) when the name is taken. Passwords are checked by the decoder.
    Result<dto::User> createUser(const dto::NewUser& user);
    // Creates the user unless one with that name exists (set-up); the password is not checked.
    // `cost` overrides the KDF cost of Options for this user (the demo users' public password).
    Status ensureUser(const dto::NewUser& user, std::optional<KdfCost> cost = std::nullopt);
    Result<Page<dto::User>> listUsers(const PageRequest& page);

    // Unauthorized with one message for an unknown user and a wrong password alike.
    Result<dto::Session> login(const dto::LoginRequest& request);
    Status logout(const Principal& principal, std::string_view token);
    // A bearer value → who it is; Unauthorized when unknown, expired or revoked.
    Result<Principal> authenticate(std::string_view bearer);
    // Sessions past their expiry are of no use to anyone: housekeeping drops them. Answers how many.
    Result<size_t> purgeExpiredSessions();

    Result<dto::ApiKey> createApiKey(const dto::NewApiKey& key, const Principal& createdBy);
    // NotFound for an unknown id; revoking twice is harmless.
    Status revokeApiKey(const std::string& id);

private:
    struct Cached {
        Principal principal;
        std::chrono::steady_clock::time_point checkedAt;
    };

    Result<Principal> lookUp(const std::string& digest, bool isSession);
    void forget(const std::string& digest);

    GatewayDatabase& m_db;
    const Clock& m_clock;
    Options m_options;
    // Verified against for unknown usernames, so that a wrong name costs as much as a wrong password.
    std::string m_decoyHash;
    std::mutex m_cacheMutex;
    std::unordered_map<std::string, Cached> m_cache;
};

}  // namespace alpes::gateway
