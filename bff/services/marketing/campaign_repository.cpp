#include "bff/services/marketing/campaign_repository.h"

#include "bff/services/marketing/budget_ledger.h"
#include "bff/services/marketing/stored_values.h"
#include "shared/core/uuid.h"

namespace alpes::services::marketing {
namespace {

constexpr std::string_view kSelect =
    "SELECT c.id, c.name, c.description, c.brand_id, b.name, c.kind, c.starts_at, c.ends_at, c.budget_amount,"
    " c.currency, c.commission_type, c.commission_rate_ppm, c.commission_amount, c.commission_minimum,"
    " c.commission_maximum, c.attribution_model, c.attribution_window_days, c.attribution_half_life_days,"
    " c.hold_period_seconds, c.state, c.created_at, c.updated_at FROM campaigns c JOIN brands b ON b.id = c.brand_id";

std::optional<Money> optionalMoney(const storage::Statement& row, int column, const std::string& currency)
{
    if (auto amount = row.optionalInt64At(column))
        return storedMoney(*amount, currency);
    return std::nullopt;
}

std::optional<std::int64_t> amountOf(const std::optional<Money>& money)
{
    return money ? std::optional<std::int64_t>(money->amount()) : std::nullopt;
}

// Binds ?1..?20 in the column order shared by the INSERT and the UPDATE below.
void bindFields(storage::Statement& stmt, const dto::Campaign& campaign)
{
    const auto& terms = campaign.commission;
    stmt.bindAll(campaign.name, campaign.description,
                 campaign.brand.id ? std::optional<std::string>(campaign.brand.id->str()) : std::nullopt,
                 domain::kCampaignKinds.name(campaign.kind), toEpochMillis(campaign.startsAt),
                 toEpochMillis(campaign.endsAt), campaign.budget.amount(), campaign.budget.currency(),
                 domain::kCommissionTypes.name(terms.type), terms.ratePpm, amountOf(terms.fixedAmount),
                 amountOf(terms.minimum), amountOf(terms.maximum),
                 domain::kAttributionModels.name(campaign.attribution.model), campaign.attribution.windowDays,
                 campaign.attribution.halfLifeDays, campaign.holdPeriodSeconds,
                 domain::kCampaignStates.name(campaign.state), toEpochMillis(campaign.updatedAt), campaign.id.str());
}

}  // namespace

dto::Campaign CampaignRepository::readCampaign(const storage::Statement& row)
{
    const std::string currency = row.textAt(9);
    dto::Campaign campaign;
    campaign.id = CampaignId(row.textAt(0));
    campaign.name = row.textAt(1);
    campaign.description = row.textAt(2);
    campaign.brand = dto::Brand{BrandId(row.textAt(3)), row.textAt(4)};
    campaign.kind = storedEnum(domain::kCampaignKinds, row.textAt(5));
    campaign.startsAt = fromEpochMillis(row.int64At(6));
    campaign.endsAt = fromEpochMillis(row.int64At(7));
    campaign.budget = storedMoney(row.int64At(8), currency);
    campaign.commission.type = storedEnum(domain::kCommissionTypes, row.textAt(10));
    campaign.commission.ratePpm = row.int64At(11);
    campaign.commission.fixedAmount = optionalMoney(row, 12, currency);
    campaign.commission.minimum = optionalMoney(row, 13, currency);
    campaign.commission.maximum = optionalMoney(row, 14, currency);
    campaign.attribution.model = storedEnum(domain::kAttributionModels, row.textAt(15));
    campaign.attribution.windowDays = static_cast<int>(row.int64At(16));
    campaign.attribution.halfLifeDays = row.doubleAt(17);
    campaign.holdPeriodSeconds = row.int64At(18);
    campaign.state = storedEnum(domain::kCampaignStates, row.textAt(19));
    campaign.createdAt = fromEpochMillis(row.int64At(20));
    campaign.updatedAt = fromEpochMillis(row.int64At(21));
    campaign.spent = storedMoney(BudgetLedger(m_db).liveTotal(campaign.id), currency);
    campaign.affiliateIds = enrolled(campaign.id);
    return campaign;
}

std::vector<dto::Campaign> CampaignRepository::readAll(storage::Statement& stmt)
{
    std::vector<dto::Campaign> campaigns;
    while (stmt.step())
        campaigns.push_back(readCampaign(stmt));
    return campaigns;
}

std::optional<dto::Campaign> CampaignRepository::find(const CampaignId& id)
{
    auto stmt = m_db.prepare(std::string(kSelect) + " WHERE c.id = ?");
    stmt.bind(1, id.str());
    if (!stmt.step())
        return std::nullopt;
    return readCampaign(stmt);
}

std::vector<dto::Campaign> CampaignRepository::list(const CampaignFilter& filter, const PageRequest& page)
{
    // Newest first; ids are UUID v7, so id order is creation order and a stable cursor.
    auto stmt = m_db.prepare(std::string(kSelect) +
                             " WHERE (?1 IS NULL OR c.state = ?1) AND (?2 IS NULL OR instr(lower(c.name), lower(?2)) > 0)"
                             " AND (?3 IS NULL OR c.id < ?3) ORDER BY c.id DESC LIMIT ?4");
    stmt.bind(1, filter.state ? std::optional<std::string_view>(domain::kCampaignStates.name(*filter.state))
                              : std::nullopt);
    stmt.bind(2, filter.query);
    stmt.bind(3, page.after);
    stmt.bind(4, static_cast<std::int64_t>(page.limit + 1));
    return readAll(stmt);
}

std::vector<dto::Campaign> CampaignRepository::expired(UtcTime now)
{
    auto stmt = m_db.prepare(std::string(kSelect) + " WHERE c.state IN (?, ?) AND c.ends_at <= ? ORDER BY c.ends_at, c.id");
    stmt.bindAll(domain::kCampaignStates.name(domain::CampaignState::Active),
                 domain::kCampaignStates.name(domain::CampaignState::Paused), toEpochMillis(now));
    return readAll(stmt);
}

void CampaignRepository::insert(const dto::Campaign& campaign)
{
    auto stmt = m_db.prepare(
        "INSERT INTO campaigns(name, description, brand_id, kind, starts_at, ends_at, budget_amount, currency,"
        " commission_type, commission_rate_ppm, commission_amount, commission_minimum, commission_maximum,"
        " attribution_model, attribution_window_days, attribution_half_life_days, hold_period_seconds, state,"
        " updated_at, id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
        " ?17, ?18, ?19, ?20, ?21)");
    bindFields(stmt, campaign);
    stmt.bind(21, toEpochMillis(campaign.createdAt));
    stmt.run();
}

void CampaignRepository::update(const dto::Campaign& campaign)
{
    auto stmt = m_db.prepare(
        "UPDATE campaigns SET name = ?1, description = ?2, brand_id = ?3, kind = ?4, starts_at = ?5, ends_at = ?6,"
        " budget_amount = ?7, currency = ?8, commission_type = ?9, commission_rate_ppm = ?10, commission_amount = ?11,"
        " commission_minimum = ?12, commission_maximum = ?13, attribution_model = ?14, attribution_window_days = ?15,"
        " attribution_half_life_days = ?16, hold_period_seconds = ?17, state = ?18, updated_at = ?19 WHERE id = ?20");
    bindFields(stmt, campaign);
    stmt.run();
}

Result<dto::Brand> CampaignRepository::resolveBrand(const dto::Brand& brand, UtcTime now)
{
    if (brand.id) {
        auto stmt = m_db.prepare("SELECT name FROM brands WHERE id = ?");
        stmt.bind(1, brand.id->str());
        if (!stmt.step())
            return Error::validation("brand.id", "No brand with this id");
        return dto::Brand{brand.id, stmt.textAt(0)};
    }
    dto::Brand created{BrandId(newUuidV7()), brand.name};
    m_db.prepare("INSERT INTO brands(id, name, created_at) VALUES (?, ?, ?)")
        .bindAll(created.id->str(), created.name, toEpochMillis(now))
        .run();
    return created;
}

bool CampaignRepository::knowsAffiliate(const AffiliateId& id)
{
    auto stmt = m_db.prepare("SELECT 1 FROM affiliates WHERE id = ?");
    stmt.bind(1, id.str());
    return stmt.step();
}

void CampaignRepository::saveAffiliate(const AffiliateId& id, domain::AffiliateState state, UtcTime at)
{
    // An older event (a replayed dead letter) never overwrites a newer state.
    m_db.prepare("INSERT INTO affiliates(id, state, updated_at) VALUES (?, ?, ?)"
                 " ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at"
                 " WHERE excluded.updated_at >= affiliates.updated_at")
        .bindAll(id.str(), domain::kAffiliateStates.name(state), toEpochMillis(at))
        .run();
}

bool CampaignRepository::enroll(const CampaignId& campaign, const AffiliateId& affiliate, UtcTime at)
{
    m_db.prepare("INSERT OR IGNORE INTO enrollments(campaign_id, affiliate_id, enrolled_at) VALUES (?, ?, ?)")
        .bindAll(campaign.str(), affiliate.str(), toEpochMillis(at))
        .run();
    return m_db.changes() == 1;
}

std::vector<AffiliateId> CampaignRepository::enrolled(const CampaignId& id)
{
    auto stmt = m_db.prepare("SELECT affiliate_id FROM enrollments WHERE campaign_id = ? ORDER BY rowid");
    stmt.bind(1, id.str());
    std::vector<AffiliateId> ids;
    while (stmt.step())
        ids.emplace_back(stmt.textAt(0));
    return ids;
}

}  // namespace alpes::services::marketing
