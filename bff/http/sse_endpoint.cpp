#include "bff/http/sse_endpoint.h"

#include "shared/core/uuid.h"

#include <httplib.h>

#include <charconv>

namespace alpes::http {
namespace {

// Frames are gathered into writes of about this size: few system calls for a burst of small
// events, no unbounded string for a burst of large ones.
constexpr size_t kWriteSize = 64 * 1024;
constexpr std::string_view kKeepAlive = ": keep-alive\n\n";

std::string_view trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(' ');
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// One client's stream, shared by the copies httplib may make of the content provider.
struct Stream {
    std::shared_ptr<live::SseHub::Subscription> subscription;
    EventStreamOptions options;
    std::chrono::milliseconds silentFor{0};
};

// One call of the content provider: waits at most one liveness slice, so that httplib, which
// checks for its own shutdown between calls, never waits long on a silent stream.
bool writeNext(Stream& stream, httplib::DataSink& sink)
{
    auto batch = stream.subscription->take(stream.options.livenessCheck);
    switch (batch.end) {
    case live::SseHub::End::Stopped:
        sink.done();
        return true;
    case live::SseHub::End::Dropped:
        return false;  // cut the connection: its socket may be the stalled one
    case live::SseHub::End::Open:
        break;
    }
    if (batch.events.empty()) {
        stream.silentFor += stream.options.livenessCheck;
        if (stream.silentFor < stream.options.keepAlive)
            return sink.is_writable();  // false once the client has gone
        stream.silentFor = std::chrono::milliseconds{0};
        return sink.write(kKeepAlive.data(), kKeepAlive.size());
    }
    stream.silentFor = std::chrono::milliseconds{0};
    std::string text;
    for (const auto& event : batch.events) {
        text += event->frame;
        if (text.size() >= kWriteSize) {
            if (!sink.write(text.data(), text.size()))
                return false;
            text.clear();
        }
    }
    return text.empty() || sink.write(text.data(), text.size());
}

}  // namespace

Result<live::TopicSet> parseTopics(std::optional<std::string_view> query)
{
    if (!query)
        return live::allTopics();
    const Error invalid =
        Error::validation("topics", "Must be a comma-separated list of: " + live::kTopics.allowed());
    live::TopicSet topics;
    std::string_view rest = *query;
    for (;;) {
        const auto comma = rest.find(',');
        const auto topic = live::kTopics.parse(trimmed(rest.substr(0, comma)));
        if (!topic)
            return invalid;
        topics.insert(*topic);
        if (comma == std::string_view::npos)
            return topics;
        rest.remove_prefix(comma + 1);
    }
}

Result<std::optional<std::uint64_t>> parseLastEventId(std::string_view text, std::string_view field)
{
    if (text.empty())
        return std::optional<std::uint64_t>();
    std::uint64_t id = 0;
    const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (failure != std::errc() || end != text.data() + text.size())
        return Error::validation(std::string(field), "Must be the id of an event received before");
    return std::optional<std::uint64_t>(id);
}

Result<std::optional<std::string>> parseSagaId(std::optional<std::string_view> query)
{
    if (!query)
        return std::optional<std::string>();
    if (!isUuid(*query))
        return Error::validation("sagaId", "Must be a saga id (a UUID)");
    return std::optional<std::string>(*query);
}

Result<StreamRequest> parseStreamRequest(const httplib::Request& request)
{
    auto topics = parseTopics(request.has_param("topics")
                                  ? std::optional<std::string_view>(request.get_param_value("topics"))
                                  : std::nullopt);
    if (!topics)
        return std::move(topics).error();
    auto lastEventId = request.has_header("Last-Event-ID")
                           ? parseLastEventId(request.get_header_value("Last-Event-ID"), "Last-Event-ID")
                           : parseLastEventId(request.get_param_value("lastEventId"), "lastEventId");
    if (!lastEventId)
        return std::move(lastEventId).error();
    auto sagaId = parseSagaId(request.has_param("sagaId")
                                  ? std::optional<std::string_view>(request.get_param_value("sagaId"))
                                  : std::nullopt);
    if (!sagaId)
        return std::move(sagaId).error();
    return StreamRequest{std::move(topics).value(), *lastEventId, std::move(sagaId).value()};
}

Status serveEventStream(live::SseHub& hub, const StreamRequest& request, httplib::Response& response,
                        const EventStreamOptions& options)
{
    auto subscription = hub.subscribe(request.topics, request.lastEventId, request.sagaId);
    if (!subscription)
        return std::move(subscription).error();
    auto stream = std::make_shared<Stream>(Stream{std::move(subscription).value(), options});
    response.set_header("Cache-Control", "no-cache");
    // Reverse proxies (nginx) would otherwise buffer the stream.
    response.set_header("X-Accel-Buffering", "no");
    response.set_chunked_content_provider(
        "text/event-stream", [stream](size_t, httplib::DataSink& sink) { return writeNext(*stream, sink); });
    return {};
}

void configureForEventStreams(httplib::Server& server)
{
    server.set_write_timeout(kStreamWriteTimeout);
}

}  // namespace alpes::http
