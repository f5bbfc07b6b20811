#include "bff/services/affiliates/affiliates_service.h"

#include "bff/events/outbox.h"
#include "bff/messages/message_types.h"
#include "bff/services/affiliates/affiliates_migrations.h"
#include "shared/core/uuid.h"

namespace alpes::services::affiliates {
namespace {

namespace types = messages::types;
constexpr int kEventVersion = 1;

constexpr std::string_view kSelect =
    "SELECT id, name, email, kind, platform, followers, category, user_id, state, suspension_reason, created_at,"
    " updated_at FROM affiliates";

dto::Affiliate readAffiliate(const storage::Statement& row)
{
    dto::Affiliate affiliate;
    affiliate.id = AffiliateId(row.textAt(0));
    affiliate.name = row.textAt(1);
    affiliate.email = row.textAt(2);
    affiliate.kind = domain::kAffiliateKinds.parse(row.textAt(3)).value_or(domain::AffiliateKind::Affiliate);
    if (auto platform = row.optionalTextAt(4))
        affiliate.platform = domain::kPlatforms.parse(*platform);
    affiliate.followers = row.int64At(5);
    affiliate.category = row.textAt(6);
    affiliate.userId = row.optionalTextAt(7);
    affiliate.state = domain::kAffiliateStates.parse(row.textAt(8)).value_or(domain::AffiliateState::Pending);
    affiliate.suspensionReason = row.optionalTextAt(9);
    affiliate.createdAt = fromEpochMillis(row.int64At(10));
    affiliate.updatedAt = fromEpochMillis(row.int64At(11));
    return affiliate;
}

std::optional<dto::Affiliate> findAffiliate(storage::Database& db, const AffiliateId& id)
{
    auto stmt = db.prepare(std::string(kSelect) + " WHERE id = ?");
    stmt.bind(1, id.str());
    if (!stmt.step())
        return std::nullopt;
    return readAffiliate(stmt);
}

Error unknownAffiliate(const AffiliateId& id)
{
    return Error::notFound("No partner with id " + id.str());
}

}  // namespace

Result<std::unique_ptr<AffiliatesService>> AffiliatesService::open(const ServiceDatabase::Options& options,
                                                                   events::MessageBus& bus, const Clock& clock)
{
    auto db = ServiceDatabase::open(options, migrations(), bus);
    if (!db)
        return std::move(db).error();
    return std::unique_ptr<AffiliatesService>(new AffiliatesService(std::move(db).value(), clock));
}

AffiliatesService::AffiliatesService(std::unique_ptr<ServiceDatabase> db, const Clock& clock)
    : m_db(std::move(db)), m_clock(clock)
{
}

Result<dto::Affiliate> AffiliatesService::registerAffiliate(const dto::AffiliateRegistration& registration)
{
    return m_db->writer().run([&](storage::Database& db) -> Result<dto::Affiliate> {
        auto taken = db.prepare("SELECT 1 FROM affiliates WHERE email = ?");
        taken.bind(1, registration.email);
        if (taken.step())
            return Error{ErrorCode::Conflict, "A partner with this email is already registered", {},
                         {{"email", "Is already registered"}}};
        dto::Affiliate affiliate;
        affiliate.id = AffiliateId(newUuidV7());
        affiliate.name = registration.name;
        affiliate.email = registration.email;
        affiliate.kind = registration.kind;
        affiliate.platform = registration.platform;
        affiliate.followers = registration.followers;
        affiliate.category = registration.category;
        affiliate.userId = registration.userId;
        affiliate.state = domain::AffiliateState::Pending;
        affiliate.createdAt = affiliate.updatedAt = m_clock.now();
        db.prepare("INSERT INTO affiliates(id, name, email, kind, platform, followers, category, user_id, state,"
                   " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(affiliate.id.str(), affiliate.name, affiliate.email, domain::kAffiliateKinds.name(affiliate.kind),
                     affiliate.platform ? std::optional<std::string_view>(domain::kPlatforms.name(*affiliate.platform))
                                        : std::nullopt,
                     affiliate.followers, affiliate.category, affiliate.userId,
                     domain::kAffiliateStates.name(affiliate.state), toEpochMillis(affiliate.createdAt),
                     toEpochMillis(affiliate.updatedAt))
            .run();
        events::appendToOutbox(db, messages::makeEnvelope(std::string(types::kAffiliateRegistered), kEventVersion,
                                                          std::string(kName), affiliate.id.str(),
                                                          dto::toJson(affiliate), affiliate.createdAt));
        return affiliate;
    });
}

Result<dto::Affiliate> AffiliatesService::approve(const AffiliateId& id)
{
    return changeState(id, AffiliateAction::Approve, std::nullopt);
}

Result<dto::Affiliate> AffiliatesService::suspend(const AffiliateId& id, const std::string& reason)
{
    if (reason.empty() || reason.size() > 500)
        return Error::validation("reason", "A suspension needs a reason of 1 to 500 characters");
    return changeState(id, AffiliateAction::Suspend, reason);
}

Result<dto::Affiliate> AffiliatesService::reinstate(const AffiliateId& id)
{
    return changeState(id, AffiliateAction::Reinstate, std::nullopt);
}

Result<dto::Affiliate> AffiliatesService::changeState(const AffiliateId& id, AffiliateAction action,
                                                      std::optional<std::string> reason)
{
    return m_db->writer().run([&](storage::Database& db) -> Result<dto::Affiliate> {
        auto affiliate = findAffiliate(db, id);
        if (!affiliate)
            return unknownAffiliate(id);
        auto next = transition(affiliate->state, action);
        if (!next)
            return std::move(next).error();
        affiliate->state = *next;
        affiliate->suspensionReason = reason;
        affiliate->updatedAt = m_clock.now();
        db.prepare("UPDATE affiliates SET state = ?, suspension_reason = ?, updated_at = ? WHERE id = ?")
            .bindAll(domain::kAffiliateStates.name(affiliate->state), affiliate->suspensionReason,
                     toEpochMillis(affiliate->updatedAt), id.str())
            .run();
        const std::string_view type = action == AffiliateAction::Approve   ? types::kAffiliateApproved
                                      : action == AffiliateAction::Suspend ? types::kAffiliateSuspended
                                                                           : types::kAffiliateReinstated;
        json::Json payload{{"affiliateId", id.str()}, {"status", domain::kAffiliateStates.name(affiliate->state)}};
        if (reason)
            payload["reason"] = *reason;
        events::appendToOutbox(db, messages::makeEnvelope(std::string(type), kEventVersion, std::string(kName),
                                                          id.str(), std::move(payload), affiliate->updatedAt));
        return *affiliate;
    });
}

Result<dto::Affiliate> AffiliatesService::get(const AffiliateId& id)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<dto::Affiliate> {
        auto affiliate = findAffiliate(db, id);
        if (!affiliate)
            return unknownAffiliate(id);
        return *affiliate;
    });
}

