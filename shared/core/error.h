#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace alpes {

// What kind of failure happened; the BFF maps each code to one HTTP status in one place.
enum class ErrorCode {
    Validation,
    NotFound,
    Conflict,
    Unauthorized,
    Forbidden,
    RateLimited,
    Unavailable,
    Timeout,
    Internal,
};

std::string_view errorCodeName(ErrorCode code);

// One wrong field of a request or message: `field` is a JSON path ("amount.currency", "items[2].type").
struct FieldError {
    std::string field;
    std::string message;

    friend bool operator==(const FieldError&, const FieldError&) = default;
};

// An expected failure as a value. `message` is for users; `detail` is for logs only.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    std::string detail;
    std::vector<FieldError> fields;

    static Error validation(std::vector<FieldError> fields, std::string message = "The request has invalid fields");
    static Error validation(std::string field, std::string message);
    static Error notFound(std::string message);
    static Error conflict(std::string message);
    static Error unauthorized(std::string message);
    static Error forbidden(std::string message);
    static Error rateLimited(std::string message);
    static Error unavailable(std::string message, std::string detail = {});
    static Error internal(std::string message, std::string detail = {});
};

}  // namespace alpes
