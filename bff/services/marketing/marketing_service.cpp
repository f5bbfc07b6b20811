#include "bff/services/marketing/marketing_service.h"

#include "bff/events/outbox.h"
#include "bff/messages/message_types.h"
#include "bff/services/marketing/budget_ledger.h"
#include "bff/services/marketing/marketing_migrations.h"
#include "shared/core/uuid.h"

namespace alpes::services::marketing {
namespace {

namespace types = messages::types;
using domain::CampaignState;
constexpr int kEventVersion = 1;
// ISO 4217's code for "no currency": a release for a campaign marketing does not know has none.
constexpr std::string_view kNoCurrency = "XXX";

Error unknownCampaign(const CampaignId& id)
{
    return Error::notFound("No campaign with id " + id.str());
}

messages::Envelope campaignEvent(std::string_view type, const CampaignId& id, json::Json payload, UtcTime at)
{
    return messages::makeEnvelope(std::string(type), kEventVersion, std::string(MarketingService::kName), id.str(),
                                  std::move(payload), at);
}

// Replies travel in the conversion's key and carry the saga's correlation id.
messages::Envelope replyTo(const messages::Envelope& command, std::string_view type, const ConversionId& conversion,
                           json::Json payload, UtcTime at)
{
    auto reply = messages::makeEnvelope(std::string(type), kEventVersion, std::string(MarketingService::kName),
                                        conversion.str(), std::move(payload), at);
    reply.correlationId = command.correlationId;
    reply.causationId = command.id;
    return reply;
}

std::string_view eventOf(CampaignAction action)
{
    switch (action) {
    case CampaignAction::Activate: return types::kCampaignActivated;
    case CampaignAction::Pause: return types::kCampaignPaused;
    case CampaignAction::Resume: return types::kCampaignResumed;
    case CampaignAction::Finish: return types::kCampaignFinished;
    case CampaignAction::Cancel: return types::kCampaignCancelled;
    }
    return types::kCampaignUpdated;
}

void moveTo(storage::Database& db, dto::Campaign& campaign, CampaignState state, std::string_view eventType,
            UtcTime now)
{
    campaign.state = state;
    campaign.updatedAt = now;
    CampaignRepository(db).update(campaign);
    events::appendToOutbox(db, campaignEvent(eventType, campaign.id,
                                             json::Json{{"campaignId", campaign.id.str()},
                                                        {"state", domain::kCampaignStates.name(state)},
                                                        {"at", formatRfc3339(now)}},
                                             now));
}

// The ledger line for a conversion seen for the first time: reserved when the campaign can take it,
// else the refusal, with the numbers the reply shows.
Result<LedgerEntry> decideReservation(storage::Database& db, const ConversionId& conversion,
                                      const CampaignId& campaignId, const Money& amount, UtcTime now)
{
    LedgerEntry entry{.conversionId = conversion,
                      .campaignId = campaignId,
                      .amount = amount,
                      .spentAfter = amount.zeroLike(),
                      .remainingAfter = amount.zeroLike(),
                      .requestedAt = now};
    const auto campaign = CampaignRepository(db).find(campaignId);
    if (!campaign) {
        entry.state = LedgerState::Refused;
        entry.refusal = BudgetRefusal::CampaignNotActive;
        return entry;
    }
    // The saga prices commissions from marketing's own terms, so another currency is a bug upstream:
    // a handler failure that ends in the dead letters, not a business refusal.
    if (!amount.sameCurrency(campaign->budget))
        return Error::validation("amount.currency", "Must be the campaign's budget currency (" +
                                                        campaign->budget.currency() + ")");
    entry.refusal = refuseReservation(*campaign, amount, now);
    entry.state = entry.refusal ? LedgerState::Refused : LedgerState::Reserved;
    auto spent = entry.refusal ? Result<Money>(campaign->spent) : campaign->spent.plus(amount);
    if (!spent)
        return std::move(spent).error();
    auto remaining = campaign->budget.minus(*spent);
    if (!remaining)
        return std::move(remaining).error();
    entry.spentAfter = *spent;
    entry.remainingAfter = *remaining;
    return entry;
}

// What a ReserveBudget is answered with; derived from the recorded line, so repeats answer the same.
std::pair<std::string_view, json::Json> reservationAnswer(const LedgerEntry& entry)
{
    json::Json payload{{"conversionId", entry.conversionId.str()},
                       {"campaignId", entry.campaignId.str()},
                       {"amount", domain::toJson(entry.amount)},
                       {"remaining", domain::toJson(entry.remainingAfter)}};
    if (entry.refusal) {
        payload["reason"] = kBudgetRefusals.name(*entry.refusal);
        return {types::kBudgetExceeded, std::move(payload)};
    }
    payload["spent"] = domain::toJson(entry.spentAfter);
    return {types::kBudgetReserved, std::move(payload)};
}

}  // namespace

Result<std::unique_ptr<MarketingService>> MarketingService::open(const ServiceDatabase::Options& options,
                                                                 events::MessageBus& bus, const Clock& clock)
{
    auto db = ServiceDatabase::open(options, migrations(), bus);
    if (!db)
        return std::move(db).error();
    return std::unique_ptr<MarketingService>(new MarketingService(std::move(db).value(), clock));
}

MarketingService::MarketingService(std::unique_ptr<ServiceDatabase> db, const Clock& clock)
    : m_db(std::move(db)),
      m_clock(clock),
      m_consumer({.name = std::string(kName),
                  .types = {std::string(types::kAffiliateRegistered), std::string(types::kAffiliateApproved),
                            std::string(types::kAffiliateSuspended), std::string(types::kAffiliateReinstated),
                            std::string(types::kReserveBudget), std::string(types::kReleaseBudget)}},
                 m_db->writer(), m_upcaster,
                 [this](storage::Database& conn, const messages::Envelope& message) { return handle(conn, message); })
{
}

Result<dto::Campaign> MarketingService::create(const dto::CampaignDraft& draft)
{
    const UtcTime now = m_clock.now();
    dto::Campaign campaign;
    campaign.id = CampaignId(newUuidV7());
    campaign.name = draft.name;
    campaign.description = draft.description;
    campaign.brand = draft.brand;
    campaign.kind = draft.kind;
    campaign.startsAt = draft.startsAt;
    campaign.endsAt = draft.endsAt;
    campaign.budget = draft.budget;
    campaign.spent = draft.budget.zeroLike();
    campaign.commission = draft.commission;
    campaign.attribution = draft.attribution;
    campaign.holdPeriodSeconds = draft.holdPeriodSeconds;
    campaign.state = CampaignState::Draft;
    campaign.createdAt = campaign.updatedAt = now;
    if (Status valid = checkCampaign(campaign); !valid)
        return std::move(valid).error();
    return m_db->writer().run([&](storage::Database& db) -> Result<dto::Campaign> {
        CampaignRepository campaigns(db);
        auto brand = campaigns.resolveBrand(draft.brand, now);
        if (!brand)
            return std::move(brand).error();
        campaign.brand = *brand;
        campaigns.insert(campaign);
        events::appendToOutbox(db, campaignEvent(types::kCampaignCreated, campaign.id, dto::toJson(campaign), now));
        return campaign;
    });
}

Result<dto::Campaign> MarketingService::get(const CampaignId& id)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<dto::Campaign> {
        auto campaign = CampaignRepository(db).find(id);
        if (!campaign)
            return unknownCampaign(id);
        return *campaign;
    });
}

