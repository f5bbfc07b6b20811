#pragma once

#include <string>
#include <string_view>

namespace alpes {

// UUID v7 (time-ordered, RFC 9562): ids sort by creation time, which keeps SQLite indexes append-mostly.
// Not for secrets: tokens come from OpenSSL in the BFF. Thread-safe.
std::string newUuidV7();

// True for the canonical 36-character lowercase or uppercase form of any UUID version.
bool isUuid(std::string_view text);

}  // namespace alpes
