#include "bff/api/stream_routes.h"

#include "bff/http/sse_endpoint.h"

namespace alpes::api {

using http::Access;
using http::Method;
using http::Reply;
using http::RequestContext;

std::vector<http::Route> streamRoutes(live::SseHub& hub)
{
    http::Route stream{Method::Get, "/api/v1/stream", Access::staff(),
                       "Live stream (Server-Sent Events): per-second interaction counts, saga step changes, KPIs; "
                       "resumable with Last-Event-ID",
                       "live",
                       [&hub](RequestContext& request) -> Result<Reply> {
                           auto parsed = http::parseStreamRequest(request.rawRequest());
                           if (!parsed)
                               return std::move(parsed).error();
                           if (Status serving = http::serveEventStream(hub, parsed.value(), request.rawResponse()); !serving)
                               return std::move(serving).error();
                           Reply streamed;
                           streamed.streamed = true;
                           return streamed;
                       },
                       {{"topics", "Comma-separated subset of interactions, sagas, kpis (default: all)"},
                        {"sagaId", "Only this saga's step changes on the sagas topic (default: every saga's)"},
                        {"lastEventId", "Resume after this event id (or the Last-Event-ID header)"},
                        {"token", "The bearer token, for EventSource clients that cannot set headers"}}};
    stream.tokenInQuery = true;
    return {std::move(stream)};
}

}  // namespace alpes::api
