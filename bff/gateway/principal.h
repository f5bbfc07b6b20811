#pragma once

#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/dto/auth.h"

#include <optional>
#include <string>

namespace alpes::gateway {

// Who is calling: a signed-in user (with a role) or a machine client's API key (with a scope).
struct Principal {
    enum class Kind { User, ApiKey };

    Kind kind = Kind::User;
    std::string id;    // user id or API key id
    std::string name;  // username or key name: what the access log shows
    std::optional<dto::Role> role;
    std::optional<dto::ApiKeyScope> scope;
    std::optional<AffiliateId> affiliateId;  // partner users
    std::optional<UtcTime> expiresAt;

    bool hasRole(dto::Role wanted) const { return role && *role == wanted; }
    bool isPartner() const { return hasRole(dto::Role::Partner); }
    // What idempotency keys and rate limits are kept per.
    std::string key() const { return (kind == Kind::User ? "user:" : "key:") + id; }
};

}  // namespace alpes::gateway
