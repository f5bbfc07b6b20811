#pragma once

#include "shared/dto/interaction.h"

#include <cstddef>
#include <span>
#include <string>

namespace alpes::demo {

// What a sink made of one batch: accepted are stored, rejected were refused one by one (invalid,
// duplicate) or all at once (unauthorised, rate-limited, server error, unreachable).
struct SinkReport {
    size_t accepted = 0;
    size_t rejected = 0;
    std::string failure;  // why the whole batch failed; empty otherwise
};

// Where generated traffic goes: the engine in-process, or a BFF over HTTP. Both take the same
// inputs the REST ingest route decodes, so the demo drives the real ingest path.
class TrafficSink {
public:
    virtual ~TrafficSink() = default;
    virtual SinkReport send(std::span<const dto::InteractionInput> batch) = 0;
};

}  // namespace alpes::demo
