#pragma once

#include "bff/http/route.h"

#include <vector>

namespace alpes::api {

// The OpenAPI 3.1 document of a route table: generated from the very table the router serves, so
// the two cannot drift (tests/bff/api/tst_openapi.cpp also checks every path is really served).
json::Json openApiDocument(const std::vector<http::Route>& routes, std::string_view version);

}  // namespace alpes::api
