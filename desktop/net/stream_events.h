#pragma once

#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/dto/interaction.h"
#include "shared/json/json_decoder.h"

#include <vector>

namespace alpes::console {

// The SSE `interactions` event (product.md §3.2): one second's counts per campaign × type and a
// sample of recent interactions. Temporary home: this decoder moves to shared/dto with the BFF's
// encoder when the stream lands; the recent items are decoded by the shared interaction decoder.
struct InteractionCount {
    CampaignId campaignId;
    domain::InteractionType type = domain::InteractionType::View;
    std::int64_t count = 0;
};

struct InteractionsTick {
    UtcTime at{};
    std::vector<InteractionCount> counts;
    std::vector<dto::Interaction> recent;
};

Result<InteractionsTick> decodeInteractionsTick(const json::Json& body);

}  // namespace alpes::console
