#pragma once

#include "bff/live/topic.h"

#include <cstdint>
#include <memory>
#include <string>

namespace alpes::live {

// One published event, immutable once made: the history and every client's queue share the same
// object, so a slow client costs a pointer per event, not a copy of the event.
struct SseEvent {
    std::uint64_t id = 0;
    Topic topic = Topic::Interactions;
    std::string name;
    std::string sagaId;  // Topic::Sagas: the saga whose step changed, for streams that follow one saga
    std::string data;   // one JSON object, on one line
    std::string frame;  // "id: …\nevent: …\ndata: …\n\n", framed once for every client
};

using SharedEvent = std::shared_ptr<const SseEvent>;

}  // namespace alpes::live
