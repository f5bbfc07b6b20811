#pragma once

#include <chrono>
#include <cstdint>

namespace alpes::demo {

// The highest speed the demo accepts: at 60 the simulator generates about 1,200 interactions and 50
// purchases a second at the evening peak. Higher speeds stay correct (see TrafficSimulator) but a
// debug build on a busy laptop no longer keeps pace with them: ticks go out late.
inline constexpr double kMaxSpeed = 60.0;
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
