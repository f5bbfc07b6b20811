#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

namespace alpes::demo {

// The simulator's source of randomness. std::mt19937_64 is specified to the bit, but the standard
// distributions are not (libstdc++ and libc++ draw differently), so the few shapes the simulator
// needs are written here: what a seed generates does not depend on the standard library.
// Thread-safety: none; one owner.
class DemoRandom {
public:
    explicit DemoRandom(std::uint64_t seed) : m_engine(seed) {}

    // Uniform in [0, 1).
    double unit();
    // Uniform in [low, high).
    double between(double low, double high) { return low + (high - low) * unit(); }
    // Uniform in [0, count); count > 0.
    size_t index(size_t count);
    bool chance(double probability) { return unit() < probability; }
    // Standard normal (Box-Muller).
    double normal();
    // Poisson with a small mean (Knuth), for arrivals per tick.
    int poisson(double mean);

private:
    std::mt19937_64 m_engine;
};

}  // namespace alpes::demo
