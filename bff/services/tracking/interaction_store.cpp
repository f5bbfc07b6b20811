#include "bff/services/tracking/interaction_store.h"

#include "bff/events/outbox.h"
#include "bff/services/tracking/journey_steps.h"
#include "bff/messages/message_types.h"

namespace alpes::services::tracking {
namespace {

namespace types = messages::types;

constexpr int kEventVersion = 1;
constexpr std::string_view kSource = "tracking";
constexpr char kFlagSeparator = ',';

std::optional<std::string> joinFlags(const std::vector<std::string>& flags)
{
    if (flags.empty())
        return std::nullopt;
    std::string joined;
    for (const auto& flag : flags)
        joined += (joined.empty() ? "" : std::string(1, kFlagSeparator)) + flag;
    return joined;
}

std::vector<std::string> splitFlags(const std::optional<std::string>& joined)
{
    std::vector<std::string> flags;
    if (!joined)
        return flags;
    size_t start = 0;
    for (size_t end = joined->find(kFlagSeparator); end != std::string::npos;
         start = end + 1, end = joined->find(kFlagSeparator, start))
        flags.push_back(joined->substr(start, end - start));
    flags.push_back(joined->substr(start));
    return flags;
}

void insertReadModel(storage::Database& db, const dto::Interaction& interaction)
{
    const dto::Utm utm = interaction.utm.value_or(dto::Utm{});
    std::optional<std::int64_t> amount;
    std::optional<std::string> currency;
    if (interaction.amount) {
        amount = interaction.amount->amount();
        currency = interaction.amount->currency();
    }
    static const std::string kInsert = "INSERT INTO interactions(" + std::string(kInteractionColumns) +
                                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                       " ?, ?, ?)";
    db.prepare(kInsert)
        .bindAll(interaction.id.str(), domain::kInteractionTypes.name(interaction.type), interaction.campaignId.str(),
                 interaction.affiliateId.str(), interaction.userId, interaction.anonymousId, interaction.ip,
                 interaction.userAgent, toEpochMillis(interaction.occurredAt), toEpochMillis(interaction.receivedAt),
                 interaction.context.url, interaction.context.referrer, interaction.context.device, utm.source,
                 utm.medium, utm.campaign, utm.content, utm.term, interaction.clickId, interaction.orderId, amount,
                 currency, domain::kInteractionStates.name(interaction.state), joinFlags(interaction.flags),
                 interaction.sagaId ? std::optional(interaction.sagaId->str()) : std::nullopt)
        .run();
}

// Days and minutes are cut by SQLite's integer division both here and in the rebuild, so that the
// two can never disagree about which bucket an instant belongs to.
void adjustProjections(storage::Database& db, const dto::Interaction& interaction, std::int64_t delta)
{
    const std::string_view type = domain::kInteractionTypes.name(interaction.type);
    const std::int64_t occurredAt = toEpochMillis(interaction.occurredAt);
    const std::int64_t revenue = interaction.amount ? interaction.amount->amount() * delta : 0;
    const auto currency = interaction.amount ? std::optional(interaction.amount->currency()) : std::nullopt;
    db.prepare("INSERT INTO daily_stats(campaign_id, day, type, count) VALUES (?1, ?2 / 86400000, ?3, ?4)"
               " ON CONFLICT(campaign_id, day, type) DO UPDATE SET count = count + excluded.count")
        .bindAll(interaction.campaignId.str(), occurredAt, type, delta)
        .run();
    db.prepare("INSERT INTO minute_stats(campaign_id, minute, type, count) VALUES (?1, ?2 / 60000, ?3, ?4)"
               " ON CONFLICT(campaign_id, minute, type) DO UPDATE SET count = count + excluded.count")
        .bindAll(interaction.campaignId.str(), occurredAt, type, delta)
        .run();
    db.prepare("INSERT INTO affiliate_stats(affiliate_id, campaign_id, type, count, revenue, currency)"
               " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(affiliate_id, campaign_id, type)"
               " DO UPDATE SET count = count + excluded.count, revenue = revenue + excluded.revenue")
        .bindAll(interaction.affiliateId.str(), interaction.campaignId.str(), type, delta, revenue, currency)
        .run();
    if (delta > 0)
        return;
    // A bucket that falls back to zero disappears, as if it had never been counted.
    db.prepare("DELETE FROM daily_stats WHERE campaign_id = ?1 AND day = ?2 / 86400000 AND type = ?3 AND count = 0")
        .bindAll(interaction.campaignId.str(), occurredAt, type)
        .run();
    db.prepare("DELETE FROM minute_stats WHERE campaign_id = ?1 AND minute = ?2 / 60000 AND type = ?3 AND count = 0")
        .bindAll(interaction.campaignId.str(), occurredAt, type)
        .run();
    db.prepare("DELETE FROM affiliate_stats WHERE affiliate_id = ? AND campaign_id = ? AND type = ? AND count = 0")
        .bindAll(interaction.affiliateId.str(), interaction.campaignId.str(), type)
        .run();
}

void appendToLog(storage::Database& db, std::string_view type, const std::string& payload, UtcTime at)
{
    db.prepare("INSERT INTO interaction_log(type, payload, logged_at) VALUES (?, ?, ?)")
        .bindAll(type, payload, toEpochMillis(at))
        .run();
}

void markDiscarded(storage::Database& db, const InteractionId& id)
{
    db.prepare("UPDATE interactions SET state = ? WHERE id = ?")
        .bindAll(domain::kInteractionStates.name(domain::InteractionState::Discarded), id.str())
        .run();
}

Error unreadableLogEntry(std::int64_t seq, const Error& cause)
{
    return Error::internal("The interaction log cannot be replayed",
                           "log entry " + std::to_string(seq) + ": " + cause.message +
                               (cause.fields.empty() ? "" : " (" + cause.fields.front().field + ")"));
}

}  // namespace

EncodedInteraction encodeInteraction(dto::Interaction interaction)
{
    EncodedInteraction encoded{std::move(interaction), {}, {}, {}};
    const dto::Interaction& tracked = encoded.interaction;
    encoded.payload = dto::toJson(tracked).dump();
    encoded.event = messages::makeEnvelope(std::string(types::kInteractionTracked), kEventVersion,
                                           std::string(kSource), tracked.id.str(), nullptr, tracked.receivedAt);
    if (tracked.sagaId)
        encoded.event.correlationId = tracked.sagaId->str();  // the saga this purchase starts
    encoded.message = messages::serialize(encoded.event, encoded.payload);
    return encoded;
}

void recordInteraction(storage::Database& db, const EncodedInteraction& encoded)
{
    const dto::Interaction& interaction = encoded.interaction;
    appendToLog(db, types::kInteractionTracked, encoded.payload, interaction.receivedAt);
    insertReadModel(db, interaction);
    appendJourneySteps(db, interaction);
    adjustProjections(db, interaction, 1);
    events::appendMessageToOutbox(db, encoded.event, encoded.message);
}

std::vector<InteractionId> discardInteractions(storage::Database& db, const InteractionId& conversionId,
                                               const CampaignId& campaignId, std::span<const InteractionId> ids,
                                               const std::string& reason, UtcTime at)
{
    std::vector<InteractionId> changed;
    for (const InteractionId& id : ids) {
        const auto interaction = findInteraction(db, id);
        if (!interaction || interaction->state != domain::InteractionState::Recorded)
            continue;
        markDiscarded(db, id);
        adjustProjections(db, *interaction, -1);
        changed.push_back(id);
    }
    if (!changed.empty())
        appendToLog(db, types::kInteractionsDiscarded,
                    discardedPayload(conversionId, campaignId, changed, reason).dump(), at);
    return changed;
}

json::Json discardedPayload(const InteractionId& conversionId, const std::optional<CampaignId>& campaignId,
                            std::span<const InteractionId> ids, const std::string& reason)
{
    json::Json idList = json::Json::array();
    for (const auto& id : ids)
        idList.push_back(id.str());
    return json::Json{{"conversionId", conversionId.str()},
                      {"campaignId", campaignId ? json::Json(campaignId->str()) : json::Json(nullptr)},
                      {"interactionIds", std::move(idList)},
                      {"reason", reason}};
}

bool orderTracked(storage::Database& db, const CampaignId& campaignId, const std::string& orderId)
{
    auto stmt = db.prepare("SELECT 1 FROM interactions WHERE campaign_id = ? AND order_id = ?");
    stmt.bindAll(campaignId.str(), orderId);
    return stmt.step();
}

Result<RebuildReport> rebuildFromLog(storage::Database& db)
{
    db.exec("DELETE FROM interactions; DELETE FROM journey_steps; DELETE FROM journey_pending;"
            " DELETE FROM daily_stats; DELETE FROM minute_stats; DELETE FROM affiliate_stats;");
    RebuildReport report;
    auto log = db.prepare("SELECT seq, type, payload FROM interaction_log ORDER BY seq");
    while (log.step()) {
        ++report.logEntries;
        const std::int64_t seq = log.int64At(0);
        const std::string type = log.textAt(1);
        auto payload = json::parse(log.textAt(2), 64);
        if (!payload)
            return unreadableLogEntry(seq, payload.error());
        if (type == types::kInteractionTracked) {
            auto interaction = dto::decodeInteraction(*payload);
            if (!interaction)
                return unreadableLogEntry(seq, interaction.error());
            insertReadModel(db, *interaction);
            ++report.interactions;
        } else if (type == types::kInteractionsDiscarded) {
            const json::Json* ids = payload->contains("interactionIds") ? &payload->at("interactionIds") : nullptr;
            if (!ids || !ids->is_array())
                return unreadableLogEntry(seq, Error::validation("interactionIds", "Must be an array"));
            for (const auto& id : *ids) {
                if (!id.is_string())
                    return unreadableLogEntry(seq, Error::validation("interactionIds", "Must hold strings"));
                markDiscarded(db, InteractionId(id.get<std::string>()));
            }
        } else {
            return unreadableLogEntry(seq, Error::validation("type", "Unknown log entry type " + type));
        }
    }
    db.exec(kFillJourneyStepsSql);
    db.exec(R"sql(
INSERT INTO daily_stats(campaign_id, day, type, count)
    SELECT campaign_id, occurred_at / 86400000, type, COUNT(*) FROM interactions WHERE state = 'recorded'
    GROUP BY 1, 2, 3;
INSERT INTO minute_stats(campaign_id, minute, type, count)
    SELECT campaign_id, occurred_at / 60000, type, COUNT(*) FROM interactions WHERE state = 'recorded'
    GROUP BY 1, 2, 3;
INSERT INTO affiliate_stats(affiliate_id, campaign_id, type, count, revenue, currency)
    SELECT affiliate_id, campaign_id, type, COUNT(*), COALESCE(SUM(amount), 0), MAX(currency) FROM interactions
    WHERE state = 'recorded' GROUP BY 1, 2, 3;
)sql");
    return report;
}

dto::Interaction readInteraction(const storage::Statement& row)
{
    dto::Interaction interaction;
    interaction.id = InteractionId(row.textAt(0));
    interaction.type = domain::kInteractionTypes.parse(row.textAt(1)).value_or(domain::InteractionType::View);
    interaction.campaignId = CampaignId(row.textAt(2));
    interaction.affiliateId = AffiliateId(row.textAt(3));
    interaction.userId = row.optionalTextAt(4);
    interaction.anonymousId = row.optionalTextAt(5);
    interaction.ip = row.optionalTextAt(6);
    interaction.userAgent = row.optionalTextAt(7);
    interaction.occurredAt = fromEpochMillis(row.int64At(8));
    interaction.receivedAt = fromEpochMillis(row.int64At(9));
    interaction.context = {row.optionalTextAt(10), row.optionalTextAt(11), row.optionalTextAt(12)};
    dto::Utm utm{row.optionalTextAt(13), row.optionalTextAt(14), row.optionalTextAt(15), row.optionalTextAt(16),
                 row.optionalTextAt(17)};
    if (utm != dto::Utm{})
        interaction.utm = std::move(utm);
    interaction.clickId = row.optionalTextAt(18);
    interaction.orderId = row.optionalTextAt(19);
    if (!row.isNull(20))
        interaction.amount = Money::of(row.int64At(20), row.textAt(21)).value();
    interaction.state =
        domain::kInteractionStates.parse(row.textAt(22)).value_or(domain::InteractionState::Recorded);
    interaction.flags = splitFlags(row.optionalTextAt(23));
    if (auto sagaId = row.optionalTextAt(24))
        interaction.sagaId = SagaId(std::move(*sagaId));
    return interaction;
}

std::optional<dto::Interaction> findInteraction(storage::Database& db, const InteractionId& id)
{
    static const std::string kSelect = "SELECT " + std::string(kInteractionColumns) + " FROM interactions WHERE id = ?";
    auto stmt = db.prepare(kSelect);
    stmt.bind(1, id.str());
    if (!stmt.step())
        return std::nullopt;
    return readInteraction(stmt);
}

}  // namespace alpes::services::tracking
