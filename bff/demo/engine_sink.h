#pragma once

#include "bff/demo/traffic_sink.h"
#include "bff/services/tracking/tracking_service.h"

namespace alpes::demo {

// Feeds the tracking service's batch ingest, the port POST /api/v1/interactions/batch calls.
// Thread-safety: as the tracking service (any thread).
class EngineSink final : public TrafficSink {
public:
    explicit EngineSink(services::tracking::TrackingService& tracking) : m_tracking(tracking) {}
    SinkReport send(std::span<const dto::InteractionInput> batch) override;

private:
    services::tracking::TrackingService& m_tracking;
};

}  // namespace alpes::demo
