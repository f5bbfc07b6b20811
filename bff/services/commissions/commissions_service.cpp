#include "bff/services/commissions/commissions_service.h"

#include "bff/events/outbox.h"
#include "bff/messages/message_types.h"
#include "bff/services/commissions/commission_calculator.h"
#include "bff/services/commissions/commission_messages.h"
#include "bff/services/commissions/commission_rules.h"
#include "bff/services/commissions/commissions_migrations.h"
#include "shared/core/uuid.h"
#include "shared/dto/affiliate.h"
#include "shared/dto/campaign.h"

#include <algorithm>
#include <map>
#include <set>

namespace alpes::services::commissions {
namespace {

namespace types = messages::types;
constexpr int kMessageVersion = 1;

constexpr std::string_view kSelect =
    "SELECT id, conversion_id, campaign_id, affiliate_id, amount, currency, state, reserved_at, confirmed_at,"
    " reverted_at, reason FROM commissions";

struct CampaignCopy {
    std::string currency;
    domain::CommissionTerms terms;
};

struct Reservation {
    CampaignId campaignId;
    std::string currency;
    std::string correlationId;
};

// Rows were validated when written; one that does not read back is corruption, reported like any
// other storage failure.
[[noreturn]] void unreadable(const std::string& what)
{
    throw storage::SqlError(0, "unreadable commissions row: " + what);
}

Money moneyOf(std::int64_t amount, const std::string& currency)
{
    auto money = Money::of(amount, currency);
    if (!money)
        unreadable(money.error().message);
    return std::move(money).value();
}

std::optional<Money> optionalMoneyAt(const storage::Statement& row, int column, const std::string& currency)
{
    const auto amount = row.optionalInt64At(column);
    return amount ? std::optional<Money>(moneyOf(*amount, currency)) : std::nullopt;
}

std::optional<UtcTime> optionalTimeAt(const storage::Statement& row, int column)
{
    const auto millis = row.optionalInt64At(column);
    return millis ? std::optional<UtcTime>(fromEpochMillis(*millis)) : std::nullopt;
}

dto::Commission readCommission(const storage::Statement& row)
{
    dto::Commission commission;
    commission.id = CommissionId(row.textAt(0));
    commission.conversionId = ConversionId(row.textAt(1));
    commission.campaignId = CampaignId(row.textAt(2));
    commission.affiliateId = AffiliateId(row.textAt(3));
    commission.amount = moneyOf(row.int64At(4), row.textAt(5));
    const auto state = domain::kCommissionStates.parse(row.textAt(6));
    if (!state)
        unreadable("state " + row.textAt(6));
    commission.state = *state;
    commission.reservedAt = fromEpochMillis(row.int64At(7));
    commission.confirmedAt = optionalTimeAt(row, 8);
    commission.revertedAt = optionalTimeAt(row, 9);
    commission.reason = row.optionalTextAt(10);
    return commission;
}

std::optional<dto::Commission> findCommission(storage::Database& db, const CommissionId& id)
{
    auto stmt = db.prepare(std::string(kSelect) + " WHERE id = ?");
    stmt.bind(1, id.str());
    if (!stmt.step())
        return std::nullopt;
    return readCommission(stmt);
}

// In creation order (ids are UUID v7), which is the order of the shares they came from.
std::vector<dto::Commission> commissionsOf(storage::Database& db, const ConversionId& conversionId)
{
    auto stmt = db.prepare(std::string(kSelect) + " WHERE conversion_id = ? ORDER BY id");
    stmt.bind(1, conversionId.str());
    std::vector<dto::Commission> rows;
    while (stmt.step())
        rows.push_back(readCommission(stmt));
    return rows;
}

std::optional<Reservation> findReservation(storage::Database& db, const ConversionId& conversionId)
{
    auto stmt = db.prepare("SELECT campaign_id, currency, correlation_id FROM reservations WHERE conversion_id = ?");
    stmt.bind(1, conversionId.str());
    if (!stmt.step())
        return std::nullopt;
    return Reservation{CampaignId(stmt.textAt(0)), stmt.textAt(1), stmt.textAt(2)};
}

std::optional<CampaignCopy> findCampaign(storage::Database& db, const CampaignId& id)
{
    auto stmt = db.prepare("SELECT currency, terms_type, rate_ppm, fixed_amount, minimum_amount, maximum_amount"
                           " FROM campaigns WHERE id = ?");
    stmt.bind(1, id.str());
    if (!stmt.step())
        return std::nullopt;
    CampaignCopy campaign;
    campaign.currency = stmt.textAt(0);
    const auto type = domain::kCommissionTypes.parse(stmt.textAt(1));
    if (!type)
        unreadable("terms type " + stmt.textAt(1));
    campaign.terms.type = *type;
    campaign.terms.ratePpm = stmt.int64At(2);
    campaign.terms.fixedAmount = optionalMoneyAt(stmt, 3, campaign.currency);
    campaign.terms.minimum = optionalMoneyAt(stmt, 4, campaign.currency);
    campaign.terms.maximum = optionalMoneyAt(stmt, 5, campaign.currency);
    return campaign;
}

// The partner's status in commissions' copy; nullopt when it has not heard of the partner.
std::optional<domain::AffiliateState> partnerStatus(storage::Database& db, const AffiliateId& id)
{
    auto stmt = db.prepare("SELECT status FROM affiliates WHERE id = ?");
    stmt.bind(1, id.str());
    if (!stmt.step())
        return std::nullopt;
    return domain::kAffiliateStates.parse(stmt.textAt(0));
}

// The status of each share's partner, read once per command (keyed by affiliate id).
using PartnerStatuses = std::map<std::string, std::optional<domain::AffiliateState>, std::less<>>;

PartnerStatuses partnerStatuses(storage::Database& db, const std::vector<AttributedShare>& shares)
{
    PartnerStatuses statuses;
    for (const auto& share : shares)
        if (!statuses.contains(share.affiliateId.str()))
            statuses.emplace(share.affiliateId.str(), partnerStatus(db, share.affiliateId));
    return statuses;
}

// Unknown or pending in commissions' copy: AffiliateApproved may simply not have arrived yet.
bool mayStillBeApproved(const std::optional<domain::AffiliateState>& status)
{
    return !status || status == domain::AffiliateState::Pending;
}

template <typename Tag>
std::optional<std::string> idText(const std::optional<StrongId<Tag>>& id)
{
    return id ? std::optional<std::string>(id->str()) : std::nullopt;
}

std::optional<std::int64_t> amountOf(const std::optional<Money>& money)
{
    return money ? std::optional<std::int64_t>(money->amount()) : std::nullopt;
}

void markSettled(storage::Database& db, const ConversionId& conversionId, UtcTime now)
{
    db.prepare("UPDATE reservations SET settled_at = ? WHERE conversion_id = ? AND settled_at IS NULL")
        .bindAll(toEpochMillis(now), conversionId.str())
        .run();
}

void markConfirmed(storage::Database& db, dto::Commission& commission, UtcTime now)
{
    commission.state = domain::CommissionState::Confirmed;
    commission.confirmedAt = now;
    db.prepare("UPDATE commissions SET state = ?, confirmed_at = ? WHERE id = ?")
        .bindAll(domain::kCommissionStates.name(commission.state), toEpochMillis(now), commission.id.str())
        .run();
}

void markReverted(storage::Database& db, dto::Commission& commission, const std::string& reason, UtcTime now)
{
    commission.state = domain::CommissionState::Reverted;
    commission.revertedAt = now;
    commission.reason = reason;
    db.prepare("UPDATE commissions SET state = ?, reverted_at = ?, reason = ? WHERE id = ?")
        .bindAll(domain::kCommissionStates.name(commission.state), toEpochMillis(now), reason, commission.id.str())
        .run();
}

std::vector<CommissionId> idsInState(const std::vector<dto::Commission>& rows, domain::CommissionState state)
{
    std::vector<CommissionId> ids;
    for (const auto& row : rows)
        if (row.state == state)
            ids.push_back(row.id);
    return ids;
}

messages::Envelope event(std::string_view type, const ConversionId& conversionId, json::Json payload, UtcTime now)
{
    return messages::makeEnvelope(std::string(type), kMessageVersion, std::string(CommissionsService::kName),
                                  conversionId.str(), std::move(payload), now);
}

// A command's answer belongs to the command's saga and names the command as its cause.
messages::Envelope replyTo(const messages::Envelope& command, std::string_view type,
                           const ConversionId& conversionId, json::Json payload, UtcTime now)
{
    auto reply = event(type, conversionId, std::move(payload), now);
    reply.correlationId = command.correlationId;
    reply.causationId = command.id;
    return reply;
}

// What a reservation holds, as CommissionReserved tells it; the same for every repeat of the command.
Result<CommissionReservedEvent> storedReservation(storage::Database& db, const ConversionId& conversionId,
                                                  const Reservation& reservation)
{
    CommissionReservedEvent reserved{conversionId, reservation.campaignId, moneyOf(0, reservation.currency), {}, {}};
    for (const auto& row : commissionsOf(db, conversionId)) {
        auto total = reserved.total.plus(row.amount);
        if (!total)
            return std::move(total).error();
        reserved.total = std::move(total).value();
        reserved.commissions.push_back({row.id, row.affiliateId, row.amount});
    }
    return reserved;
}

Status storeReservation(storage::Database& db, const ReserveCommissionCommand& command,
                        const CampaignCopy& campaign, const PartnerStatuses& partners,
                        const std::string& correlationId, UtcTime now)
{
    const auto calculated = calculateCommissions(campaign.terms, command.shares);
    if (!calculated)
        return calculated.error();
    db.prepare("INSERT INTO reservations(conversion_id, campaign_id, currency, correlation_id, reserved_at)"
               " VALUES (?, ?, ?, ?, ?)")
        .bindAll(command.conversionId.str(), command.campaignId.str(), campaign.currency, correlationId,
                 toEpochMillis(now))
        .run();
    for (const auto& commission : *calculated) {
        // Nothing to confirm or pay: no row, so lists and stats only show what someone earned.
        if (commission.amount.isZero() || partners.at(commission.affiliateId.str()) != domain::AffiliateState::Active)
            continue;
        db.prepare("INSERT INTO commissions(id, conversion_id, campaign_id, affiliate_id, amount, currency, state,"
                   " reserved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(newUuidV7(), command.conversionId.str(), command.campaignId.str(),
                     commission.affiliateId.str(), commission.amount.amount(), commission.amount.currency(),
                     domain::kCommissionStates.name(domain::CommissionState::Reserved), toEpochMillis(now))
            .run();
    }
    return {};
}

// Tells about commissions confirmed by hand: one CommissionConfirmed per conversion, in the
// conversion's saga so that the saga can follow.
void announceConfirmed(storage::Database& db, const std::vector<dto::Commission>& confirmed, UtcTime now)
{
    std::map<std::string, std::vector<CommissionId>> byConversion;
    for (const auto& commission : confirmed)
        byConversion[commission.conversionId.str()].push_back(commission.id);
    for (auto& [conversion, ids] : byConversion) {
        const ConversionId conversionId(conversion);
        const auto reservation = findReservation(db, conversionId);
        if (!reservation)
            unreadable("commission without reservation for conversion " + conversion);
        auto confirmedEvent = event(types::kCommissionConfirmed, conversionId,
                                    toJson(CommissionConfirmedEvent{conversionId, reservation->campaignId, ids}), now);
        confirmedEvent.correlationId = reservation->correlationId;
        events::appendToOutbox(db, confirmedEvent);
    }
}

Error unknownCommission(const CommissionId& id)
{
    return Error::notFound("No commission with id " + id.str());
}

}  // namespace

Result<std::unique_ptr<CommissionsService>> CommissionsService::open(const ServiceDatabase::Options& options,
                                                                     events::MessageBus& bus, const Clock& clock)
{
    auto db = ServiceDatabase::open(options, migrations(), bus);
    if (!db)
        return std::move(db).error();
    return std::unique_ptr<CommissionsService>(new CommissionsService(std::move(db).value(), clock));
}

CommissionsService::CommissionsService(std::unique_ptr<ServiceDatabase> db, const Clock& clock)
    : m_db(std::move(db)),
      m_clock(clock),
      m_consumer(consumerOptions(), m_db->writer(), m_upcaster,
                 [this](storage::Database& writerDb, const messages::Envelope& message) {
                     return apply(writerDb, message);
                 })
{
}

std::span<const CommissionsService::Route> CommissionsService::routes()
{
    static constexpr Route kRoutes[] = {
        {types::kCampaignCreated, &CommissionsService::onCampaign},
        {types::kCampaignUpdated, &CommissionsService::onCampaign},
        {types::kAffiliateRegistered, &CommissionsService::onAffiliateRegistered},
        {types::kAffiliateApproved, &CommissionsService::onAffiliateStatusChanged},
        {types::kAffiliateSuspended, &CommissionsService::onAffiliateStatusChanged},
        {types::kAffiliateReinstated, &CommissionsService::onAffiliateStatusChanged},
        {types::kReserveCommission, &CommissionsService::onReserveCommission},
        {types::kConfirmCommission, &CommissionsService::onConfirmCommission},
        {types::kRevertCommission, &CommissionsService::onRevertCommission},
    };
    return kRoutes;
}

events::Consumer::Options CommissionsService::consumerOptions()
{
    events::Consumer::Options options{.name = std::string(kName)};
    for (const Route& route : routes())
        options.types.emplace(route.type);
    return options;
}

Status CommissionsService::apply(storage::Database& db, const messages::Envelope& message)
{
    for (const Route& route : routes())
        if (route.type == message.type)
            return (this->*route.handler)(db, message);
    return Error::internal("commissions has no handler for " + message.type);
}

Status CommissionsService::onCampaign(storage::Database& db, const messages::Envelope& message)
{
    const auto campaign = dto::decodeCampaign(message.payload);
    if (!campaign)
        return campaign.error();
    const auto& terms = campaign->commission;
    // A redelivered older version must not overwrite a newer copy.
    db.prepare("INSERT INTO campaigns(id, currency, terms_type, rate_ppm, fixed_amount, minimum_amount, maximum_amount,"
               " hold_period_seconds, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
               " ON CONFLICT(id) DO UPDATE SET currency = excluded.currency, terms_type = excluded.terms_type,"
               " rate_ppm = excluded.rate_ppm, fixed_amount = excluded.fixed_amount,"
               " minimum_amount = excluded.minimum_amount, maximum_amount = excluded.maximum_amount,"
               " hold_period_seconds = excluded.hold_period_seconds, updated_at = excluded.updated_at"
               " WHERE excluded.updated_at >= campaigns.updated_at")
        .bindAll(campaign->id.str(), campaign->budget.currency(), domain::kCommissionTypes.name(terms.type),
                 terms.ratePpm, amountOf(terms.fixedAmount), amountOf(terms.minimum), amountOf(terms.maximum),
                 campaign->holdPeriodSeconds, toEpochMillis(campaign->updatedAt))
        .run();
    return {};
}

Status CommissionsService::onAffiliateRegistered(storage::Database& db, const messages::Envelope& message)
{
    const auto affiliate = dto::decodeAffiliate(message.payload);
    if (!affiliate)
        return affiliate.error();
    // Registration is a partner's first event: a status already known came from a later one.
    db.prepare("INSERT INTO affiliates(id, status) VALUES (?, ?) ON CONFLICT(id) DO NOTHING")
        .bindAll(affiliate->id.str(), domain::kAffiliateStates.name(affiliate->state))
        .run();
    return {};
}

Status CommissionsService::onAffiliateStatusChanged(storage::Database& db, const messages::Envelope& message)
{
    const auto change = decodeAffiliateStatusChange(message.payload);
    if (!change)
        return change.error();
    db.prepare("INSERT INTO affiliates(id, status) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status")
        .bindAll(change->affiliateId.str(), domain::kAffiliateStates.name(change->status))
        .run();
    return {};
}

Status CommissionsService::onReserveCommission(storage::Database& db, const messages::Envelope& message)
{
    const auto command = decodeReserveCommission(message.payload);
    if (!command)
        return command.error();
    const UtcTime now = m_clock.now();
    auto reservation = findReservation(db, command->conversionId);
    if (!reservation) {
        const auto campaign = findCampaign(db, command->campaignId);
        const bool reservable =
            campaign && std::all_of(command->shares.begin(), command->shares.end(), [&](const AttributedShare& s) {
                return s.amount.currency() == campaign->currency;
            });
        const PartnerStatuses partners = reservable ? partnerStatuses(db, command->shares) : PartnerStatuses{};
        const bool awaitingPartner =
            !command->final && std::any_of(partners.begin(), partners.end(),
                                           [](const auto& partner) { return mayStillBeApproved(partner.second); });
        if (!reservable || awaitingPartner) {
            // Nothing is stored: once the copy or the data is right, the same command reserves normally.
            const std::string& currency = campaign ? campaign->currency : command->shares.front().amount.currency();
            const std::string_view reason = !campaign        ? kReasonUnknownCampaign
                                            : awaitingPartner ? kReasonAwaitingPartner
                                                              : kReasonCurrencyMismatch;
            const CommissionReservedEvent refused{command->conversionId, command->campaignId, moneyOf(0, currency),
                                                  {}, std::string(reason)};
            events::appendToOutbox(db, replyTo(message, types::kCommissionReserved, command->conversionId,
                                               toJson(refused), now));
            return {};
        }
        if (Status stored = storeReservation(db, *command, *campaign, partners, message.correlationId, now); !stored)
            return stored;
        reservation = Reservation{command->campaignId, campaign->currency, message.correlationId};
    }
    const auto reserved = storedReservation(db, command->conversionId, *reservation);
    if (!reserved)
        return reserved.error();
    events::appendToOutbox(
        db, replyTo(message, types::kCommissionReserved, command->conversionId, toJson(*reserved), now));
    return {};
}

Status CommissionsService::onConfirmCommission(storage::Database& db, const messages::Envelope& message)
{
    const auto command = decodeConfirmCommission(message.payload);
    if (!command)
        return command.error();
    const UtcTime now = m_clock.now();
    const auto reservation = findReservation(db, command->conversionId);
    auto rows = commissionsOf(db, command->conversionId);
    for (auto& row : rows)
        if (transition(row.state, CommissionAction::Confirm))
            markConfirmed(db, row, now);
    markSettled(db, command->conversionId, now);
    const CommissionConfirmedEvent confirmed{
        command->conversionId, reservation ? std::optional<CampaignId>(reservation->campaignId) : std::nullopt,
        idsInState(rows, domain::CommissionState::Confirmed)};
    events::appendToOutbox(
        db, replyTo(message, types::kCommissionConfirmed, command->conversionId, toJson(confirmed), now));
    return {};
}

Status CommissionsService::onRevertCommission(storage::Database& db, const messages::Envelope& message)
{
    const auto command = decodeRevertCommission(message.payload);
    if (!command)
        return command.error();
    const UtcTime now = m_clock.now();
    const auto reservation = findReservation(db, command->conversionId);
    auto rows = commissionsOf(db, command->conversionId);
    // A repeat answers with the reason the commissions were reverted for, not the repeat's.
    std::optional<std::string> storedReason;
    for (auto& row : rows) {
        if (transition(row.state, CommissionAction::Revert))
            markReverted(db, row, command->reason, now);
        else if (!storedReason)
            storedReason = row.reason;
    }
    markSettled(db, command->conversionId, now);
    const CommissionRevertedEvent reverted{
        command->conversionId, reservation ? std::optional<CampaignId>(reservation->campaignId) : std::nullopt,
        idsInState(rows, domain::CommissionState::Reverted), storedReason.value_or(command->reason)};
    events::appendToOutbox(
        db, replyTo(message, types::kCommissionReverted, command->conversionId, toJson(reverted), now));
    return {};
}

Result<dto::Commission> CommissionsService::get(const CommissionId& id)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<dto::Commission> {
        auto commission = findCommission(db, id);
        if (!commission)
            return unknownCommission(id);
        return *commission;
    });
}

