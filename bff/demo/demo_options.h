#pragma once

#include <chrono>
#include <cstdint>

namespace alpes::demo {

// The highest speed the demo accepts: at 100 the simulator generates about 2,000 interactions and 80
// purchases a second at the evening peak, which the engine ingests and runs sagas for with room to
// spare, and its random draws stay exact (see TrafficSimulator).
inline constexpr double kMaxSpeed = 100.0;
inline constexpr std::uint64_t kDefaultSeed = 42;

// alpes-bff --demo [--seed N] [--speed X].
struct DemoOptions {
    std::uint64_t seed = kDefaultSeed;
    // How much traffic a wall-clock second carries, as a multiple of the demo world's own pace, in
    // (0, kMaxSpeed]: at 60 a minute brings an hour's shoppers, fraud bursts and clawbacks. Each
    // journey still takes its real time, so the fraud rules judge it as they would at speed 1.
    double speed = 1.0;
    // The hold period of the demo's campaigns: short, so commissions get confirmed while you watch
    // (the first within about 20 s of the start).
    std::chrono::seconds holdPeriod{15};
};

}  // namespace alpes::demo