Result<Page<dto::Campaign>> MarketingService::list(const CampaignFilter& filter, const PageRequest& page)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<Page<dto::Campaign>> {
        return makePage(CampaignRepository(db).list(filter, page), page.limit,
                        [](const dto::Campaign& c) { return c.id.str(); });
    });
}

Result<dto::Campaign> MarketingService::update(const CampaignId& id, const dto::CampaignPatch& patch)
{
    return m_db->writer().run([&](storage::Database& db) -> Result<dto::Campaign> {
        CampaignRepository campaigns(db);
        const auto current = campaigns.find(id);
        if (!current)
            return unknownCampaign(id);
        const UtcTime now = m_clock.now();
        auto next = applyPatch(*current, patch, now);
        if (!next)
            return std::move(next).error();
        if (patch.brand) {
            auto brand = campaigns.resolveBrand(*patch.brand, now);
            if (!brand)
                return std::move(brand).error();
            next->brand = *brand;
        }
        next->updatedAt = now;
        campaigns.update(*next);
        events::appendToOutbox(db, campaignEvent(types::kCampaignUpdated, id, dto::toJson(*next), now));
        return next;
    });
}

Result<dto::Campaign> MarketingService::activate(const CampaignId& id)
{
    return changeState(id, CampaignAction::Activate);
}