Result<Page<dto::Commission>> CommissionsService::list(const CommissionFilter& filter, const PageRequest& page)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<Page<dto::Commission>> {
        // Newest first; ids are UUID v7, so id order is creation order and a stable cursor. The
        // leading term picks the index to walk, the others filter what it yields (as in
        // listInteractions): one cached statement per shape.
        const std::string_view leading = filter.campaignId    ? "campaign_id = ?2"
                                         : filter.affiliateId ? "affiliate_id = ?3"
                                         : filter.state       ? "state = ?1"
                                                              : "1";
        auto stmt = db.prepare(std::string(kSelect) + " WHERE " + std::string(leading) +
                               " AND (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR campaign_id = ?2)"
                               " AND (?3 IS NULL OR affiliate_id = ?3) AND (?4 IS NULL OR id < ?4)"
                               " ORDER BY id DESC LIMIT ?5");
        stmt.bind(1, filter.state ? std::optional<std::string_view>(domain::kCommissionStates.name(*filter.state))
                                  : std::nullopt);
        stmt.bind(2, idText(filter.campaignId));
        stmt.bind(3, idText(filter.affiliateId));
        stmt.bind(4, page.after);
        stmt.bind(5, static_cast<std::int64_t>(page.limit + 1));
        std::vector<dto::Commission> rows;
        while (stmt.step())
            rows.push_back(readCommission(stmt));
        return makePage(std::move(rows), page.limit, [](const dto::Commission& c) { return c.id.str(); });
    });
}

