#pragma once

#include "desktop/charts/ring_buffer.h"
#include "shared/domain/vocabulary.h"

#include <array>
#include <cstdint>

namespace alpes::console {

inline constexpr size_t kInteractionTypeCount = 5;

// Interactions per second per type over a rolling window of whole seconds, in a ring buffer.
// Seconds that saw nothing count as zero; counts for a second already passed out of the window
// are dropped. Not thread-safe.
class RateBuffer {
public:
    struct Second {
        std::int64_t epochSecond = 0;
        std::array<std::int64_t, kInteractionTypeCount> counts{};
    };

    explicit RateBuffer(size_t windowSeconds) : m_seconds(windowSeconds) {}

    void add(std::int64_t epochSecond, domain::InteractionType type, std::int64_t count);
    const RingBuffer<Second>& seconds() const { return m_seconds; }
    size_t windowSeconds() const { return m_seconds.capacity(); }
    std::int64_t latestSecond() const { return m_seconds.empty() ? 0 : m_seconds.back().epochSecond; }

private:
    RingBuffer<Second> m_seconds;
};

}  // namespace alpes::console
