#include "bff/demo/target_world.h"

#include "shared/dto/campaign.h"

#include <httplib.h>

#include <map>

namespace alpes::demo {
namespace {

constexpr std::int64_t kMedianOrder = 5000;  // minor units: the target's shops are unknown

}  // namespace

Result<DemoWorld> fetchTargetWorld(const std::string& target, const std::string& apiKey)
{
    httplib::Client client(target);
    client.set_connection_timeout(std::chrono::seconds(10));
    client.set_read_timeout(std::chrono::seconds(10));
    const auto answer = client.Get("/api/v1/campaigns?state=active&limit=500", {{"Authorization", "Bearer " + apiKey}});
    if (!answer)
        return Error::unavailable("Cannot reach " + target, httplib::to_string(answer.error()));
    if (answer->status != 200)
        return Error::unavailable("Listing the active campaigns of " + target + " answered HTTP " +
                                  std::to_string(answer->status));
    const auto body = json::Json::parse(answer->body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("items") || !body["items"].is_array())
        return Error::unavailable("Listing the active campaigns of " + target + " did not answer a list");
    DemoWorld world;
    std::map<std::string, size_t> partnerIndex;
    for (const auto& item : body["items"]) {
        const auto campaign = dto::decodeCampaign(item);
        if (!campaign)
            return Error::unavailable("A campaign of " + target + " cannot be read", campaign.error().message);
        if (campaign->state != domain::CampaignState::Active)
            continue;
        DemoCampaign demo{campaign->id, campaign->name, campaign->state, campaign->budget.currency(), kMedianOrder,
                          1.0, "https://shop.example/" + campaign->id.str(), {}};
        for (const auto& affiliate : campaign->affiliateIds) {
            auto [slot, added] = partnerIndex.emplace(affiliate.str(), world.partners.size());
            if (added)
                world.partners.push_back({affiliate, affiliate.str(), domain::AffiliateKind::Affiliate,
                                          domain::Platform::Web, {}, domain::AffiliateState::Active});
            demo.partners.push_back(slot->second);
        }
        world.campaigns.push_back(std::move(demo));
    }
    if (world.partners.empty())
        return Error::notFound(target + " has no active campaign with enrolled partners to send traffic to");
    return world;
}

}  // namespace alpes::demo
