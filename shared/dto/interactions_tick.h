#pragma once

#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/vocabulary.h"
#include "shared/dto/interaction.h"
#include "shared/json/json_decoder.h"

#include <cstdint>
#include <vector>

namespace alpes::dto {

// The SSE `interactions` event (product.md §3.2): the interactions stored in one interval, counted
// per campaign × type, and a sample of them. The BFF's live feed encodes it, the console decodes it.
struct InteractionCount {
    CampaignId campaignId;
    domain::InteractionType type = domain::InteractionType::View;
    std::int64_t count = 0;

    friend bool operator==(const InteractionCount&, const InteractionCount&) = default;
};

struct InteractionsTick {
    UtcTime at{};
    std::vector<InteractionCount> counts;
    std::vector<Interaction> recent;

    friend bool operator==(const InteractionsTick&, const InteractionsTick&) = default;
};

// {"at", "counts": [{"campaignId", "type", "count"}], "recent": [interaction]}
json::Json toJson(const InteractionsTick& tick);
// Every wrong field of `at` and `counts` is reported. A sampled interaction that does not decode
// is left out: it is not worth losing the interval's counts for.
Result<InteractionsTick> decodeInteractionsTick(const json::Json& body);

}  // namespace alpes::dto
