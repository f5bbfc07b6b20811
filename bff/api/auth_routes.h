#pragma once

#include "bff/api/api_context.h"
#include "bff/http/route.h"

#include <vector>

namespace alpes::api {

// /auth/login, /auth/logout, /auth/me, /users, /api-keys.
std::vector<http::Route> authRoutes(ApiContext& context);

}  // namespace alpes::api
