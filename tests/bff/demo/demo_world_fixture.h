#pragma once

// A demo world with made-up ids, shaped like the seeded one, for tests that need no engine.

#include "bff/demo/demo_world.h"

#include <string>

namespace alpes::testing {

inline demo::DemoWorld sampleWorld(const std::string& idPrefix = "")
{
    using domain::AffiliateState;
    using domain::CampaignState;
    using domain::Platform;
    demo::DemoWorld world;
    const Platform channels[] = {Platform::Web, Platform::Instagram, Platform::TikTok, Platform::YouTube};
    for (size_t p = 0; p < 8; ++p) {
        const auto state = p == 7 ? AffiliateState::Pending : AffiliateState::Active;
        world.partners.push_back({AffiliateId(idPrefix + "partner-" + std::to_string(p)), "Partner",
                                  domain::AffiliateKind::Influencer, channels[p % 4], "pu-" + std::to_string(p), state});
    }
    world.campaigns.push_back({CampaignId(idPrefix + "summer"), "Summer", CampaignState::Active, "USD", 8900, 0.6,
                               "https://shop.example/summer", {0, 1, 2, 7}});
    world.campaigns.push_back({CampaignId(idPrefix + "coffee"), "Coffee", CampaignState::Active, "GBP", 2400, 0.4,
                               "https://shop.example/coffee", {3, 4, 5}});
    world.campaigns.push_back({CampaignId(idPrefix + "paused"), "Paused", CampaignState::Paused, "EUR", 4000, 0.0,
                               "https://shop.example/paused", {6}});
    world.partnerUserAffiliate = world.partners.front().id;
    return world;
}

}  // namespace alpes::testing