Result<Page<dto::Affiliate>> AffiliatesService::list(const AffiliateFilter& filter, const PageRequest& page)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<Page<dto::Affiliate>> {
        // Newest first; ids are UUID v7, so id order is creation order and a stable cursor.
        auto stmt = db.prepare(std::string(kSelect) +
                               " WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR kind = ?2)"
                               " AND (?3 IS NULL OR instr(lower(name), lower(?3)) > 0 OR instr(email, lower(?3)) > 0)"
                               " AND (?4 IS NULL OR id < ?4) ORDER BY id DESC LIMIT ?5");
        stmt.bind(1, filter.state ? std::optional<std::string_view>(domain::kAffiliateStates.name(*filter.state))
                                  : std::nullopt);
        stmt.bind(2, filter.kind ? std::optional<std::string_view>(domain::kAffiliateKinds.name(*filter.kind))
                                 : std::nullopt);
        stmt.bind(3, filter.query);
        stmt.bind(4, page.after);
        stmt.bind(5, static_cast<std::int64_t>(page.limit + 1));
        std::vector<dto::Affiliate> rows;
        while (stmt.step())
            rows.push_back(readAffiliate(stmt));
        return makePage(std::move(rows), page.limit, [](const dto::Affiliate& a) { return a.id.str(); });
    });
}

}  // namespace alpes::services::affiliates
