#pragma once

#include "bff/storage/database.h"
#include "shared/dto/interaction.h"
#include "shared/messages/envelope.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace alpes::services::tracking {

// The write side of the interactions: the append-only log, the read model of each interaction's
// current state, and the projections (daily, per-minute, per-affiliate counts), all changed in the
// caller's writer unit so that they never disagree. Functions throw SqlError like any storage call.

// An interaction with what recording it writes as text: InteractionTracked's payload (for the log
// and the event alike) and the outbox's message. Encoding is a good part of an interaction's cost
// and needs no database, so ingest does it on the caller's thread, and the single writer only
// binds the text.
struct EncodedInteraction {
    dto::Interaction interaction;
    std::string payload;
    messages::Envelope event;  // its payload is left empty: `message` carries it
    std::string message;
};
EncodedInteraction encodeInteraction(dto::Interaction interaction);

// Appends InteractionTracked to the log and to the outbox, and adds the interaction to the read
// model, the journeys (journey_steps.h) and the projections.
void recordInteraction(storage::Database& db, const EncodedInteraction& encoded);

// Discards those of `ids` that are still recorded: one InteractionsDiscarded entry in the log,
// their read-model state, and the projections decremented. Returns the ones it changed, in order.
std::vector<InteractionId> discardInteractions(storage::Database& db, const InteractionId& conversionId,
                                               const CampaignId& campaignId, std::span<const InteractionId> ids,
                                               const std::string& reason, UtcTime at);

// The payload of InteractionsDiscarded, in the log and on the wire alike.
json::Json discardedPayload(const InteractionId& conversionId, const std::optional<CampaignId>& campaignId,
                            std::span<const InteractionId> ids, const std::string& reason);

bool orderTracked(storage::Database& db, const CampaignId& campaignId, const std::string& orderId);

struct RebuildReport {
    std::int64_t logEntries = 0;
    std::int64_t interactions = 0;
};

// Recomputes the read model from the log alone, then the journeys and the projections from the
// read model.
// Fails (Internal) on a log entry it cannot read, leaving the caller to roll back.
Result<RebuildReport> rebuildFromLog(storage::Database& db);

// The read model's columns in the order readInteraction() expects, for SELECTs.
inline constexpr std::string_view kInteractionColumns =
    "id, type, campaign_id, affiliate_id, user_id, anonymous_id, ip, user_agent, occurred_at, received_at, url,"
    " referrer, device, utm_source, utm_medium, utm_campaign, utm_content, utm_term, click_id, order_id, amount,"
    " currency, state, flags, saga_id";
dto::Interaction readInteraction(const storage::Statement& row);
std::optional<dto::Interaction> findInteraction(storage::Database& db, const InteractionId& id);

}  // namespace alpes::services::tracking
