#include "bff/demo/http_sink.h"

#include <httplib.h>

namespace alpes::demo {

HttpSink::HttpSink(const std::string& target, std::string apiKey, std::chrono::milliseconds timeout)
    : m_client(std::make_unique<httplib::Client>(target)), m_apiKey(std::move(apiKey))
{
    m_client->set_keep_alive(true);
    m_client->set_connection_timeout(timeout);
    m_client->set_read_timeout(timeout);
    m_client->set_write_timeout(timeout);
}

HttpSink::~HttpSink() = default;

SinkReport HttpSink::send(std::span<const dto::InteractionInput> batch)
{
    json::Json body = json::Json::array();
    for (const auto& input : batch)
        body.push_back(dto::toJson(input));
    const httplib::Headers headers{{"Authorization", "Bearer " + m_apiKey}};
    const auto answer = m_client->Post("/api/v1/interactions/batch", headers, body.dump(), "application/json");
    if (!answer)
        return {0, batch.size(), "unreachable: " + httplib::to_string(answer.error())};
    if (answer->status != 202)
        return {0, batch.size(), "HTTP " + std::to_string(answer->status)};
    const auto decoded = json::Json::parse(answer->body, nullptr, false);
    if (decoded.is_discarded() || !decoded.is_object() || !decoded.contains("accepted") ||
        !decoded["accepted"].is_number_unsigned())
        return {0, batch.size(), "an answer that is not the batch receipt"};
    const auto accepted = std::min(decoded["accepted"].get<size_t>(), batch.size());
    return {accepted, batch.size() - accepted, {}};
}

}  // namespace alpes::demo
