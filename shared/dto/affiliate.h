#pragma once

#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/vocabulary.h"
#include "shared/json/json_decoder.h"

#include <cstdint>
#include <optional>
#include <string>

namespace alpes::dto {

// POST /affiliates: what a partner registers with (product.md §2 Affiliate).
struct AffiliateRegistration {
    std::string name;
    std::string email;
    domain::AffiliateKind kind = domain::AffiliateKind::Affiliate;
    std::optional<domain::Platform> platform;
    std::int64_t followers = 0;
    std::string category;
    std::optional<std::string> userId;
};

struct Affiliate {
    AffiliateId id;
    std::string name;
    std::string email;
    domain::AffiliateKind kind = domain::AffiliateKind::Affiliate;
    std::optional<domain::Platform> platform;
    std::int64_t followers = 0;
    std::string category;
    std::optional<std::string> userId;
    domain::AffiliateState state = domain::AffiliateState::Pending;
    std::optional<std::string> suspensionReason;
    UtcTime createdAt{};
    UtcTime updatedAt{};
};

bool isValidEmail(std::string_view email);

Result<AffiliateRegistration> decodeAffiliateRegistration(const json::Json& body);
json::Json toJson(const AffiliateRegistration& registration);
json::Json toJson(const Affiliate& affiliate);
Result<Affiliate> decodeAffiliate(const json::Json& body);

}  // namespace alpes::dto
