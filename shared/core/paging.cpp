#include "shared/core/paging.h"

#include <array>

namespace alpes {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int valueOf(char c)
{
    const auto pos = kAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::string encodeCursor(std::string_view sortKey)
{
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (const unsigned char c : sortKey) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
        }
    }
    if (bits > 0)
        out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
    return out;
}

Result<std::string> decodeCursor(std::string_view cursor)
{
    if (cursor.empty() || cursor.size() > 512)
        return Error::validation("cursor", "Is not a cursor this server issued");
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : cursor) {
        const int value = valueOf(c);
        if (value < 0)
            return Error::validation("cursor", "Is not a cursor this server issued");
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    return out;
}

}  // namespace alpes
