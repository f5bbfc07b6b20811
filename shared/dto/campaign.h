#pragma once

#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/campaign_terms.h"
#include "shared/domain/vocabulary.h"
#include "shared/json/json_decoder.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace alpes::dto {

struct Brand {
    std::optional<BrandId> id;  // a new brand gets one from the server
    std::string name;
};

inline constexpr std::int64_t kDefaultHoldPeriodSeconds = 7 * 24 * 3600;

// POST /campaigns (product.md §2 Campaign).
struct CampaignDraft {
    std::string name;
    std::string description;
    Brand brand;
    domain::CampaignKind kind = domain::CampaignKind::Mixed;
    UtcTime startsAt{};
    UtcTime endsAt{};
    Money budget;
    domain::CommissionTerms commission;
    domain::AttributionSettings attribution;
    // How long a reserved commission waits before it is confirmed; seconds so demos can use a few.
    std::int64_t holdPeriodSeconds = kDefaultHoldPeriodSeconds;
};

// The whole campaign, as GET /campaigns/{id} shows it and CampaignCreated/CampaignUpdated carry it.
struct Campaign {
    CampaignId id;
    std::string name;
    std::string description;
    Brand brand;
    domain::CampaignKind kind = domain::CampaignKind::Mixed;
    UtcTime startsAt{};
    UtcTime endsAt{};
    Money budget;
    Money spent;
    domain::CommissionTerms commission;
    domain::AttributionSettings attribution;
    std::int64_t holdPeriodSeconds = kDefaultHoldPeriodSeconds;
    std::vector<AffiliateId> affiliateIds;
    domain::CampaignState state = domain::CampaignState::Draft;
    UtcTime createdAt{};
    UtcTime updatedAt{};
};

// PATCH /campaigns/{id}: only the fields present change. Which fields a campaign accepts depends on
// its state; the marketing service decides that (campaign_rules.h), the decoder only checks each value.
struct CampaignPatch {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<Brand> brand;
    std::optional<domain::CampaignKind> kind;
    std::optional<UtcTime> startsAt;
    std::optional<UtcTime> endsAt;
    std::optional<Money> budget;
    std::optional<domain::CommissionTerms> commission;
    std::optional<domain::AttributionSettings> attribution;
    std::optional<std::int64_t> holdPeriodSeconds;
};

Result<CampaignDraft> decodeCampaignDraft(const json::Json& body);
json::Json toJson(const CampaignDraft& draft);
Result<CampaignPatch> decodeCampaignPatch(const json::Json& body);
json::Json toJson(const CampaignPatch& patch);
json::Json toJson(const Campaign& campaign);
Result<Campaign> decodeCampaign(const json::Json& body);

}  // namespace alpes::dto
