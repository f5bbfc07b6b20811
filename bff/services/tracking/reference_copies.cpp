#include "bff/services/tracking/reference_copies.h"

#include "shared/dto/affiliate.h"
#include "shared/dto/campaign.h"

namespace alpes::services::tracking {

bool acceptsConversions(const CampaignCopy& campaign, UtcTime at)
{
    return campaign.state == domain::CampaignState::Active && at >= campaign.startsAt && at < campaign.endsAt;
}

std::optional<CampaignCopy> findCampaignCopy(storage::Database& db, const CampaignId& id)
{
    auto stmt = db.prepare("SELECT state, starts_at, ends_at, currency, model, window_days, half_life_days"
                           " FROM campaigns WHERE id = ?");
    stmt.bind(1, id.str());
    if (!stmt.step())
        return std::nullopt;
    CampaignCopy campaign;
    campaign.id = id;
    campaign.state = domain::kCampaignStates.parse(stmt.textAt(0)).value_or(domain::CampaignState::Draft);
    campaign.startsAt = fromEpochMillis(stmt.int64At(1));
    campaign.endsAt = fromEpochMillis(stmt.int64At(2));
    campaign.currency = stmt.textAt(3);
    campaign.attribution.model =
        domain::kAttributionModels.parse(stmt.textAt(4)).value_or(domain::AttributionModel::LastTouch);
    campaign.attribution.windowDays = static_cast<int>(stmt.int64At(5));
    campaign.attribution.halfLifeDays = stmt.doubleAt(6);
    return campaign;
}

std::optional<AffiliateCopy> findAffiliateCopy(storage::Database& db, const AffiliateId& id)
{
    auto stmt = db.prepare("SELECT status, user_id FROM affiliates WHERE id = ?");
    stmt.bind(1, id.str());
    if (!stmt.step())
        return std::nullopt;
    return AffiliateCopy{id, domain::kAffiliateStates.parse(stmt.textAt(0)).value_or(domain::AffiliateState::Pending),
                         stmt.optionalTextAt(1)};
}

Status applyCampaignSnapshot(storage::Database& db, const messages::Envelope& message)
{
    auto campaign = dto::decodeCampaign(message.payload);
    if (!campaign)
        return std::move(campaign).error();
    db.prepare("INSERT INTO campaigns(id, state, starts_at, ends_at, currency, model, window_days, half_life_days)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state,"
               " starts_at = excluded.starts_at, ends_at = excluded.ends_at, currency = excluded.currency,"
               " model = excluded.model, window_days = excluded.window_days, half_life_days = excluded.half_life_days")
        .bindAll(campaign->id.str(), domain::kCampaignStates.name(campaign->state), toEpochMillis(campaign->startsAt),
                 toEpochMillis(campaign->endsAt), campaign->budget.currency(),
                 domain::kAttributionModels.name(campaign->attribution.model),
                 static_cast<std::int64_t>(campaign->attribution.windowDays), campaign->attribution.halfLifeDays)
        .run();
    return {};
}

Status applyCampaignStateChange(storage::Database& db, const messages::Envelope& message)
{
    json::FieldErrors errors;
    json::ObjectReader reader(message.payload, "", errors);
    const auto campaignId = reader.string("campaignId", true, 1, 100);
    const auto state = reader.enumeration("state", true, domain::kCampaignStates);
    if (!errors.empty())
        return errors.status();
    db.prepare("UPDATE campaigns SET state = ? WHERE id = ?")
        .bindAll(domain::kCampaignStates.name(*state), *campaignId)
        .run();
    return {};
}

Status applyAffiliateRegistered(storage::Database& db, const messages::Envelope& message)
{
    auto affiliate = dto::decodeAffiliate(message.payload);
    if (!affiliate)
        return std::move(affiliate).error();
    db.prepare("INSERT INTO affiliates(id, status, user_id) VALUES (?, ?, ?)"
               " ON CONFLICT(id) DO UPDATE SET status = excluded.status, user_id = excluded.user_id")
        .bindAll(affiliate->id.str(), domain::kAffiliateStates.name(affiliate->state), affiliate->userId)
        .run();
    return {};
}

Status applyAffiliateStatusChange(storage::Database& db, const messages::Envelope& message)
{
    json::FieldErrors errors;
    json::ObjectReader reader(message.payload, "", errors);
    const auto affiliateId = reader.string("affiliateId", true, 1, 100);
    const auto status = reader.enumeration("status", true, domain::kAffiliateStates);
    if (!errors.empty())
        return errors.status();
    db.prepare("UPDATE affiliates SET status = ? WHERE id = ?")
        .bindAll(domain::kAffiliateStates.name(*status), *affiliateId)
        .run();
    return {};
}

}  // namespace alpes::services::tracking
