#pragma once

#include "bff/demo/demo_world.h"
#include "shared/core/result.h"

#include <string>

namespace alpes::demo {

// The world of a running BFF for the load generator: its active campaigns and their enrolled
// partners (GET /api/v1/campaigns?state=active with the given key). Partners count as approved on
// the web channel, and every campaign gets the same share of the traffic; the target judges the rest.
Result<DemoWorld> fetchTargetWorld(const std::string& target, const std::string& apiKey);

}  // namespace alpes::demo
