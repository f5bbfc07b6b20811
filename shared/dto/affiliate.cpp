#include "shared/dto/affiliate.h"

#include <algorithm>

namespace alpes::dto {

bool isValidEmail(std::string_view email)
{
    if (email.size() < 3 || email.size() > 254)
        return false;
    const auto at = email.find('@');
    if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos)
        return false;
    const auto domainPart = email.substr(at + 1);
    const auto dot = domainPart.find('.');
    if (dot == std::string_view::npos || dot == 0 || domainPart.back() == '.')
        return false;
    return std::none_of(email.begin(), email.end(),
                        [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ';'; });
}

Result<AffiliateRegistration> decodeAffiliateRegistration(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    AffiliateRegistration out;
    auto name = reader.string("name", true, 2, 120);
    auto email = reader.string("email", true, 3, 254);
    if (email && !isValidEmail(*email)) {
        reader.fail("email", "Must be a valid email address");
        email.reset();
    }
    auto kind = reader.enumeration("kind", true, domain::kAffiliateKinds);
    auto platform = reader.enumeration("platform", kind == domain::AffiliateKind::Influencer, domain::kPlatforms);
    auto followers = reader.integer("followers", false, 0);
    auto category = reader.string("category", false, 0, 60);
    auto userId = reader.string("userId", false, 1, 200);
    reader.rejectUnknownFields();
    if (!errors.empty())
        return errors.status().error();
    out.name = std::move(*name);
    out.email = std::move(*email);
    std::transform(out.email.begin(), out.email.end(), out.email.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out.kind = *kind;
    out.platform = platform;
    out.followers = followers.value_or(0);
    out.category = category.value_or("");
    out.userId = userId;
    return out;
}

json::Json toJson(const AffiliateRegistration& registration)
{
    json::Json out{{"name", registration.name},
                   {"email", registration.email},
                   {"kind", domain::kAffiliateKinds.name(registration.kind)},
                   {"followers", registration.followers},
                   {"category", registration.category}};
    if (registration.platform)
        out["platform"] = domain::kPlatforms.name(*registration.platform);
    if (registration.userId)
        out["userId"] = *registration.userId;
    return out;
}

json::Json toJson(const Affiliate& affiliate)
{
    json::Json out{{"id", affiliate.id.str()},
                   {"name", affiliate.name},
                   {"email", affiliate.email},
                   {"kind", domain::kAffiliateKinds.name(affiliate.kind)},
                   {"platform", nullptr},
                   {"followers", affiliate.followers},
                   {"category", affiliate.category},
                   {"userId", nullptr},
                   {"status", domain::kAffiliateStates.name(affiliate.state)},
                   {"suspensionReason", nullptr},
                   {"createdAt", formatRfc3339(affiliate.createdAt)},
                   {"updatedAt", formatRfc3339(affiliate.updatedAt)}};
    if (affiliate.platform)
        out["platform"] = domain::kPlatforms.name(*affiliate.platform);
    if (affiliate.userId)
        out["userId"] = *affiliate.userId;
    if (affiliate.suspensionReason)
        out["suspensionReason"] = *affiliate.suspensionReason;
    return out;
}

Result<Affiliate> decodeAffiliate(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    Affiliate out;
    auto id = reader.string("id", true, 1, 100);
    auto name = reader.string("name", true, 1, 1000);
    auto email = reader.string("email", true, 1, 1000);
    auto kind = reader.enumeration("kind", true, domain::kAffiliateKinds);
    auto platform = reader.enumeration("platform", false, domain::kPlatforms);
    auto followers = reader.integer("followers", true, 0);
    auto category = reader.string("category", false, 0, 1000);
    auto userId = reader.string("userId", false, 0, 1000);
    auto state = reader.enumeration("status", true, domain::kAffiliateStates);
    auto reason = reader.string("suspensionReason", false, 0, 2000);
    auto createdAt = reader.time("createdAt", true);
    auto updatedAt = reader.time("updatedAt", true);
    if (!errors.empty())
        return errors.status().error();
    out.id = AffiliateId(*id);
    out.name = *name;
    out.email = *email;
    out.kind = *kind;
    out.platform = platform;
    out.followers = *followers;
    out.category = category.value_or("");
    out.userId = userId;
    out.state = *state;
    out.suspensionReason = reason;
    out.createdAt = *createdAt;
    out.updatedAt = *updatedAt;
    return out;
}

}  // namespace alpes::dto