Result<dto::Campaign> MarketingService::pause(const CampaignId& id)
{
    return changeState(id, CampaignAction::Pause);
}

Result<dto::Campaign> MarketingService::resume(const CampaignId& id)
{
    return changeState(id, CampaignAction::Resume);
}

Result<dto::Campaign> MarketingService::finish(const CampaignId& id)
{
    return changeState(id, CampaignAction::Finish);
}

Result<dto::Campaign> MarketingService::cancel(const CampaignId& id)
{
    return changeState(id, CampaignAction::Cancel);
}

Result<dto::Campaign> MarketingService::changeState(const CampaignId& id, CampaignAction action)
{
    return m_db->writer().run([&](storage::Database& db) -> Result<dto::Campaign> {
        auto campaign = CampaignRepository(db).find(id);
        if (!campaign)
            return unknownCampaign(id);
        const UtcTime now = m_clock.now();
        auto next = nextState(*campaign, action, now);
        if (!next)
            return std::move(next).error();
        moveTo(db, *campaign, *next, eventOf(action), now);
        return *campaign;
    });
}

Result<size_t> MarketingService::finishExpired()
{
    return m_db->writer().run([&](storage::Database& db) -> Result<size_t> {
        const UtcTime now = m_clock.now();
        // expired() selects active and paused campaigns only: the states finish is allowed from.
        auto expired = CampaignRepository(db).expired(now);
        for (auto& campaign : expired)
            moveTo(db, campaign, CampaignState::Finished, types::kCampaignFinished, now);
        return expired.size();
    });
}

Result<dto::Campaign> MarketingService::enroll(const CampaignId& id, const std::vector<AffiliateId>& affiliateIds)
{
    if (affiliateIds.empty())
        return Error::validation("affiliateIds", "Must name at least one partner");
    return m_db->writer().run([&](storage::Database& db) -> Result<dto::Campaign> {
        CampaignRepository campaigns(db);
        auto campaign = campaigns.find(id);
        if (!campaign)
            return unknownCampaign(id);
        if (Status open = checkEnrollment(campaign->state); !open)
            return std::move(open).error();
        std::vector<FieldError> unknown;
        for (size_t i = 0; i < affiliateIds.size(); ++i)
            if (!campaigns.knowsAffiliate(affiliateIds[i]))
                unknown.push_back({"affiliateIds[" + std::to_string(i) + "]", "No partner with this id"});
        if (!unknown.empty())
            return Error::validation(std::move(unknown), "Some partners are unknown");
        const UtcTime now = m_clock.now();
        json::Json added = json::Json::array();
        for (const auto& affiliate : affiliateIds) {
            if (!campaigns.enroll(id, affiliate, now))
                continue;
            campaign->affiliateIds.push_back(affiliate);
            added.push_back(affiliate.str());
        }
        if (added.empty())
            return *campaign;
        campaign->updatedAt = now;
        campaigns.update(*campaign);
        events::appendToOutbox(db, campaignEvent(types::kAffiliatesEnrolled, id,
                                                 json::Json{{"campaignId", id.str()}, {"affiliateIds", added}}, now));
        return *campaign;
    });
}

