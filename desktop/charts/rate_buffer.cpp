#include "desktop/charts/rate_buffer.h"


namespace alpes::console {

void RateBuffer::add(std::int64_t epochSecond, domain::InteractionType type, std::int64_t count)
{
    const auto slot = static_cast<size_t>(type);
    if (!m_seconds.empty() && epochSecond <= m_seconds.back().epochSecond) {
        const std::int64_t age = m_seconds.back().epochSecond - epochSecond;
        if (age >= static_cast<std::int64_t>(m_seconds.size()))
            return;  // older than the window
        m_seconds.at(m_seconds.size() - 1 - static_cast<size_t>(age)).counts[slot] += count;
        return;
    }
    // Fill the quiet seconds in between with zeros, at most one window of them.
    if (!m_seconds.empty()) {
        const std::int64_t gap = epochSecond - m_seconds.back().epochSecond - 1;
        const std::int64_t fill = std::min<std::int64_t>(gap, static_cast<std::int64_t>(m_seconds.capacity()));
        for (std::int64_t s = epochSecond - fill; s < epochSecond; ++s)
            m_seconds.push(Second{s, {}});
    }
    Second second{epochSecond, {}};
    second.counts[slot] = count;
    m_seconds.push(second);
}

}  // namespace alpes::console
