#pragma once

#include <chrono>
#include <cstdint>

namespace alpes::demo {

// The highest speed at which the simulator's organic journeys stay clear of the click-injection
// rule (see TrafficSimulator).
inline constexpr double kMaxSpeed = 10.0;
inline constexpr std::uint64_t kDefaultSeed = 42;

// alpes-bff --demo [--seed N] [--speed X].
struct DemoOptions {
    std::uint64_t seed = kDefaultSeed;
    // Simulated seconds per wall-clock second, in (0, kMaxSpeed].
    double speed = 1.0;
    // The hold period of the demo's campaigns: short, so commissions get confirmed while you watch.
    std::chrono::seconds holdPeriod{20};
};

}  // namespace alpes::demo
