#include "bff/services/tracking/conversion_handlers.h"

#include "bff/events/outbox.h"
#include "bff/messages/message_types.h"
#include "bff/services/tracking/interaction_store.h"
#include "bff/services/tracking/journey_builder.h"
#include "bff/services/tracking/reference_copies.h"

namespace alpes::services::tracking {
namespace {

namespace types = messages::types;

constexpr int kEventVersion = 1;
constexpr std::string_view kSource = "tracking";
constexpr size_t kMaxReasonLength = 500;

struct AttributeCommand {
    ConversionId conversionId;
    // Whether this attempt must decide with the copies as they stand; absent in a sender that does not
    // retry (and in every message before the field existed): such a command decides at once.
    bool final = true;
};

struct DiscardCommand {
    ConversionId conversionId;
    std::string reason;
};

Result<ConversionId> readConversionId(const messages::Envelope& command)
{
    json::FieldErrors errors;
    json::ObjectReader reader(command.payload, "", errors);
    const auto id = reader.string("conversionId", true, 1, 200);
    if (!errors.empty())
        return errors.status().error();
    return ConversionId(*id);
}

Result<AttributeCommand> readAttributeCommand(const messages::Envelope& command)
{
    json::FieldErrors errors;
    json::ObjectReader reader(command.payload, "", errors);
    const auto id = reader.string("conversionId", true, 1, 200);
    const auto final = reader.boolean("final", false);
    if (!errors.empty())
        return errors.status().error();
    return AttributeCommand{ConversionId(*id), final.value_or(true)};
}

Result<DiscardCommand> readDiscardCommand(const messages::Envelope& command)
{
    json::FieldErrors errors;
    json::ObjectReader reader(command.payload, "", errors);
    const auto id = reader.string("conversionId", true, 1, 200);
    const auto reason = reader.string("reason", true, 1, kMaxReasonLength);
    if (!errors.empty())
        return errors.status().error();
    return DiscardCommand{ConversionId(*id), *reason};
}

void reply(storage::Database& db, const messages::Envelope& command, std::string_view type,
           const ConversionId& conversionId, json::Json payload, UtcTime at)
{
    auto event = messages::makeEnvelope(std::string(type), kEventVersion, std::string(kSource), conversionId.str(),
                                        std::move(payload), at);
    event.correlationId = command.correlationId;
    event.causationId = command.id;
    events::appendToOutbox(db, event);
}

std::optional<dto::Interaction> findPurchase(storage::Database& db, const ConversionId& id)
{
    auto interaction = findInteraction(db, id);
    if (!interaction || interaction->type != domain::InteractionType::Purchase)
        return std::nullopt;
    return interaction;
}

json::Json moneyJson(const std::optional<Money>& money)
{
    return money ? domain::toJson(*money) : json::Json(nullptr);
}

json::Json outcomePayload(const ConversionView& view)
{
    const dto::Interaction& purchase = view.purchase;
    json::Json payload{{"conversionId", purchase.id.str()},
                       {"campaignId", purchase.campaignId.str()},
                       {"orderId", purchase.orderId ? json::Json(*purchase.orderId) : json::Json(nullptr)},
                       {"amount", moneyJson(purchase.amount)}};
    if (view.outcome == AttributionOutcome::Unattributed) {
        payload["reason"] = view.reason.value_or("");
        return payload;
    }
    if (view.outcome == AttributionOutcome::Fraud) {
        payload["rule"] = view.fraud ? kFraudRules.name(view.fraud->rule) : "";
        payload["detail"] = view.fraud ? view.fraud->detail : "";
        return payload;
    }
    json::Json shares = json::Json::array();
    for (const auto& share : view.shares)
        shares.push_back({{"affiliateId", share.affiliateId.str()},
                          {"weight", share.weight},
                          {"amount", domain::toJson(share.amount)}});
    json::Json touchpointIds = json::Json::array();
    for (const auto& touchpoint : view.touchpoints)
        touchpointIds.push_back(touchpoint.touchpoint.interactionId.str());
    payload["model"] = view.model ? domain::kAttributionModels.name(*view.model) : "";
    payload["shares"] = std::move(shares);
    payload["touchpointIds"] = std::move(touchpointIds);
    return payload;
}

void ensureConversionRow(storage::Database& db, const dto::Interaction& purchase)
{
    db.prepare("INSERT INTO conversions(conversion_id, campaign_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
        .bindAll(purchase.id.str(), purchase.campaignId.str())
        .run();
}

void storeUnattributed(storage::Database& db, const dto::Interaction& purchase, std::string_view reason,
                       UtcTime at)
{
    ensureConversionRow(db, purchase);
    db.prepare("UPDATE conversions SET outcome = ?, reason = ?, attributed_at = ? WHERE conversion_id = ?")
        .bindAll(kAttributionOutcomes.name(AttributionOutcome::Unattributed), reason, toEpochMillis(at),
                 purchase.id.str())
        .run();
}

void storeFraud(storage::Database& db, const dto::Interaction& purchase, const FraudVerdict& verdict, UtcTime at)
{
    ensureConversionRow(db, purchase);
    db.prepare("UPDATE conversions SET outcome = ?, fraud_rule = ?, fraud_detail = ?, attributed_at = ?"
               " WHERE conversion_id = ?")
        .bindAll(kAttributionOutcomes.name(AttributionOutcome::Fraud), kFraudRules.name(verdict.rule), verdict.detail,
                 toEpochMillis(at), purchase.id.str())
        .run();
}

void storeAttributed(storage::Database& db, const dto::Interaction& purchase, domain::AttributionModel model,
                     const Attribution& attribution, UtcTime at)
{
    ensureConversionRow(db, purchase);
    db.prepare("UPDATE conversions SET outcome = ?, model = ?, attributed_at = ? WHERE conversion_id = ?")
        .bindAll(kAttributionOutcomes.name(AttributionOutcome::Attributed), domain::kAttributionModels.name(model),
                 toEpochMillis(at), purchase.id.str())
        .run();
    for (size_t i = 0; i < attribution.touchpoints.size(); ++i) {
        const auto& [touchpoint, weight] = attribution.touchpoints[i];
        db.prepare("INSERT INTO journey_touchpoints(conversion_id, position, interaction_id, affiliate_id,"
                   " occurred_at, weight) VALUES (?, ?, ?, ?, ?, ?)")
            .bindAll(purchase.id.str(), static_cast<std::int64_t>(i), touchpoint.interactionId.str(),
                     touchpoint.affiliateId.str(), toEpochMillis(touchpoint.occurredAt), weight)
            .run();
    }
    for (size_t i = 0; i < attribution.shares.size(); ++i) {
        const auto& share = attribution.shares[i];
        db.prepare("INSERT INTO attribution_shares(conversion_id, position, affiliate_id, weight, amount, currency)"
                   " VALUES (?, ?, ?, ?, ?, ?)")
            .bindAll(purchase.id.str(), static_cast<std::int64_t>(i), share.affiliateId.str(), share.weight,
                     share.amount.amount(), share.amount.currency())
            .run();
    }
}

// Tracking's copy of the purchase's campaign may simply not have heard of its creation or activation
// yet: unknown, or still a draft although the purchase fell inside the campaign's dates.
bool campaignCopyMayBeBehind(storage::Database& db, const dto::Interaction& purchase)
{
    if (purchase.state == domain::InteractionState::Discarded)
        return false;
    const auto campaign = findCampaignCopy(db, purchase.campaignId);
    return !campaign || (campaign->state == domain::CampaignState::Draft && purchase.occurredAt >= campaign->startsAt &&
                         purchase.occurredAt < campaign->endsAt);
}

// Decides once what a purchase earns and stores it; later commands answer from what is stored.
void decideAttribution(storage::Database& db, const dto::Interaction& purchase, const FraudRules& rules, UtcTime now)
{
    if (purchase.state == domain::InteractionState::Discarded)
        return storeUnattributed(db, purchase, kReasonConversionDiscarded, now);
    // The campaign's state is judged now, not from the ingest flag: a purchase that raced the
    // campaign's activation event is attributed as long as the purchase fell inside the dates.
    const auto campaign = findCampaignCopy(db, purchase.campaignId);
    if (!campaign || !acceptsConversions(*campaign, purchase.occurredAt))
        return storeUnattributed(db, purchase, kReasonCampaignNotActive, now);
    const auto journey = buildJourney(db, purchase, *campaign);
    // Judged before the model, so that a fraud without touchpoints (self-referral, velocity) is caught too.
    if (const auto verdict = judgeFraud(purchase, gatherFraudFacts(db, purchase, journey), rules))
        return storeFraud(db, purchase, *verdict, now);
    const auto attribution = attribute(campaign->attribution, journey, purchase.occurredAt, purchase.amount.value());
    if (attribution.shares.empty())
        return storeUnattributed(db, purchase, kReasonNoTouchpoints, now);
    storeAttributed(db, purchase, campaign->attribution.model, attribution, now);
}

// The interactions a discard takes: the attributed journey as stored, otherwise the journey as it
// stands now (the conversion may be discarded before it was ever attributed), then the purchase.
std::vector<InteractionId> journeyToDiscard(storage::Database& db, const ConversionView& view)
{
    std::vector<InteractionId> ids;
    if (view.outcome == AttributionOutcome::Attributed) {
        for (const auto& touchpoint : view.touchpoints)
            ids.push_back(touchpoint.touchpoint.interactionId);
    } else if (const auto campaign = findCampaignCopy(db, view.purchase.campaignId)) {
        for (const auto& touchpoint : buildJourney(db, view.purchase, *campaign))
            ids.push_back(touchpoint.interactionId);
    }
    ids.push_back(view.purchase.id);
    return ids;
}

std::optional<UtcTime> optionalTime(const storage::Statement& row, int column)
{
    if (row.isNull(column))
        return std::nullopt;
    return fromEpochMillis(row.int64At(column));
}

}  // namespace

Status attributeConversion(storage::Database& db, const messages::Envelope& command, const Clock& clock,
                           const FraudRules& rules)
{
    const auto attribute = readAttributeCommand(command);
    if (!attribute)
        return attribute.error();
    const ConversionId& conversionId = attribute->conversionId;
    const UtcTime now = clock.now();
    auto view = loadConversion(db, conversionId);
    if (!view) {
        reply(db, command, types::kConversionUnattributed, conversionId,
              json::Json{{"conversionId", conversionId.str()},
                         {"campaignId", nullptr},
                         {"orderId", nullptr},
                         {"amount", nullptr},
                         {"reason", kReasonUnknownConversion}},
              now);
        return {};
    }
    if (!view->outcome && !attribute->final && campaignCopyMayBeBehind(db, view->purchase)) {
        ConversionView waiting = *view;
        waiting.outcome = AttributionOutcome::Unattributed;
        waiting.reason = std::string(kReasonAwaitingCampaign);
        reply(db, command, types::kConversionUnattributed, conversionId, outcomePayload(waiting), now);
        return {};
    }
    if (!view->outcome) {
        decideAttribution(db, view->purchase, rules, now);
        view = loadConversion(db, conversionId);
    }
    const std::string_view type = view->outcome == AttributionOutcome::Attributed ? types::kConversionAttributed
                                  : view->outcome == AttributionOutcome::Fraud    ? types::kFraudDetected
                                                                                  : types::kConversionUnattributed;
    reply(db, command, type, conversionId, outcomePayload(*view), now);
    return {};
}

Status revertAttribution(storage::Database& db, const messages::Envelope& command, const Clock& clock)
{
    const auto conversionId = readConversionId(command);
    if (!conversionId)
        return conversionId.error();
    const UtcTime now = clock.now();
    const auto purchase = findPurchase(db, *conversionId);
    bool reverted = false;
    if (purchase) {
        db.prepare("UPDATE conversions SET reverted_at = ? WHERE conversion_id = ? AND outcome = ?"
                   " AND reverted_at IS NULL")
            .bindAll(toEpochMillis(now), conversionId->str(), kAttributionOutcomes.name(AttributionOutcome::Attributed))
            .run();
        auto stmt = db.prepare("SELECT reverted_at IS NOT NULL FROM conversions WHERE conversion_id = ?");
        stmt.bind(1, conversionId->str());
        reverted = stmt.step() && stmt.int64At(0) != 0;
    }
    reply(db, command, types::kAttributionReverted, *conversionId,
          json::Json{{"conversionId", conversionId->str()},
                     {"campaignId", purchase ? json::Json(purchase->campaignId.str()) : json::Json(nullptr)},
                     {"reverted", reverted}},
          now);
    return {};
}

Status discardConversionInteractions(storage::Database& db, const messages::Envelope& command, const Clock& clock)
{
    const auto discard = readDiscardCommand(command);
    if (!discard)
        return discard.error();
    const UtcTime now = clock.now();
    auto view = loadConversion(db, discard->conversionId);
    if (!view) {
        reply(db, command, types::kInteractionsDiscarded, discard->conversionId,
              discardedPayload(discard->conversionId, std::nullopt, {}, discard->reason), now);
        return {};
    }
    if (!view->discardedAt) {
        const auto discarded = discardInteractions(db, discard->conversionId, view->purchase.campaignId,
                                                   journeyToDiscard(db, *view), discard->reason, now);
        ensureConversionRow(db, view->purchase);
        for (size_t i = 0; i < discarded.size(); ++i)
            db.prepare("INSERT INTO discarded_interactions(conversion_id, position, interaction_id) VALUES (?, ?, ?)")
                .bindAll(discard->conversionId.str(), static_cast<std::int64_t>(i), discarded[i].str())
                .run();
        db.prepare("UPDATE conversions SET discarded_at = ?, discard_reason = ? WHERE conversion_id = ?")
            .bindAll(toEpochMillis(now), discard->reason, discard->conversionId.str())
            .run();
        view = loadConversion(db, discard->conversionId);
    }
    reply(db, command, types::kInteractionsDiscarded, discard->conversionId,
          discardedPayload(discard->conversionId, view->purchase.campaignId, view->discardedIds,
                           view->discardReason.value_or(discard->reason)),
          now);
    return {};
}

std::optional<ConversionView> loadConversion(storage::Database& db, const ConversionId& id)
{
    auto purchase = findPurchase(db, id);
    if (!purchase)
        return std::nullopt;
    ConversionView view;
    view.purchase = std::move(*purchase);
    {
        auto stmt = db.prepare("SELECT outcome, reason, model, attributed_at, reverted_at, discarded_at,"
                               " discard_reason, fraud_rule, fraud_detail FROM conversions WHERE conversion_id = ?");
        stmt.bind(1, id.str());
        if (stmt.step()) {
            if (auto outcome = stmt.optionalTextAt(0))
                view.outcome = kAttributionOutcomes.parse(*outcome);
            view.reason = stmt.optionalTextAt(1);
            if (auto model = stmt.optionalTextAt(2))
                view.model = domain::kAttributionModels.parse(*model);
            view.attributedAt = optionalTime(stmt, 3);
            view.revertedAt = optionalTime(stmt, 4);
            view.discardedAt = optionalTime(stmt, 5);
            view.discardReason = stmt.optionalTextAt(6);
            if (const auto rule = stmt.optionalTextAt(7))
                if (const auto fired = kFraudRules.parse(*rule))
                    view.fraud = FraudVerdict{*fired, stmt.optionalTextAt(8).value_or("")};
        }
    }
    {
        auto stmt = db.prepare("SELECT interaction_id, affiliate_id, occurred_at, weight FROM journey_touchpoints"
                               " WHERE conversion_id = ? ORDER BY position");
        stmt.bind(1, id.str());
        while (stmt.step())
            view.touchpoints.push_back({{InteractionId(stmt.textAt(0)), AffiliateId(stmt.textAt(1)),
                                         fromEpochMillis(stmt.int64At(2))},
                                        stmt.doubleAt(3)});
    }
    {
        auto stmt = db.prepare("SELECT affiliate_id, weight, amount, currency FROM attribution_shares"
                               " WHERE conversion_id = ? ORDER BY position");
        stmt.bind(1, id.str());
        while (stmt.step())
            view.shares.push_back({AffiliateId(stmt.textAt(0)), stmt.doubleAt(1),
                                   Money::of(stmt.int64At(2), stmt.textAt(3)).value()});
    }
    {
        auto stmt = db.prepare("SELECT interaction_id FROM discarded_interactions WHERE conversion_id = ?"
                               " ORDER BY position");
        stmt.bind(1, id.str());
        while (stmt.step())
            view.discardedIds.emplace_back(stmt.textAt(0));
    }
    return view;
}

}  // namespace alpes::services::tracking
