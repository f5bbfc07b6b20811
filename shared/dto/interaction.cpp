#include "shared/dto/interaction.h"

#include "shared/domain/campaign_terms.h"

#include <algorithm>

namespace alpes::dto {
namespace {

using domain::InteractionType;

constexpr size_t kIdMaxLength = 100;
constexpr size_t kIdentityMaxLength = 200;
constexpr size_t kIpMaxLength = 45;  // the longest textual IPv6 address
constexpr size_t kUserAgentMaxLength = 512;
constexpr size_t kUrlMaxLength = 2048;
constexpr size_t kDeviceMaxLength = 100;
constexpr size_t kUtmMaxLength = 200;
constexpr size_t kFlagMaxLength = 100;
// What was stored is read back whole: a reader of stored interactions only refuses absurd sizes.
constexpr size_t kStoredMaxLength = 100'000;
constexpr size_t kMaxFlags = 32;

// Which of the fields the rules depend on were given, whether or not their value was valid:
// a field that is present but malformed already has its own error and must not get a second one.
struct Given {
    std::optional<InteractionType> type;
    bool identity = false;
    bool orderId = false;
    bool amount = false;
};

void checkRules(const InteractionInput& input, const Given& given, UtcTime now, std::string_view prefix,
                json::FieldErrors& errors)
{
    const auto fail = [&](std::string_view field, std::string message) {
        errors.add(json::joinPath(prefix, field), std::move(message));
    };
    if (!given.identity)
        fail("userId", "A userId or an anonymousId is required");
    if (input.occurredAt && *input.occurredAt < now - kMaxInteractionAge)
        fail("occurredAt", "Must be at most 30 days in the past");
    if (input.occurredAt && *input.occurredAt > now + kMaxInteractionLead)
        fail("occurredAt", "Must be at most 5 minutes in the future");
    if (given.type == InteractionType::Purchase) {
        if (!given.orderId)
            fail("orderId", "Is required for a purchase");
        if (!given.amount)
            fail("amount", "Is required for a purchase");
    } else if (given.type) {
        if (given.orderId)
            fail("orderId", "Only purchases carry an orderId");
        if (given.amount)
            fail("amount", "Only purchases carry an amount");
    }
    if (input.amount && input.amount->amount() <= 0)
        fail("amount.amount", "Must be greater than zero");
}

bool looksLikeIpAddress(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
    });
}

std::optional<InteractionType> readType(json::ObjectReader& reader)
{
    return reader.enumeration("type", true, domain::kInteractionTypes);
}

void put(json::Json& out, const char* key, const std::optional<std::string>& value)
{
    if (value)
        out[key] = *value;
}

json::Json contextJson(const InteractionContext& context)
{
    json::Json out = json::Json::object();
    put(out, "url", context.url);
    put(out, "referrer", context.referrer);
    put(out, "device", context.device);
    return out;
}

json::Json utmJson(const Utm& utm)
{
    json::Json out = json::Json::object();
    put(out, "source", utm.source);
    put(out, "medium", utm.medium);
    put(out, "campaign", utm.campaign);
    put(out, "content", utm.content);
    put(out, "term", utm.term);
    return out;
}

InteractionContext readContext(json::ObjectReader& reader, bool strict)
{
    InteractionContext context;
    if (auto nested = reader.object("context", false)) {
        context.url = nested->string("url", false, 1, strict ? kUrlMaxLength : kStoredMaxLength);
        context.referrer = nested->string("referrer", false, 1, strict ? kUrlMaxLength : kStoredMaxLength);
        context.device = nested->string("device", false, 1, strict ? kDeviceMaxLength : kStoredMaxLength);
        if (strict)
            nested->rejectUnknownFields();
    }
    return context;
}

std::optional<Utm> readUtm(json::ObjectReader& reader, bool strict)
{
    auto nested = reader.object("utm", false);
    if (!nested)
        return std::nullopt;
    const size_t maxLength = strict ? kUtmMaxLength : kStoredMaxLength;
    Utm utm;
    utm.source = nested->string("source", false, 1, maxLength);
    utm.medium = nested->string("medium", false, 1, maxLength);
    utm.campaign = nested->string("campaign", false, 1, maxLength);
    utm.content = nested->string("content", false, 1, maxLength);
    utm.term = nested->string("term", false, 1, maxLength);
    if (strict)
        nested->rejectUnknownFields();
    // An empty utm object says nothing; storing it as absent keeps every copy of the interaction alike.
    if (utm == Utm{})
        return std::nullopt;
    return utm;
}

}  // namespace

