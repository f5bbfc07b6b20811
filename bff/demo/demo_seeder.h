#pragma once

#include "bff/app/engine.h"
#include "bff/demo/demo_world.h"

#include <chrono>

namespace alpes::demo {

struct SeedOptions {
    // The hold period of every demo campaign: short, so commissions get confirmed while you watch.
    std::chrono::seconds holdPeriod{15};
    // How long to wait for the other services to learn of what was seeded.
    std::chrono::milliseconds settleTimeout{15000};
};

// Seeds the demo world of product.md §6 through the services' public methods, as a manager would:
// 5 brands, 6 campaigns (3 active, one of them with a budget that runs out after a few conversions,
// one paused, one draft, one finished), 20 partners (affiliates and influencers on every platform,
// 17 approved, 2 pending, 1 suspended), enrollments and tracking links. It waits until tracking,
// commissions and the saga have their copies, so traffic sent next is judged against them.
// Conflict when the engine already holds partners: the demo seeds an empty data directory.
// The engine must be started.
Result<DemoWorld> seedDemoWorld(app::Engine& engine, const SeedOptions& options, UtcTime now);

}  // namespace alpes::demo
