#include "bff/http/rate_limiter.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace alpes::http {

namespace {

// Enough shards that handler threads rarely share a lock; fewer when maxKeys is smaller.
constexpr std::size_t kMaxShards = 16;
constexpr std::int64_t kMicrosPerSecond = 1'000'000;

struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};

}  // namespace

// The keys of one shard with their theoretical arrival times, and their order of last use.
struct RateLimiter::Shard {
    struct Entry {
        std::int64_t arrivalMicros;                       // when the key's bucket is full again
        std::list<const std::string*>::iterator recency;  // its place in `recentFirst`
    };

    explicit Shard(std::size_t maxEntries) : capacity(maxEntries) {}

    const std::size_t capacity;
    mutable std::mutex mutex;
    std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>> entries;
    // Points at the keys inside `entries` (stable: unordered_map nodes never move).
    std::list<const std::string*> recentFirst;
};

RateLimiter::RateLimiter(Options options, const Clock& clock)
    : m_clock(clock),
      m_intervalMicros(std::max<std::int64_t>(1, std::llround(kMicrosPerSecond / options.ratePerSecond))),
      m_toleranceMicros(m_intervalMicros * (options.burst - 1))
{
    assert(options.ratePerSecond > 0 && options.burst >= 1 && options.maxKeys >= 1);
    const std::size_t shards = std::min(kMaxShards, options.maxKeys);
    for (std::size_t i = 0; i < shards; ++i)
        m_shards.push_back(std::make_unique<Shard>(options.maxKeys / shards + (i < options.maxKeys % shards ? 1 : 0)));
}

RateLimiter::~RateLimiter() = default;

RateLimiter::Shard& RateLimiter::shardFor(std::string_view key)
{
    return *m_shards[KeyHash{}(key) % m_shards.size()];
}

std::int64_t RateLimiter::nowMicros() const
{
    return toEpochMillis(m_clock.now()) * 1000;
}

RateLimiter::Decision RateLimiter::admit(std::string_view key)
{
    Shard& shard = shardFor(key);
    const std::int64_t now = nowMicros();
    std::lock_guard lock(shard.mutex);

    auto found = shard.entries.find(key);
    if (found == shard.entries.end()) {
        if (shard.entries.size() >= shard.capacity) {
            shard.entries.erase(shard.entries.find(*shard.recentFirst.back()));
            shard.recentFirst.pop_back();
        }
        found = shard.entries.try_emplace(std::string(key), Shard::Entry{now, {}}).first;
        shard.recentFirst.push_front(&found->first);
        found->second.recency = shard.recentFirst.begin();
    } else {
        shard.recentFirst.splice(shard.recentFirst.begin(), shard.recentFirst, found->second.recency);
    }

    Shard::Entry& entry = found->second;
    const std::int64_t arrival = std::max(entry.arrivalMicros, now);
    if (arrival - now > m_toleranceMicros) {
        const std::int64_t waitMicros = arrival - m_toleranceMicros - now;
        return Decision{false, std::chrono::seconds((waitMicros + kMicrosPerSecond - 1) / kMicrosPerSecond)};
    }
    entry.arrivalMicros = arrival + m_intervalMicros;
    return Decision{true, std::chrono::seconds(0)};
}

std::size_t RateLimiter::keyCount() const
{
    std::size_t count = 0;
    for (const auto& shard : m_shards) {
        std::lock_guard lock(shard->mutex);
        count += shard->entries.size();
    }
    return count;
}

}  // namespace alpes::http
