#pragma once

#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/enum_names.h"
#include "shared/json/json_decoder.h"

#include <optional>
#include <string>

namespace alpes::dto {

// Who may do what (product.md §3): admin everything and users; manager campaigns, partners,
// commissions and fraud; analyst reads; partner reads only its own affiliate's data.
enum class Role { Admin, Manager, Analyst, Partner };
inline constexpr domain::EnumNames<Role, 4> kRoles{
    {{{Role::Admin, "admin"}, {Role::Manager, "manager"}, {Role::Analyst, "analyst"}, {Role::Partner, "partner"}}}};

// What an API key may do; machine clients only ingest.
enum class ApiKeyScope { Ingest };
inline constexpr domain::EnumNames<ApiKeyScope, 1> kApiKeyScopes{{{{ApiKeyScope::Ingest, "ingest"}}}};

inline constexpr size_t kMinPasswordLength = 8;
inline constexpr size_t kMaxPasswordLength = 200;

struct LoginRequest {
    std::string username;
    std::string password;
};

// POST /auth/login answers the bearer token once; the server keeps only its hash.
struct Session {
    std::string token;
    Role role = Role::Analyst;
    UtcTime expiresAt{};
};

// GET /auth/me
struct Me {
    std::string username;
    Role role = Role::Analyst;
    std::optional<AffiliateId> affiliateId;  // partners only
    std::optional<UtcTime> expiresAt;
};

// POST /users (admin): a partner user is bound to one affiliate, other roles to none.
struct NewUser {
    std::string username;
    std::string password;
    Role role = Role::Analyst;
    std::optional<AffiliateId> affiliateId;
};

struct User {
    std::string id;
    std::string username;
    Role role = Role::Analyst;
    std::optional<AffiliateId> affiliateId;
    UtcTime createdAt{};
};

// POST /api-keys (admin)
struct NewApiKey {
    std::string name;
    ApiKeyScope scope = ApiKeyScope::Ingest;
};

// `key` is present only in the answer to its creation: the server keeps only its hash.
struct ApiKey {
    std::string id;
    std::string name;
    ApiKeyScope scope = ApiKeyScope::Ingest;
    UtcTime createdAt{};
    std::optional<UtcTime> revokedAt;
    std::optional<std::string> key;
};

Result<LoginRequest> decodeLoginRequest(const json::Json& body);
json::Json toJson(const LoginRequest& request);
json::Json toJson(const Session& session);
Result<Session> decodeSession(const json::Json& body);
json::Json toJson(const Me& me);
Result<Me> decodeMe(const json::Json& body);
Result<NewUser> decodeNewUser(const json::Json& body);
json::Json toJson(const User& user);
Result<User> decodeUser(const json::Json& body);
Result<NewApiKey> decodeNewApiKey(const json::Json& body);
json::Json toJson(const ApiKey& key);

}  // namespace alpes::dto
