#pragma once

#include "bff/storage/database.h"
#include "shared/core/paging.h"
#include "shared/dto/campaign.h"

#include <optional>
#include <string>
#include <vector>

namespace alpes::services::marketing {

struct CampaignFilter {
    std::optional<domain::CampaignState> state;
    std::optional<std::string> query;  // part of the name, any case
};

// The SQL of campaigns, brands, enrollments and marketing's copy of the partners, on one connection.
// A campaign read here carries its enrolled partners and its `spent`, the sum of its live budget
// reservations, read in the same transaction as the rest.
// Thread-safety: none; it lives inside one writer unit or one read, on that connection.
class CampaignRepository {
public:
    explicit CampaignRepository(storage::Database& db) : m_db(db) {}

    std::optional<dto::Campaign> find(const CampaignId& id);
    // Newest first, up to page.limit + 1 rows (for makePage), after the cursor's campaign id.
    std::vector<dto::Campaign> list(const CampaignFilter& filter, const PageRequest& page);
    // Running (active or paused) campaigns whose endsAt is not after `now`.
    std::vector<dto::Campaign> expired(UtcTime now);

    void insert(const dto::Campaign& campaign);
    // Stores every changeable field and the state; id and createdAt never change.
    void update(const dto::Campaign& campaign);

    // A brand with an id must exist and keeps its stored name; one without gets a new id.
    Result<dto::Brand> resolveBrand(const dto::Brand& brand, UtcTime now);

    bool knowsAffiliate(const AffiliateId& id);
    void saveAffiliate(const AffiliateId& id, domain::AffiliateState state, UtcTime at);
    // True when the partner was not enrolled yet.
    bool enroll(const CampaignId& campaign, const AffiliateId& affiliate, UtcTime at);

private:
    dto::Campaign readCampaign(const storage::Statement& row);
    std::vector<AffiliateId> enrolled(const CampaignId& id);
    std::vector<dto::Campaign> readAll(storage::Statement& stmt);

    storage::Database& m_db;
};

}  // namespace alpes::services::marketing
