#pragma once

#include "shared/core/error.h"

#include <string_view>

namespace alpes::console {

// Turns an error answer into an Error. A problem+json body is read by the shared decoder (the
// BFF writes it with the same code): its detail is the message, its errors the field errors.
// Anything else (a proxy's HTML page, an empty body) keeps what the HTTP status says.
Error errorFromProblem(int httpStatus, std::string_view body);

}  // namespace alpes::console
