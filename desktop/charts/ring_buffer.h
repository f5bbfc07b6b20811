#pragma once

#include <cstddef>
#include <vector>

namespace alpes::console {

// A fixed-capacity FIFO: pushing onto a full buffer drops the oldest item, so live data costs the
// same memory after an hour as after a minute. Index 0 is the oldest. Not thread-safe.
template <typename T>
class RingBuffer {
public:
    explicit RingBuffer(size_t capacity) : m_items(capacity == 0 ? 1 : capacity) {}

    void push(T item)
    {
        m_items[(m_first + m_size) % m_items.size()] = std::move(item);
        if (m_size < m_items.size())
            ++m_size;
        else
            m_first = (m_first + 1) % m_items.size();
    }
    size_t size() const { return m_size; }
    size_t capacity() const { return m_items.size(); }
    bool empty() const { return m_size == 0; }
    const T& at(size_t i) const { return m_items[(m_first + i) % m_items.size()]; }
    T& at(size_t i) { return m_items[(m_first + i) % m_items.size()]; }
    const T& back() const { return at(m_size - 1); }
    T& back() { return at(m_size - 1); }
    void clear() { m_first = m_size = 0; }

private:
    std::vector<T> m_items;
    size_t m_first = 0;
    size_t m_size = 0;
};

}  // namespace alpes::console
