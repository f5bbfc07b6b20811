#pragma once

#include "shared/core/error.h"

#include <string_view>

namespace alpes::console {

// Turns an error answer into an Error: problem+json (RFC 9457) `title`/`detail` become the
// message, `errors[{field, message}]` the field errors; anything else keeps the HTTP status.
// Temporary home: the lead is adding the shared problem+json decoder to shared/; this moves there.
Error errorFromProblem(int httpStatus, std::string_view body);

// The ErrorCode an HTTP status stands for (the inverse of the BFF's one mapping).
ErrorCode errorCodeForStatus(int httpStatus);

}  // namespace alpes::console
