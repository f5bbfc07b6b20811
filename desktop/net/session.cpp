#include "desktop/net/session.h"

namespace alpes::console {

Result<Session> decodeSession(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    Session session;
    auto token = reader.string("token", true, 1, 4096);
    auto role = reader.string("role", true, 1, 40);
    auto expiresAt = reader.time("expiresAt", false);
    if (!errors.empty())
        return errors.status().error();
    session.token = std::move(*token);
    session.role = std::move(*role);
    session.expiresAt = expiresAt.value_or(UtcTime{});
    return session;
}

}  // namespace alpes::console
