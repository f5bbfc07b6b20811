#include "shared/core/error.h"

namespace alpes {

std::string_view errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Validation: return "validation";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Unauthorized: return "unauthorized";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::RateLimited: return "rate-limited";
    case ErrorCode::Unavailable: return "unavailable";
    case ErrorCode::Timeout: return "timeout";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

Error Error::validation(std::vector<FieldError> fields, std::string message)
{
    return Error{ErrorCode::Validation, std::move(message), {}, std::move(fields)};
}

Error Error::validation(std::string field, std::string message)
{
    std::string summary = message;
    return validation({FieldError{std::move(field), std::move(message)}}, std::move(summary));
}

Error Error::notFound(std::string message)
{
    return Error{ErrorCode::NotFound, std::move(message), {}, {}};
}

Error Error::conflict(std::string message)
{
    return Error{ErrorCode::Conflict, std::move(message), {}, {}};
}

Error Error::unauthorized(std::string message)
{
    return Error{ErrorCode::Unauthorized, std::move(message), {}, {}};
}

Error Error::forbidden(std::string message)
{
    return Error{ErrorCode::Forbidden, std::move(message), {}, {}};
}

Error Error::rateLimited(std::string message)
{
    return Error{ErrorCode::RateLimited, std::move(message), {}, {}};
}

Error Error::unavailable(std::string message, std::string detail)
{
    return Error{ErrorCode::Unavailable, std::move(message), std::move(detail), {}};
}

Error Error::internal(std::string message, std::string detail)
{
    return Error{ErrorCode::Internal, std::move(message), std::move(detail), {}};
}

}  // namespace alpes
