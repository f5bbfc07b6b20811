#pragma once

#include "shared/core/time.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace alpes::http {

// A token bucket per key ("token:<hash>", "ip:1.2.3.4"): each key may spend `burst` requests at
// once and then `ratePerSecond` on average. Implemented as GCRA (one "theoretical arrival time"
// per key, integer microseconds): the same decisions as a bucket of tokens refilled
// continuously, without floating-point drift in Retry-After.
//
// Memory is bounded: at most `maxKeys` keys are remembered. When a new key arrives and the table
// is full, the least recently used key is forgotten. A key is most often least recently used
// when its bucket is already full again, and forgetting a full bucket loses nothing; forgetting
// a drained one gives that key a fresh burst, which an attacker can only buy by spending
// `maxKeys` other keys' requests first. So rotating through addresses cannot grow memory.
//
// Time comes from the Clock so tests can drive it; if the clock steps backwards, keys wait for it
// to catch up (never more requests than the limits allow).
//
// Thread-safety: admit() and keyCount() may be called from any thread. Keys are spread over
// shards by hash, each with its own short lock, so handler threads rarely wait on each other.
class RateLimiter {
public:
    struct Options {
        double ratePerSecond = 10;     // > 0
        std::int64_t burst = 20;       // ≥ 1
        std::size_t maxKeys = 100'000; // ≥ 1
    };

    struct Decision {
        bool allowed = true;
        // When refused: how long until one request will be allowed, in whole seconds, ≥ 1
        // (the value of a Retry-After header). Zero when allowed.
        std::chrono::seconds retryAfter{0};
    };

    RateLimiter(Options options, const Clock& clock);
    RateLimiter(const RateLimiter&) = delete;
    RateLimiter& operator=(const RateLimiter&) = delete;
    ~RateLimiter();

    Decision admit(std::string_view key);

    // How many keys are remembered now (≤ maxKeys).
    std::size_t keyCount() const;

private:
    struct Shard;

    Shard& shardFor(std::string_view key);
    std::int64_t nowMicros() const;

    const Clock& m_clock;
    std::int64_t m_intervalMicros;   // time that one request costs
    std::int64_t m_toleranceMicros;  // how far ahead of now a key may run: (burst - 1) intervals
    std::vector<std::unique_ptr<Shard>> m_shards;
};

}  // namespace alpes::http
