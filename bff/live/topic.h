#pragma once

#include "shared/domain/enum_names.h"

#include <set>

namespace alpes::live {

// The topics of the live stream (product.md §3.2) with their spellings in `?topics=`.
enum class Topic { Interactions, Sagas, Kpis };
inline constexpr domain::EnumNames<Topic, 3> kTopics{
    {{{Topic::Interactions, "interactions"}, {Topic::Sagas, "sagas"}, {Topic::Kpis, "kpis"}}}};

using TopicSet = std::set<Topic>;

inline TopicSet allTopics()
{
    TopicSet all;
    for (const auto& [topic, name] : kTopics.entries)
        all.insert(topic);
    return all;
}

}  // namespace alpes::live