Result<CampaignBudget> MarketingService::budget(const CampaignId& id)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<CampaignBudget> {
        const auto campaign = CampaignRepository(db).find(id);
        if (!campaign)
            return unknownCampaign(id);
        auto remaining = campaign->budget.minus(campaign->spent);
        if (!remaining)
            return std::move(remaining).error();
        return CampaignBudget{campaign->budget, campaign->spent, *remaining};
    });
}

Status MarketingService::handle(storage::Database& db, const messages::Envelope& message)
{
    if (message.type == types::kReserveBudget)
        return reserveBudget(db, message);
    if (message.type == types::kReleaseBudget)
        return releaseBudget(db, message);
    return copyAffiliate(db, message);
}

Status MarketingService::copyAffiliate(storage::Database& db, const messages::Envelope& message)
{
    json::FieldErrors errors;
    json::ObjectReader reader(message.payload, "", errors);
    // AffiliateRegistered carries the whole partner, whose id is "id"; the state changes name it affiliateId.
    const auto id = reader.string(message.type == types::kAffiliateRegistered ? "id" : "affiliateId", true, 1, 200);
    const auto state = reader.enumeration("status", true, domain::kAffiliateStates);
    if (!errors.empty())
        return errors.status();
    CampaignRepository(db).saveAffiliate(AffiliateId(*id), *state, message.occurredAt);
    return {};
}

Status MarketingService::reserveBudget(storage::Database& db, const messages::Envelope& command)
{
    json::FieldErrors errors;
    json::ObjectReader reader(command.payload, "", errors);
    const auto conversionId = reader.string("conversionId", true, 1, 200);
    const auto campaignId = reader.string("campaignId", true, 1, 200);
    const auto amount = reader.money("amount", true);
    if (amount && amount->isNegative())
        reader.fail("amount.amount", "Must not be negative");
    if (!errors.empty())
        return errors.status();
    const ConversionId conversion(*conversionId);
    const UtcTime now = m_clock.now();
    BudgetLedger ledger(db);
    auto entry = ledger.find(conversion);
    if (!entry) {
        auto decided = decideReservation(db, conversion, CampaignId(*campaignId), *amount, now);
        if (!decided)
            return std::move(decided).error();
        ledger.insert(*decided);
        entry = std::move(decided).value();
    }
    auto [type, payload] = reservationAnswer(*entry);
    events::appendToOutbox(db, replyTo(command, type, conversion, std::move(payload), now));
    return {};
}

Status MarketingService::releaseBudget(storage::Database& db, const messages::Envelope& command)
{
    json::FieldErrors errors;
    json::ObjectReader reader(command.payload, "", errors);
    const auto conversionId = reader.string("conversionId", true, 1, 200);
    const auto campaignId = reader.string("campaignId", true, 1, 200);
    if (!errors.empty())
        return errors.status();
    const ConversionId conversion(*conversionId);
    const UtcTime now = m_clock.now();
    BudgetLedger ledger(db);
    const auto entry = ledger.find(conversion);
    CampaignId campaign = entry ? entry->campaignId : CampaignId(*campaignId);
    std::optional<Money> released;
    if (entry && entry->state == LedgerState::Reserved) {
        ledger.markReleased(conversion, now);
        released = entry->amount;
    } else if (entry) {
        released = entry->amount.zeroLike();
    } else if (const auto known = CampaignRepository(db).find(campaign)) {
        released = known->budget.zeroLike();
    } else {
        released = Money::of(0, kNoCurrency).value();
    }
    events::appendToOutbox(db, replyTo(command, types::kBudgetReleased, conversion,
                                       json::Json{{"conversionId", conversion.str()},
                                                  {"campaignId", campaign.str()},
                                                  {"amount", domain::toJson(*released)}},
                                       now));
    return {};
}

}  // namespace alpes::services::marketing
