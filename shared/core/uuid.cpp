#include "shared/core/uuid.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>

namespace alpes {
namespace {

std::mt19937_64& generator()
{
    thread_local std::mt19937_64 engine{[] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device()};
        return std::mt19937_64{seed};
    }()};
    return engine;
}

// Milliseconds (48 bits) and a 12-bit counter, so ids made in the same millisecond still sort in
// the order they were made (RFC 9562 §6.2, method 1). When the counter overflows, the timestamp
// runs a millisecond ahead: order wins over exactness.
std::uint64_t nextTimestampAndCounter()
{
    static std::atomic<std::uint64_t> last{0};
    const auto millis = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
    std::uint64_t previous = last.load(std::memory_order_relaxed);
    std::uint64_t next = 0;
    do {
        next = std::max(millis << 12, previous + 1);
    } while (!last.compare_exchange_weak(previous, next, std::memory_order_relaxed));
    return next;
}

}  // namespace

std::string newUuidV7()
{
    const std::uint64_t stamp = nextTimestampAndCounter();
    const std::uint64_t millis = stamp >> 12;
    const std::uint64_t counter = stamp & 0xFFF;
    std::array<std::uint8_t, 16> bytes{};
    for (int i = 0; i < 6; ++i)
        bytes[static_cast<size_t>(i)] = static_cast<std::uint8_t>(millis >> (8 * (5 - i)));
    bytes[6] = static_cast<std::uint8_t>(counter >> 8);
    bytes[7] = static_cast<std::uint8_t>(counter & 0xFF);
    const std::uint64_t randomB = generator()();
    for (int i = 0; i < 8; ++i)
        bytes[static_cast<size_t>(8 + i)] = static_cast<std::uint8_t>(randomB >> (8 * i));
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x70);  // version 7
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant

    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text.push_back('-');
        text.push_back(kHex[bytes[i] >> 4]);
        text.push_back(kHex[bytes[i] & 0x0F]);
    }
    return text;
}

bool isUuid(std::string_view text)
{
    if (text.size() != 36)
        return false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

}  // namespace alpes
