#include "bff/http/problem_response.h"

#include "shared/dto/problem.h"

#include <httplib.h>

namespace alpes::http {

int httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Validation: return 400;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::Timeout: return 504;
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

void writeProblem(httplib::Response& response, const Error& error, int status)
{
    response.status = status;
    // The detail may quote the request (an id from the path is any bytes a client sent): invalid
    // UTF-8 is replaced rather than thrown, which would turn a 404 into a 500.
    response.set_content(toJson(dto::problemFrom(error, status)).dump(-1, ' ', false, json::Json::error_handler_t::replace),
                         "application/problem+json");
}

void writeProblem(httplib::Response& response, const Error& error)
{
    writeProblem(response, error, httpStatus(error.code));
}

}  // namespace alpes::http
