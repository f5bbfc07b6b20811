#pragma once

#include "bff/storage/database.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/campaign_terms.h"
#include "shared/domain/vocabulary.h"
#include "shared/messages/envelope.h"

#include <optional>
#include <string>

namespace alpes::services::tracking {

// Tracking's own copy of what it needs from a campaign, kept from marketing's events.
struct CampaignCopy {
    CampaignId id;
    domain::CampaignState state = domain::CampaignState::Draft;
    UtcTime startsAt{};
    UtcTime endsAt{};
    std::string currency;  // the budget's: purchases must be in it
    domain::AttributionSettings attribution;
};

// Tracking's own copy of a partner, kept from the affiliates service's events. The userId is
// what the self-referral fraud rule compares a purchaser with.
struct AffiliateCopy {
    AffiliateId id;
    domain::AffiliateState status = domain::AffiliateState::Pending;
    std::optional<std::string> userId;
};

// Only an active campaign, at an instant inside [startsAt, endsAt), earns attributed conversions.
bool acceptsConversions(const CampaignCopy& campaign, UtcTime at);

std::optional<CampaignCopy> findCampaignCopy(storage::Database& db, const CampaignId& id);
std::optional<AffiliateCopy> findAffiliateCopy(storage::Database& db, const AffiliateId& id);

// Consumer handlers that keep the copies. Lifecycle events for a campaign or partner this service
// has not heard of yet change nothing: its fat creation event brings the current state.
Status applyCampaignSnapshot(storage::Database& db, const messages::Envelope& message);
Status applyCampaignStateChange(storage::Database& db, const messages::Envelope& message);
Status applyAffiliateRegistered(storage::Database& db, const messages::Envelope& message);
Status applyAffiliateStatusChange(storage::Database& db, const messages::Envelope& message);

}  // namespace alpes::services::tracking
