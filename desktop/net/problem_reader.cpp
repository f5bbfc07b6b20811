#include "desktop/net/problem_reader.h"

#include "shared/json/json_decoder.h"

namespace alpes::console {

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

Error errorFromProblem(int httpStatus, std::string_view body)
{
    Error error;
    error.code = errorCodeForStatus(httpStatus);
    error.message = "The server answered HTTP " + std::to_string(httpStatus);
    auto parsed = json::parse(body);
    if (!parsed || !parsed->is_object())
        return error;
    json::FieldErrors ignored;
    json::ObjectReader reader(*parsed, "", ignored);
    const auto title = reader.string("title", false);
    const auto detail = reader.string("detail", false, 0, 4000);
    if (title && !title->empty())
        error.message = *title;
    if (detail && !detail->empty())
        error.detail = *detail;
    if (const json::Json* errors = reader.raw("errors"); errors && errors->is_array()) {
        for (const json::Json& item : *errors) {
            if (!item.is_object())
                continue;
            json::ObjectReader fieldReader(item, "", ignored);
            auto field = fieldReader.string("field", false);
            auto message = fieldReader.string("message", false);
            if (field && message)
                error.fields.push_back({std::move(*field), std::move(*message)});
        }
    }
    return error;
}

}  // namespace alpes::console