Result<dto::Commission> CommissionsService::confirm(const CommissionId& id)
{
    return m_db->writer().run([&](storage::Database& db) -> Result<dto::Commission> {
        auto commission = findCommission(db, id);
        if (!commission)
            return unknownCommission(id);
        if (auto next = transition(commission->state, CommissionAction::Confirm); !next)
            return std::move(next).error();
        const UtcTime now = m_clock.now();
        markConfirmed(db, *commission, now);
        announceConfirmed(db, {*commission}, now);
        return *commission;
    });
}

Result<dto::ConfirmBatchResult> CommissionsService::confirmBatch(std::span<const CommissionId> ids)
{
    // One transaction per batch: the bound keeps it short for the other writers.
    if (ids.size() > dto::kMaxConfirmBatchIds)
        return Error::validation("ids", "Must hold at most " + std::to_string(dto::kMaxConfirmBatchIds) + " ids");
    return m_db->writer().run(
        [&](storage::Database& db) -> Result<dto::ConfirmBatchResult> { return confirmEach(db, ids); });
}

Result<dto::ConfirmBatchResult> CommissionsService::confirmOlderThan(UtcTime cutoff)
{
    return m_db->writer().run([&](storage::Database& db) -> Result<dto::ConfirmBatchResult> {
        auto stmt = db.prepare("SELECT id FROM commissions WHERE state = ? AND reserved_at < ? ORDER BY id");
        stmt.bindAll(domain::kCommissionStates.name(domain::CommissionState::Reserved), toEpochMillis(cutoff));
        std::vector<CommissionId> ids;
        while (stmt.step())
            ids.emplace_back(stmt.textAt(0));
        return confirmEach(db, ids);
    });
}

