#pragma once

#include "bff/services/tracking/tracking_views.h"
#include "bff/storage/database.h"
#include "shared/core/paging.h"
#include "shared/dto/interaction.h"

#include <chrono>
#include <vector>

namespace alpes::services::tracking {

// Reads for lists and charts: the read model and the projections, never a scan of the log.

// Newest first (UUID v7 ids sort by receipt); the cursor is the last id seen.
Page<dto::Interaction> listInteractions(storage::Database& db, const InteractionFilter& filter,
                                        const PageRequest& page);
// Days are UTC and both ends are included.
std::vector<dto::DailyCount> readDailyStats(storage::Database& db, const CampaignId& campaignId,
                                            std::chrono::sys_days fromDay, std::chrono::sys_days toDay);
std::vector<dto::DailyCount> readDailyStatsAll(storage::Database& db, std::chrono::sys_days fromDay,
                                               std::chrono::sys_days toDay);
// The minutes that overlap [from, to), oldest first.
std::vector<dto::MinuteCount> readSeries(storage::Database& db, const CampaignId& campaignId, UtcTime from,
                                         UtcTime to);
std::vector<dto::AffiliateCampaignStats> readAffiliateStats(storage::Database& db, const AffiliateId& affiliateId);
std::vector<PartnerStats> readPartnerStats(storage::Database& db, const CampaignId& campaignId);
// The amounts of every recorded purchase, summed per currency (ordered by code).
std::vector<Money> readRevenueTotals(storage::Database& db);
// Every campaign's minutes that overlap [from, to), summed per minute and type.
std::vector<dto::MinuteCount> readSeriesAll(storage::Database& db, UtcTime from, UtcTime to);

}  // namespace alpes::services::tracking
