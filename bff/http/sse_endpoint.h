#pragma once

#include "bff/live/sse_hub.h"
#include "bff/live/topic.h"
#include "shared/core/result.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace httplib {
class Request;
class Response;
class Server;
}  // namespace httplib

namespace alpes::http {

// GET /api/v1/stream (product.md §3.2) on cpp-httplib: what a client asked for, and the streaming
// response. Authentication and the problem+json answer for errors stay with the router.

struct StreamRequest {
    live::TopicSet topics;
    std::optional<std::uint64_t> lastEventId;
    std::optional<std::string> sagaId;  // the only saga whose steps the `sagas` topic carries
};

// `?topics=interactions,sagas,kpis`: any non-empty subset, all when absent. Validation error on
// field "topics" for an empty list or an unknown name.
Result<live::TopicSet> parseTopics(std::optional<std::string_view> query);
// A decimal event id; Validation error on `field` for anything else. Empty means none (what
// EventSource sends before it has seen an id).
Result<std::optional<std::uint64_t>> parseLastEventId(std::string_view text, std::string_view field);
// `?sagaId=`: absent means every saga; else a saga id (a UUID), Validation error on field
// "sagaId" for anything else.
Result<std::optional<std::string>> parseSagaId(std::optional<std::string_view> query);
// Topics and saga from the query; the resume point from the Last-Event-ID header, else from
// `?lastEventId=` (for clients that cannot set headers). The header wins: EventSource sends it on
// every reconnection while the URL still carries the id of the first connection.
Result<StreamRequest> parseStreamRequest(const httplib::Request& request);

struct EventStreamOptions {
    // A comment line after this much silence, so proxies and clients see the stream alive (and a
    // vanished client is noticed by the failed write). Clients' read timeouts must be longer.
    std::chrono::milliseconds keepAlive{15000};
    // How often a silent stream checks that its client is still connected.
    std::chrono::milliseconds livenessCheck{1000};
};

// Subscribes to the hub and turns `response` into a text/event-stream that writes each event as
// "id: N\nevent: <name>\ndata: <json>\n\n", beginning with the kept events after lastEventId (of
// the asked topics and saga only, so a resumed stream that follows one saga replays no other). The
// stream ends when the client goes, when the hub drops it for being too slow (the connection is
// cut: a client that resumes with Last-Event-ID gets what it missed, while it is still kept) or
// when the hub stops (the chunked body is ended properly). Unavailable when the hub refuses the
// subscription (stopped, or too many clients): the router answers it like any error.
// Each stream occupies one of the server's worker threads for its whole life.
Status serveEventStream(live::SseHub& hub, const StreamRequest& request, httplib::Response& response,
                        const EventStreamOptions& options = {});

// A write that cannot progress for this long fails and ends its connection: a stalled client
// holds its worker thread at most this long per write. (httplib 0.11.4 offers
// Server::set_write_timeout, default 5 s, applied through select() before every send(); it
// cannot apply to sockets numbered FD_SETSIZE (1024) or above, which httplib then sends to
// without a timeout: keep the connection count well below that.)
inline constexpr std::chrono::seconds kStreamWriteTimeout{5};

// Sets the server-wide write timeout above; call it where the server is configured.
void configureForEventStreams(httplib::Server& server);

}  // namespace alpes::http