dto::ConfirmBatchResult CommissionsService::confirmEach(storage::Database& db, std::span<const CommissionId> ids)
{
    const UtcTime now = m_clock.now();
    dto::ConfirmBatchResult result;
    std::vector<dto::Commission> confirmed;
    std::set<CommissionId> seen;
    for (const auto& id : ids) {
        if (!seen.insert(id).second)
            continue;  // a repeated id is one request to confirm it
        auto commission = findCommission(db, id);
        if (!commission) {
            result.skipped.push_back({id, "not_found"});
            continue;
        }
        if (!transition(commission->state, CommissionAction::Confirm)) {
            result.skipped.push_back({id, "already_" + std::string(domain::kCommissionStates.name(commission->state))});
            continue;
        }
        markConfirmed(db, *commission, now);
        result.confirmed.push_back(id);
        confirmed.push_back(std::move(*commission));
    }
    announceConfirmed(db, confirmed, now);
    return result;
}

Result<dto::CommissionStats> CommissionsService::stats(const CommissionStatsFilter& filter)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<dto::CommissionStats> {
        // From the running totals (migration 3), not from every commission; the leading term picks
        // the key or index to walk, as in list().
        const std::string_view leading = filter.campaignId    ? "campaign_id = ?1"
                                         : filter.affiliateId ? "affiliate_id = ?2"
                                                              : "1";
        auto stmt = db.prepare("SELECT state, currency, SUM(count), SUM(amount) FROM commission_stats WHERE " +
                               std::string(leading) +
                               " AND (?1 IS NULL OR campaign_id = ?1) AND (?2 IS NULL OR affiliate_id = ?2)"
                               " GROUP BY state, currency HAVING SUM(count) > 0 ORDER BY state, currency");
        stmt.bind(1, idText(filter.campaignId));
        stmt.bind(2, idText(filter.affiliateId));
        dto::CommissionStats stats;
        while (stmt.step()) {
            const auto state = domain::kCommissionStates.parse(stmt.textAt(0));
            if (!state)
                unreadable("state " + stmt.textAt(0));
            auto& totals = stats.of(*state);
            totals.count += stmt.int64At(2);
            totals.amounts.push_back(moneyOf(stmt.int64At(3), stmt.textAt(1)));
        }
        return stats;
    });
}

Result<std::vector<ConversionId>> CommissionsService::dueForConfirmation(size_t limit)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<std::vector<ConversionId>> {
        // The campaign's current hold period counts, so shortening it (a demo) applies at once.
        auto stmt = db.prepare("SELECT r.conversion_id FROM reservations r JOIN campaigns c ON c.id = r.campaign_id"
                               " WHERE r.settled_at IS NULL AND r.reserved_at + c.hold_period_seconds * 1000 <= ?"
                               " ORDER BY r.reserved_at, r.conversion_id LIMIT ?");
        stmt.bindAll(toEpochMillis(m_clock.now()), static_cast<std::int64_t>(limit));
        std::vector<ConversionId> due;
        while (stmt.step())
            due.emplace_back(stmt.textAt(0));
        return due;
    });
}

}  // namespace alpes::services::commissions
