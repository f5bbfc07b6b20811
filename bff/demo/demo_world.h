#pragma once

#include "shared/core/strong_id.h"
#include "shared/domain/vocabulary.h"

#include <cstdint>
#include <string>
#include <vector>

namespace alpes::demo {

// A partner of the demo as the simulator sees it: the channel its audience comes through and its
// own end-user id (what the self-referral bursts buy with).
struct DemoPartner {
    AffiliateId id;
    std::string name;
    domain::AffiliateKind kind = domain::AffiliateKind::Affiliate;
    domain::Platform channel = domain::Platform::Web;
    std::string userId;
    domain::AffiliateState state = domain::AffiliateState::Active;
};

// A campaign of the demo with how its shoppers behave.
struct DemoCampaign {
    CampaignId id;
    std::string name;
    domain::CampaignState state = domain::CampaignState::Draft;
    std::string currency;
    std::int64_t medianOrder = 0;  // minor units
    double trafficShare = 0.0;     // its part of the traffic among the active campaigns
    std::string shopUrl;
    std::vector<size_t> partners;  // indexes into DemoWorld::partners of the enrolled partners
};

// What the demo seeded, by the ids the services chose. The simulator reads only positions and
// shapes from it, so two worlds seeded alike generate the same traffic whatever their ids.
struct DemoWorld {
    std::vector<BrandId> brands;
    std::vector<DemoCampaign> campaigns;
    std::vector<DemoPartner> partners;
    std::vector<LinkCode> links;
    // An approved affiliate for the demo's `partner` user (product.md §3).
    AffiliateId partnerUserAffiliate;
};

}  // namespace alpes::demo
