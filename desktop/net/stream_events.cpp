#include "desktop/net/stream_events.h"

namespace alpes::console {

Result<InteractionsTick> decodeInteractionsTick(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    InteractionsTick tick;
    auto at = reader.time("at", true);
    if (const json::Json* counts = reader.raw("counts"); counts && counts->is_array()) {
        for (size_t i = 0; i < counts->size(); ++i) {
            json::ObjectReader item((*counts)[i], "counts[" + std::to_string(i) + "]", errors);
            auto campaignId = item.string("campaignId", true, 1, 100);
            auto type = item.enumeration("type", true, domain::kInteractionTypes);
            auto count = item.integer("count", true, 0);
            if (campaignId && type && count)
                tick.counts.push_back({CampaignId(std::move(*campaignId)), *type, *count});
        }
    }
    if (!errors.empty())
        return errors.status().error();
    tick.at = *at;
    // A sample the server could not encode is not worth dropping the second's counts for.
    if (const json::Json* recent = reader.raw("recent"); recent && recent->is_array())
        for (const json::Json& item : *recent)
            if (auto interaction = dto::decodeInteraction(item))
                tick.recent.push_back(std::move(*interaction));
    return tick;
}

}  // namespace alpes::console