Result<InteractionInput> decodeInteractionInput(const json::Json& body, UtcTime now, std::string pathPrefix)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, pathPrefix, errors);
    if (!reader.valid())
        return errors.status().error();
    InteractionInput input;
    const auto type = readType(reader);
    const auto campaignId = reader.string("campaignId", true, 1, kIdMaxLength);
    const auto affiliateId = reader.string("affiliateId", true, 1, kIdMaxLength);
    input.userId = reader.string("userId", false, 1, kIdentityMaxLength);
    input.anonymousId = reader.string("anonymousId", false, 1, kIdentityMaxLength);
    input.ip = reader.string("ip", false, 1, kIpMaxLength);
    if (input.ip && !looksLikeIpAddress(*input.ip))
        reader.fail("ip", "Must be an IPv4 or IPv6 address");
    input.userAgent = reader.string("userAgent", false, 1, kUserAgentMaxLength);
    input.occurredAt = reader.time("occurredAt", false);
    input.context = readContext(reader, true);
    input.utm = readUtm(reader, true);
    input.clickId = reader.string("clickId", false, 1, kIdMaxLength);
    input.orderId = reader.string("orderId", false, 1, kIdMaxLength);
    input.amount = reader.money("amount", false);
    reader.rejectUnknownFields();
    checkRules(input,
               Given{.type = type,
                     .identity = reader.has("userId") || reader.has("anonymousId"),
                     .orderId = reader.has("orderId"),
                     .amount = reader.has("amount")},
               now, pathPrefix, errors);
    if (!errors.empty())
        return errors.status().error();
    input.type = *type;
    input.campaignId = CampaignId(*campaignId);
    input.affiliateId = AffiliateId(*affiliateId);
    return input;
}

Status validateInteractionInput(const InteractionInput& input, UtcTime now)
{
    json::FieldErrors errors;
    if (input.campaignId.empty())
        errors.add("campaignId", "Is required");
    if (input.affiliateId.empty())
        errors.add("affiliateId", "Is required");
    checkRules(input,
               Given{.type = input.type,
                     .identity = input.userId || input.anonymousId,
                     .orderId = input.orderId.has_value(),
                     .amount = input.amount.has_value()},
               now, "", errors);
    return errors.status();
}

json::Json toJson(const InteractionInput& input)
{
    json::Json out{{"type", domain::kInteractionTypes.name(input.type)},
                   {"campaignId", input.campaignId.str()},
                   {"affiliateId", input.affiliateId.str()}};
    put(out, "userId", input.userId);
    put(out, "anonymousId", input.anonymousId);
    put(out, "ip", input.ip);
    put(out, "userAgent", input.userAgent);
    if (input.occurredAt)
        out["occurredAt"] = formatRfc3339(*input.occurredAt);
    if (auto context = contextJson(input.context); !context.empty())
        out["context"] = std::move(context);
    if (input.utm)
        out["utm"] = utmJson(*input.utm);
    put(out, "clickId", input.clickId);
    put(out, "orderId", input.orderId);
    if (input.amount)
        out["amount"] = domain::toJson(*input.amount);
    return out;
}

json::Json toJson(const Interaction& interaction)
{
    json::Json out{{"id", interaction.id.str()},
                   {"type", domain::kInteractionTypes.name(interaction.type)},
                   {"campaignId", interaction.campaignId.str()},
                   {"affiliateId", interaction.affiliateId.str()}};
    put(out, "userId", interaction.userId);
    put(out, "anonymousId", interaction.anonymousId);
    put(out, "ip", interaction.ip);
    put(out, "userAgent", interaction.userAgent);
    out["occurredAt"] = formatRfc3339(interaction.occurredAt);
    out["receivedAt"] = formatRfc3339(interaction.receivedAt);
    if (auto context = contextJson(interaction.context); !context.empty())
        out["context"] = std::move(context);
    if (interaction.utm)
        out["utm"] = utmJson(*interaction.utm);
    put(out, "clickId", interaction.clickId);
    put(out, "orderId", interaction.orderId);
    if (interaction.amount)
        out["amount"] = domain::toJson(*interaction.amount);
    out["state"] = domain::kInteractionStates.name(interaction.state);
    out["flags"] = interaction.flags;
    if (interaction.sagaId)
        out["sagaId"] = interaction.sagaId->str();
    return out;
}

