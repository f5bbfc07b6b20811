#pragma once

#include "bff/demo/traffic_sink.h"

#include <chrono>
#include <memory>
#include <string>

namespace httplib {
class Client;
}

namespace alpes::demo {

// POSTs batches to {target}/api/v1/interactions/batch with the ingest API key, as any machine
// client would: 202 {"accepted", "ids", "rejected": [{"index", "errors"}]}; any other answer counts
// the whole batch as rejected, with the status as the failure.
// Thread-safety: none; one owner (one keep-alive connection).
class HttpSink final : public TrafficSink {
public:
    static constexpr size_t kMaxBatch = 1000;  // what the route accepts at once

    // `target` is "http://host:port" (or https).
    HttpSink(const std::string& target, std::string apiKey, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~HttpSink() override;

    SinkReport send(std::span<const dto::InteractionInput> batch) override;

private:
    std::unique_ptr<httplib::Client> m_client;
    std::string m_apiKey;
};

}  // namespace alpes::demo
