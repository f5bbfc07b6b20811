#include "shared/dto/auth.h"

#include <algorithm>
#include <utility>

namespace alpes::dto {
namespace {

json::Json optionalId(const std::optional<AffiliateId>& id)
{
    return id ? json::Json(id->str()) : json::Json(nullptr);
}

bool isUsernameCharacter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

}  // namespace

Result<LoginRequest> decodeLoginRequest(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto username = reader.string("username", true, 1, 64);
    auto password = reader.string("password", true, 1, kMaxPasswordLength);
    reader.rejectUnknownFields();
    if (!errors.empty())
        return errors.status().error();
    return LoginRequest{std::move(*username), std::move(*password)};
}

json::Json toJson(const LoginRequest& request)
{
    return json::Json{{"username", request.username}, {"password", request.password}};
}

json::Json toJson(const Session& session)
{
    return json::Json{
        {"token", session.token}, {"role", kRoles.name(session.role)}, {"expiresAt", formatRfc3339(session.expiresAt)}};
}

Result<Session> decodeSession(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto token = reader.string("token", true, 1, 200);
    auto role = reader.enumeration("role", true, kRoles);
    auto expiresAt = reader.time("expiresAt", true);
    if (!errors.empty())
        return errors.status().error();
    return Session{std::move(*token), *role, *expiresAt};
}

json::Json toJson(const Me& me)
{
    return json::Json{{"username", me.username},
                      {"role", kRoles.name(me.role)},
                      {"affiliateId", optionalId(me.affiliateId)},
                      {"expiresAt", me.expiresAt ? json::Json(formatRfc3339(*me.expiresAt)) : json::Json(nullptr)}};
}

Result<Me> decodeMe(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto username = reader.string("username", true, 1, 64);
    auto role = reader.enumeration("role", true, kRoles);
    auto affiliateId = reader.string("affiliateId", false, 1, 100);
    auto expiresAt = reader.time("expiresAt", false);
    if (!errors.empty())
        return errors.status().error();
    Me me{std::move(*username), *role, std::nullopt, expiresAt};
    if (affiliateId)
        me.affiliateId = AffiliateId(*affiliateId);
    return me;
}

Result<NewUser> decodeNewUser(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto username = reader.string("username", true, 3, 64);
    auto password = reader.string("password", true, kMinPasswordLength, kMaxPasswordLength);
    auto role = reader.enumeration("role", true, kRoles);
    auto affiliateId = reader.string("affiliateId", false, 1, 100);
    reader.rejectUnknownFields();
    if (username && !std::all_of(username->begin(), username->end(), isUsernameCharacter))
        reader.fail("username", "Use lowercase letters, digits, '.', '_' and '-' only");
    if (role && *role == Role::Partner && !affiliateId)
        reader.fail("affiliateId", "A partner user must be bound to an affiliate");
    if (role && *role != Role::Partner && affiliateId)
        reader.fail("affiliateId", "Only partner users are bound to an affiliate");
    if (!errors.empty())
        return errors.status().error();
    NewUser user{std::move(*username), std::move(*password), *role, std::nullopt};
    if (affiliateId)
        user.affiliateId = AffiliateId(*affiliateId);
    return user;
}

json::Json toJson(const User& user)
{
    return json::Json{{"id", user.id},
                      {"username", user.username},
                      {"role", kRoles.name(user.role)},
                      {"affiliateId", optionalId(user.affiliateId)},
                      {"createdAt", formatRfc3339(user.createdAt)}};
}

Result<User> decodeUser(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto id = reader.string("id", true, 1, 100);
    auto username = reader.string("username", true, 1, 64);
    auto role = reader.enumeration("role", true, kRoles);
    auto affiliateId = reader.string("affiliateId", false, 1, 100);
    auto createdAt = reader.time("createdAt", true);
    if (!errors.empty())
        return errors.status().error();
    User user{std::move(*id), std::move(*username), *role, std::nullopt, *createdAt};
    if (affiliateId)
        user.affiliateId = AffiliateId(*affiliateId);
    return user;
}

Result<NewApiKey> decodeNewApiKey(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto name = reader.string("name", true, 1, 100);
    auto scope = reader.enumeration("scope", true, kApiKeyScopes);
    reader.rejectUnknownFields();
    if (!errors.empty())
        return errors.status().error();
    return NewApiKey{std::move(*name), *scope};
}

json::Json toJson(const ApiKey& key)
{
    json::Json out{{"id", key.id},
                   {"name", key.name},
                   {"scope", kApiKeyScopes.name(key.scope)},
                   {"createdAt", formatRfc3339(key.createdAt)},
                   {"revokedAt", key.revokedAt ? json::Json(formatRfc3339(*key.revokedAt)) : json::Json(nullptr)}};
    if (key.key)
        out["key"] = *key.key;
    return out;
}

}  // namespace alpes::dto
