#include "bff/api/interaction_routes.h"

#include "bff/api/request_parsing.h"
#include "shared/core/uuid.h"

#include <map>
#include <span>

namespace alpes::api {

using http::Access;
using http::Method;
using http::Reply;
using http::RequestContext;
using services::tracking::TrackReceipt;

namespace {

constexpr size_t kMaxBatch = 1000;
constexpr std::string_view kVisitorCookie = "alp_aid";
constexpr int kVisitorCookieDays = 30;
// The smallest transparent GIF: 1×1, one colour, transparent.
constexpr unsigned char kPixelGif[] = {0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
                                       0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00,
                                       0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02,
                                       0x44, 0x01, 0x00, 0x3b};

json::Json receiptJson(const TrackReceipt& receipt)
{
    json::Json out{{"id", receipt.id.str()}};
    if (receipt.sagaId)
        out["sagaId"] = receipt.sagaId->str();
    return out;
}

json::Json fieldErrorsJson(const std::vector<FieldError>& fields)
{
    json::Json errors = json::Json::array();
    for (const auto& field : fields)
        errors.push_back(json::Json{{"field", field.field}, {"message", field.message}});
    return errors;
}

std::optional<std::string> cookie(const RequestContext& request, std::string_view name)
{
    const auto header = request.header("Cookie");
    if (!header)
        return std::nullopt;
    const std::string prefix = std::string(name) + "=";
    size_t start = 0;
    while (start < header->size()) {
        auto end = header->find(';', start);
        if (end == std::string::npos)
            end = header->size();
        auto pair = std::string_view(*header).substr(start, end - start);
        while (!pair.empty() && pair.front() == ' ')
            pair.remove_prefix(1);
        if (pair.starts_with(prefix) && pair.size() > prefix.size() && pair.size() - prefix.size() <= 100)
            return std::string(pair.substr(prefix.size()));
        start = end + 1;
    }
    return std::nullopt;
}

// A request header stored with a tracked interaction, refused (a field error named after the
// header) when it is not UTF-8 text: stored, it would break every answer that shows it.
std::optional<std::string> storedHeader(const RequestContext& request, const std::string& name, QueryReader& errors)
{
    auto value = request.header(name);
    if (value && !isUtf8(*value)) {
        errors.fail(name, "Must be UTF-8 text");
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> visitorId(const RequestContext& request, QueryReader& errors)
{
    auto id = cookie(request, kVisitorCookie);
    if (id && !isUtf8(*id)) {
        errors.fail("Cookie", "The visitor id must be UTF-8 text");
        return std::nullopt;
    }
    return id;
}

std::string visitorCookie(const std::string& anonymousId)
{
    return std::string(kVisitorCookie) + "=" + anonymousId + "; Path=/; Max-Age=" +
           std::to_string(kVisitorCookieDays * 24 * 3600) + "; HttpOnly; SameSite=Lax";
}

std::string withClickId(const std::string& destination, const std::string& clickId)
{
    const auto fragment = destination.find('#');
    const auto base = destination.substr(0, fragment);
    const auto tail = fragment == std::string::npos ? std::string() : destination.substr(fragment);
    return base + (base.find('?') == std::string::npos ? "?" : "&") + "alp_click=" + clickId + tail;
}

void countIngested(http::Metrics& metrics, domain::InteractionType type, double count)
{
    metrics.increment("alpes_interactions_ingested_total", {{"type", std::string(domain::kInteractionTypes.name(type))}},
                      count);
}

Result<Reply> ingestOne(services::tracking::TrackingService& tracking, const Clock& clock, http::Metrics& metrics,
                        RequestContext& request)
{
    auto body = request.jsonBody();
    if (!body)
        return std::move(body).error();
    auto input = dto::decodeInteractionInput(body.value(), clock.now());
    if (!input)
        return std::move(input).error();
    auto receipt = tracking.track(input.value());
    if (receipt)
        countIngested(metrics, input->type, 1);
    return replyWith(std::move(receipt), receiptJson, 202);
}

Result<Reply> ingestBatch(services::tracking::TrackingService& tracking, const Clock& clock, http::Metrics& metrics,
                          RequestContext& request)
{
    auto body = request.jsonBody();
    if (!body)
        return std::move(body).error();
    const auto& items = body.value();
    if (!items.is_array() || items.empty() || items.size() > kMaxBatch)
        return Error::validation("body", "Must be an array of 1 to " + std::to_string(kMaxBatch) + " interactions");
    const auto now = clock.now();
    std::vector<dto::InteractionInput> inputs;
    std::vector<size_t> positions;  // the request index of each input
    json::Json rejected = json::Json::array();
    for (size_t i = 0; i < items.size(); ++i) {
        auto input = dto::decodeInteractionInput(items[i], now, "[" + std::to_string(i) + "]");
        if (input) {
            inputs.push_back(std::move(input).value());
            positions.push_back(i);
        } else {
            rejected.push_back(json::Json{{"index", i}, {"errors", fieldErrorsJson(input.error().fields)}});
        }
    }
    auto outcomes = tracking.trackBatch(inputs);
    json::Json ids = json::Json::array();
    std::map<domain::InteractionType, double> accepted;
    for (size_t k = 0; k < outcomes.size(); ++k) {
        if (outcomes[k]) {
            ids.push_back(outcomes[k]->id.str());
            ++accepted[inputs[k].type];
            continue;
        }
        auto fields = outcomes[k].error().fields;
        if (fields.empty())
            fields.push_back({"[" + std::to_string(positions[k]) + "]", outcomes[k].error().message});
        rejected.push_back(json::Json{{"index", positions[k]}, {"errors", fieldErrorsJson(fields)}});
    }
    for (const auto& [type, count] : accepted)
        countIngested(metrics, type, count);
    std::sort(rejected.begin(), rejected.end(),
              [](const json::Json& a, const json::Json& b) { return a["index"] < b["index"]; });
    return Reply::json(json::Json{{"accepted", ids.size()}, {"ids", ids}, {"rejected", rejected}}, 202);
}

Result<Reply> trackPixel(services::tracking::TrackingService& tracking, const Clock& clock, RequestContext& request)
{
    QueryReader query(request);
    auto campaignId = query.text("c", 100);
    auto affiliateId = query.text("a", 100);
    if (!campaignId)
        query.fail("c", "The campaign id is required");
    if (!affiliateId)
        query.fail("a", "The partner id is required");
    const auto type = query.enumeration("t", domain::kInteractionTypes).value_or(domain::InteractionType::View);
    if (type == domain::InteractionType::Purchase)
        query.fail("t", "A pixel records views, clicks, likes and leads; purchases go to POST /api/v1/interactions");
    auto visitor = visitorId(request, query);
    auto userAgent = storedHeader(request, "User-Agent", query);
    auto referrer = storedHeader(request, "Referer", query);
    if (Status valid = query.status(); !valid)
        return std::move(valid).error();
    dto::InteractionInput input;
    input.type = type;
    input.campaignId = CampaignId(*campaignId);
    input.affiliateId = AffiliateId(*affiliateId);
    // A first-time visitor gets an id (and a cookie below) so that its journey can continue.
    input.anonymousId = visitor.value_or(newUuidV7());
    input.ip = request.remoteAddress();
    input.userAgent = std::move(userAgent);
    input.context.referrer = std::move(referrer);
    if (Status valid = dto::validateInteractionInput(input, clock.now()); !valid)
        return std::move(valid).error();
    auto tracked = tracking.track(input);
    if (!tracked)
        return std::move(tracked).error();
    Reply reply{200, nullptr, std::string(reinterpret_cast<const char*>(kPixelGif), sizeof kPixelGif), "image/gif", {}, false};
    reply.headers = {{"Cache-Control", "no-store"}, {"Set-Cookie", visitorCookie(*input.anonymousId)}};
    return reply;
}

Result<Reply> followLink(services::tracking::TrackingService& tracking, RequestContext& request)
{
    QueryReader headers(request);
    services::tracking::Visitor visitor{request.remoteAddress(), storedHeader(request, "User-Agent", headers),
                                        visitorId(request, headers), std::nullopt,
                                        storedHeader(request, "Referer", headers)};
    if (Status valid = headers.status(); !valid)
        return std::move(valid).error();
    auto followed = tracking.followLink(LinkCode(request.param("code")), visitor);
    if (!followed)
        return std::move(followed).error();
    Reply reply{302, nullptr, std::string(), "text/plain", {}, false};
    reply.headers = {{"Location", withClickId(followed->destination, followed->clickId)},
                     {"Set-Cookie", visitorCookie(followed->anonymousId)},
                     {"Cache-Control", "no-store"}};
    return reply;
}

Result<std::tuple<CampaignId, AffiliateId, std::string>> decodeLinkRequest(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto campaignId = reader.string("campaignId", true, 1, 100);
    auto affiliateId = reader.string("affiliateId", true, 1, 100);
    auto destination = reader.string("destination", true, 1, 2000);
    reader.rejectUnknownFields();
    if (destination && !destination->starts_with("https://") && !destination->starts_with("http://"))
        reader.fail("destination", "Must be an http:// or https:// URL");
    if (!errors.empty())
        return errors.status().error();
    return std::tuple{CampaignId(*campaignId), AffiliateId(*affiliateId), std::move(*destination)};
}

}  // namespace

std::vector<http::Route> interactionRoutes(ApiContext& context)
{
    auto& tracking = context.engine.tracking();
    auto& metrics = context.metrics;
    const Clock& clock = context.clock;
    std::vector<http::Route> routes;
    routes.push_back({Method::Post, "/api/v1/interactions", Access::ingest(),
                      "Track one interaction; 202 once it is durably stored", "interactions",
                      [&tracking, &clock, &metrics](RequestContext& request) {
                          return ingestOne(tracking, clock, metrics, request);
                      },
                      {}, true, 202});
    routes.push_back({Method::Post, "/api/v1/interactions/batch", Access::ingest(),
                      "Track up to 1000 interactions; valid ones are stored even when others are rejected",
                      "interactions",
                      [&tracking, &clock, &metrics](RequestContext& request) {
                          return ingestBatch(tracking, clock, metrics, request);
                      },
                      {}, true, 202});
    routes.push_back({Method::Get, "/api/v1/interactions", Access::readers(), "List interactions", "interactions",
                      [&tracking](RequestContext& request) -> Result<Reply> {
                          QueryReader query(request);
                          services::tracking::InteractionFilter filter{
                              query.id<CampaignId>("campaignId"), query.id<AffiliateId>("affiliateId"),
                              query.enumeration("type", domain::kInteractionTypes),
                              query.enumeration("state", domain::kInteractionStates), query.time("from"),
                              query.time("to")};
                          const auto page = query.page();
                          if (Status valid = query.status(); !valid)
                              return std::move(valid).error();
                          if (auto own = ownAffiliate(request))
                              filter.affiliateId = own;
                          auto listed = tracking.listInteractions(filter, page);
                          if (!listed)
                              return std::move(listed).error();
                          return Reply::json(pageJson(listed.value(), kToJson));
                      },
                      {{"campaignId", "Only this campaign's"},
                       {"affiliateId", "Only this partner's"},
                       {"type", "view, click, like, lead or purchase"},
                       {"state", "recorded or discarded"},
                       {"from", "occurredAt at or after (RFC 3339)"},
                       {"to", "occurredAt before (RFC 3339)"},
                       {"limit", "Page size, 1–500 (default 50)"},
                       {"cursor", "From the previous page's nextCursor"}}});
    routes.push_back({Method::Get, "/api/v1/interactions/{id}", Access::readers(), "One interaction with its state",
                      "interactions",
                      [&tracking](RequestContext& request) -> Result<Reply> {
                          auto interaction = tracking.getInteraction(InteractionId(request.param("id")));
                          if (!interaction)
                              return std::move(interaction).error();
                          if (Status own = checkOwnAffiliate(request, interaction->affiliateId, "interaction"); !own)
                              return std::move(own).error();
                          return Reply::json(toJson(interaction.value()));
                      }});
    routes.push_back({Method::Post, "/api/v1/links", Access::managers(), "Create a tracking link", "interactions",
                      [&tracking](RequestContext& request) -> Result<Reply> {
                          auto link = decodeBody(request, decodeLinkRequest);
                          if (!link)
                              return std::move(link).error();
                          auto& [campaignId, affiliateId, destination] = link.value();
                          auto created = tracking.createLink(campaignId, affiliateId, destination);
                          if (!created)
                              return std::move(created).error();
                          return Reply::json(json::Json{{"code", created->code.str()}, {"url", created->url}}, 201);
                      },
                      {}, true, 201});
    routes.push_back({Method::Get, "/r/{code}", Access::anyone(),
                      "Tracking link: records a click and redirects (302) to the destination", "tracking",
                      [&tracking](RequestContext& request) { return followLink(tracking, request); }, {}, false, 302});
    routes.push_back({Method::Get, "/pixel.gif", Access::anyone(), "Tracking pixel: records a view, answers a 1×1 GIF",
                      "tracking",
                      [&tracking, &clock](RequestContext& request) { return trackPixel(tracking, clock, request); },
                      {{"c", "Campaign id"}, {"a", "Partner id"}, {"t", "view (default), click, like or lead"}}});
    return routes;
}

}  // namespace alpes::api
