#include "bff/demo/engine_sink.h"

namespace alpes::demo {

SinkReport EngineSink::send(std::span<const dto::InteractionInput> batch)
{
    SinkReport report;
    for (const auto& outcome : m_tracking.trackBatch(batch))
        ++(outcome ? report.accepted : report.rejected);
    return report;
}

}  // namespace alpes::demo
