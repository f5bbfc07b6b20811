#pragma once

#include "shared/core/error.h"

namespace httplib {
struct Response;
}

namespace alpes::http {

// The one place an error code becomes an HTTP status (house style: one exhaustive switch).
int httpStatus(ErrorCode code);
// Writes `error` as application/problem+json with its status; never the error's detail.
void writeProblem(httplib::Response& response, const Error& error, int status);
void writeProblem(httplib::Response& response, const Error& error);

}  // namespace alpes::http
