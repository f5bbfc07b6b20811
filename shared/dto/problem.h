#pragma once

#include "shared/core/error.h"
#include "shared/core/result.h"
#include "shared/json/json_decoder.h"

#include <optional>
#include <string>
#include <vector>

namespace alpes::dto {

// An RFC 9457 problem document (application/problem+json): the one error envelope of the API,
// written by the BFF and read by the console with this same code.
struct Problem {
    std::string type;  // "https://alpes.partners/problems/<code>"
    std::string title;
    int status = 500;
    std::string detail;
    std::vector<FieldError> errors;  // validation only: every field at fault
    std::optional<std::string> instance;

    friend bool operator==(const Problem&, const Problem&) = default;
};

inline constexpr std::string_view kProblemTypeBase = "https://alpes.partners/problems/";

// `detail` of the problem is the error's user message; the error's own detail (for logs) is never sent.
Problem problemFrom(const Error& error, int status);
json::Json toJson(const Problem& problem);
Result<Problem> decodeProblem(const json::Json& body);
// What a client makes of a problem: the error code its type names, its message and fields.
Error errorFrom(const Problem& problem);

}  // namespace alpes::dto
