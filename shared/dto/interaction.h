#pragma once

#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/vocabulary.h"
#include "shared/json/json_decoder.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace alpes::dto {

// How far occurredAt may sit from the moment of receipt (product.md §2 Interaction).
inline constexpr std::chrono::milliseconds kMaxInteractionAge = std::chrono::days{30};
inline constexpr std::chrono::milliseconds kMaxInteractionLead = std::chrono::minutes{5};

// Set on an interaction stored for a campaign that was not active or not inside its dates.
inline constexpr std::string_view kFlagCampaignNotActive = "campaign_not_active";

struct InteractionContext {
    std::optional<std::string> url;
    std::optional<std::string> referrer;
    std::optional<std::string> device;

    friend bool operator==(const InteractionContext&, const InteractionContext&) = default;
};

struct Utm {
    std::optional<std::string> source;
    std::optional<std::string> medium;
    std::optional<std::string> campaign;
    std::optional<std::string> content;
    std::optional<std::string> term;

    friend bool operator==(const Utm&, const Utm&) = default;
};

// POST /interactions: what a client reports. Purchases carry orderId and amount; nothing else does.
struct InteractionInput {
    domain::InteractionType type = domain::InteractionType::View;
    CampaignId campaignId;
    AffiliateId affiliateId;
    std::optional<std::string> userId;
    std::optional<std::string> anonymousId;
    std::optional<std::string> ip;
    std::optional<std::string> userAgent;
    std::optional<UtcTime> occurredAt;  // defaults to the moment of receipt
    InteractionContext context;
    std::optional<Utm> utm;
    std::optional<std::string> clickId;
    std::optional<std::string> orderId;
    std::optional<Money> amount;
};

// One stored interaction, as GET /interactions/{id} shows it and InteractionTracked carries it.
struct Interaction {
    InteractionId id;
    domain::InteractionType type = domain::InteractionType::View;
    CampaignId campaignId;
    AffiliateId affiliateId;
    std::optional<std::string> userId;
    std::optional<std::string> anonymousId;
    std::optional<std::string> ip;
    std::optional<std::string> userAgent;
    UtcTime occurredAt{};
    UtcTime receivedAt{};
    InteractionContext context;
    std::optional<Utm> utm;
    std::optional<std::string> clickId;
    std::optional<std::string> orderId;
    std::optional<Money> amount;
    domain::InteractionState state = domain::InteractionState::Recorded;
    std::vector<std::string> flags;
    std::optional<SagaId> sagaId;  // purchases only: the conversion saga started by this purchase

    friend bool operator==(const Interaction&, const Interaction&) = default;
};

// Reads a request strictly and reports every wrong field, each path prefixed with `pathPrefix`
// (a batch passes "[3]"). `now` is the moment of receipt that bounds occurredAt.
Result<InteractionInput> decodeInteractionInput(const json::Json& body, UtcTime now, std::string pathPrefix = "");
// The rules an input must satisfy whatever built it (a decoder, a tracking link, the simulator).
Status validateInteractionInput(const InteractionInput& input, UtcTime now);
json::Json toJson(const InteractionInput& input);

// Optional fields that are unknown are left out of the JSON rather than written as null: the
// interaction is the hot path's payload and every byte is paid for in the log and the outbox.
json::Json toJson(const Interaction& interaction);
// Lenient like every message reader: unknown fields are ignored.
Result<Interaction> decodeInteraction(const json::Json& body);

// Stats read from the tracking projections (GET /campaigns/{id}/stats/daily, /series, /stats/daily).
struct DailyCount {
    std::string day;  // "YYYY-MM-DD", UTC
    domain::InteractionType type = domain::InteractionType::View;
    std::int64_t count = 0;

    friend bool operator==(const DailyCount&, const DailyCount&) = default;
};

struct MinuteCount {
    UtcTime minute{};  // the start of the minute
    domain::InteractionType type = domain::InteractionType::View;
    std::int64_t count = 0;

    friend bool operator==(const MinuteCount&, const MinuteCount&) = default;
};

struct AffiliateCampaignStats {
    CampaignId campaignId;
    domain::InteractionType type = domain::InteractionType::View;
    std::int64_t count = 0;
    std::optional<Money> revenue;  // purchases only: the sum of their amounts

    friend bool operator==(const AffiliateCampaignStats&, const AffiliateCampaignStats&) = default;
};

json::Json toJson(const DailyCount& count);
json::Json toJson(const MinuteCount& count);
json::Json toJson(const AffiliateCampaignStats& stats);
Result<DailyCount> decodeDailyCount(const json::Json& body);
Result<MinuteCount> decodeMinuteCount(const json::Json& body);
Result<AffiliateCampaignStats> decodeAffiliateCampaignStats(const json::Json& body);

}  // namespace alpes::dto