Result<Interaction> decodeInteraction(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    Interaction out;
    const auto id = reader.string("id", true, 1, kStoredMaxLength);
    const auto type = readType(reader);
    const auto campaignId = reader.string("campaignId", true, 1, kStoredMaxLength);
    const auto affiliateId = reader.string("affiliateId", true, 1, kStoredMaxLength);
    out.userId = reader.string("userId", false, 1, kStoredMaxLength);
    out.anonymousId = reader.string("anonymousId", false, 1, kStoredMaxLength);
    out.ip = reader.string("ip", false, 1, kStoredMaxLength);
    out.userAgent = reader.string("userAgent", false, 1, kStoredMaxLength);
    const auto occurredAt = reader.time("occurredAt", true);
    const auto receivedAt = reader.time("receivedAt", true);
    out.context = readContext(reader, false);
    out.utm = readUtm(reader, false);
    out.clickId = reader.string("clickId", false, 1, kStoredMaxLength);
    out.orderId = reader.string("orderId", false, 1, kStoredMaxLength);
    out.amount = reader.money("amount", false);
    const auto state = reader.enumeration("state", true, domain::kInteractionStates);
    const auto flags = reader.stringArray("flags", false, kMaxFlags, kFlagMaxLength);
    const auto sagaId = reader.string("sagaId", false, 1, kStoredMaxLength);
    if (!errors.empty())
        return errors.status().error();
    out.id = InteractionId(*id);
    out.type = *type;
    out.campaignId = CampaignId(*campaignId);
    out.affiliateId = AffiliateId(*affiliateId);
    out.occurredAt = *occurredAt;
    out.receivedAt = *receivedAt;
    out.state = *state;
    out.flags = flags.value_or(std::vector<std::string>{});
    if (sagaId)
        out.sagaId = SagaId(*sagaId);
    return out;
}

json::Json toJson(const DailyCount& count)
{
    return json::Json{
        {"day", count.day}, {"type", domain::kInteractionTypes.name(count.type)}, {"count", count.count}};
}

json::Json toJson(const MinuteCount& count)
{
    return json::Json{{"minute", formatRfc3339(count.minute)},
                      {"type", domain::kInteractionTypes.name(count.type)},
                      {"count", count.count}};
}

json::Json toJson(const AffiliateCampaignStats& stats)
{
    json::Json out{{"campaignId", stats.campaignId.str()},
                   {"type", domain::kInteractionTypes.name(stats.type)},
                   {"count", stats.count}};
    if (stats.revenue)
        out["revenue"] = domain::toJson(*stats.revenue);
    return out;
}

Result<DailyCount> decodeDailyCount(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    const auto day = reader.string("day", true, 10, 10);
    const auto type = readType(reader);
    const auto count = reader.integer("count", true, 0);
    if (!errors.empty())
        return errors.status().error();
    return DailyCount{*day, *type, *count};
}

Result<MinuteCount> decodeMinuteCount(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    const auto minute = reader.time("minute", true);
    const auto type = readType(reader);
    const auto count = reader.integer("count", true, 0);
    if (!errors.empty())
        return errors.status().error();
    return MinuteCount{*minute, *type, *count};
}

Result<AffiliateCampaignStats> decodeAffiliateCampaignStats(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    const auto campaignId = reader.string("campaignId", true, 1, kIdMaxLength);
    const auto type = readType(reader);
    const auto count = reader.integer("count", true, 0);
    const auto revenue = reader.money("revenue", false);
    if (!errors.empty())
        return errors.status().error();
    return AffiliateCampaignStats{CampaignId(*campaignId), *type, *count, revenue};
}

}  // namespace alpes::dto
