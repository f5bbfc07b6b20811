#include "desktop/net/problem_reader.h"

#include "shared/dto/problem.h"

namespace alpes::console {

namespace {

// For answers that are not problem+json: the ErrorCode an HTTP status stands for.
ErrorCode errorCodeForStatus(int httpStatus)
{
    switch (httpStatus) {
    case 400:
    case 422:
        return ErrorCode::Validation;
    case 401:
        return ErrorCode::Unauthorized;
    case 403:
        return ErrorCode::Forbidden;
    case 404:
        return ErrorCode::NotFound;
    case 409:
        return ErrorCode::Conflict;
    case 429:
        return ErrorCode::RateLimited;
    case 503:
        return ErrorCode::Unavailable;
    case 504:
        return ErrorCode::Timeout;
    default:
        return ErrorCode::Internal;
    }
}

}  // namespace

Error errorFromProblem(int httpStatus, std::string_view body)
{
    if (auto parsed = json::parse(body); parsed && parsed->is_object())
        if (auto problem = dto::decodeProblem(*parsed)) {
            Error error = dto::errorFrom(*problem);
            if (error.message.empty())
                error.message = problem->title;
            return error;
        }
    Error error;
    error.code = errorCodeForStatus(httpStatus);
    error.message = "The server answered HTTP " + std::to_string(httpStatus);
    return error;
}

}  // namespace alpes::console
