#include "shared/dto/problem.h"

#include <array>
#include <utility>

namespace alpes::dto {
namespace {

constexpr std::array kCodes{ErrorCode::Validation, ErrorCode::NotFound,    ErrorCode::Conflict,
                            ErrorCode::Unauthorized, ErrorCode::Forbidden, ErrorCode::RateLimited,
                            ErrorCode::Unavailable, ErrorCode::Timeout,    ErrorCode::Internal};

std::string_view titleOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Validation: return "The request is not valid";
    case ErrorCode::NotFound: return "Not found";
    case ErrorCode::Conflict: return "Conflict";
    case ErrorCode::Unauthorized: return "Authentication required";
    case ErrorCode::Forbidden: return "Not allowed";
    case ErrorCode::RateLimited: return "Too many requests";
    case ErrorCode::Unavailable: return "Service unavailable";
    case ErrorCode::Timeout: return "Timed out";
    case ErrorCode::Internal: return "Internal error";
    }
    return "Internal error";
}

}  // namespace

Problem problemFrom(const Error& error, int status)
{
    Problem problem;
    problem.type = std::string(kProblemTypeBase) + std::string(errorCodeName(error.code));
    problem.title = std::string(titleOf(error.code));
    problem.status = status;
    problem.detail = error.message;
    problem.errors = error.fields;
    return problem;
}

json::Json toJson(const Problem& problem)
{
    json::Json out{{"type", problem.type}, {"title", problem.title}, {"status", problem.status}, {"detail", problem.detail}};
    if (!problem.errors.empty()) {
        json::Json errors = json::Json::array();
        for (const auto& error : problem.errors)
            errors.push_back(json::Json{{"field", error.field}, {"message", error.message}});
        out["errors"] = std::move(errors);
    }
    if (problem.instance)
        out["instance"] = *problem.instance;
    return out;
}

Result<Problem> decodeProblem(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto type = reader.string("type", false, 0, 1000);
    auto title = reader.string("title", false, 0, 1000);
    auto status = reader.integer("status", true, 100, 599);
    auto detail = reader.string("detail", false, 0, 10000);
    auto instance = reader.string("instance", false, 0, 1000);
    Problem problem;
    if (const auto* fields = reader.raw("errors"); fields && fields->is_array()) {
        for (size_t i = 0; i < fields->size(); ++i) {
            json::ObjectReader field((*fields)[i], "errors[" + std::to_string(i) + "]", errors);
            auto name = field.string("field", true, 0, 1000);
            auto message = field.string("message", true, 0, 10000);
            if (name && message)
                problem.errors.push_back(FieldError{std::move(*name), std::move(*message)});
        }
    }
    if (!errors.empty())
        return errors.status().error();
    problem.type = type.value_or("about:blank");
    problem.title = title.value_or("");
    problem.status = static_cast<int>(*status);
    problem.detail = detail.value_or(problem.title);
    problem.instance = std::move(instance);
    return problem;
}

Error errorFrom(const Problem& problem)
{
    ErrorCode code = ErrorCode::Internal;
    if (problem.type.starts_with(kProblemTypeBase)) {
        const auto name = std::string_view(problem.type).substr(kProblemTypeBase.size());
        for (auto candidate : kCodes)
            if (errorCodeName(candidate) == name)
                code = candidate;
    }
    return Error{code, problem.detail, {}, problem.errors};
}

}  // namespace alpes::dto
