#pragma once

#include "shared/core/result.h"
#include "shared/core/time.h"
#include "shared/json/json_decoder.h"

#include <string>

namespace alpes::console {

// What POST /auth/login answers: {"token","role","expiresAt"}.
// Temporary home: the lead is adding the auth DTOs to shared/dto; this decoder moves there.
struct Session {
    std::string token;
    std::string role;
    UtcTime expiresAt{};
};

Result<Session> decodeSession(const json::Json& body);

}  // namespace alpes::console
