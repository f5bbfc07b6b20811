#include "shared/dto/interactions_tick.h"

#include <string>
#include <utility>

namespace alpes::dto {

json::Json toJson(const InteractionsTick& tick)
{
    json::Json counts = json::Json::array();
    for (const auto& count : tick.counts)
        counts.push_back({{"campaignId", count.campaignId.str()},
                          {"type", domain::kInteractionTypes.name(count.type)},
                          {"count", count.count}});
    json::Json recent = json::Json::array();
    for (const auto& interaction : tick.recent)
        recent.push_back(toJson(interaction));
    return json::Json{{"at", formatRfc3339(tick.at)}, {"counts", std::move(counts)}, {"recent", std::move(recent)}};
}

Result<InteractionsTick> decodeInteractionsTick(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    InteractionsTick tick;
    auto at = reader.time("at", true);
    if (const json::Json* counts = reader.raw("counts"); !counts || !counts->is_array()) {
        reader.fail("counts", "Must be an array of counts");
    } else {
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
    if (const json::Json* recent = reader.raw("recent"); recent && recent->is_array())
        for (const json::Json& item : *recent)
            if (auto interaction = decodeInteraction(item))
                tick.recent.push_back(std::move(*interaction));
    return tick;
}

}  // namespace alpes::dto
