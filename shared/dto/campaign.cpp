#include "shared/dto/campaign.h"

namespace alpes::dto {
namespace {

std::optional<domain::CampaignKind> readKind(json::ObjectReader& reader)
{
    return reader.enumeration<domain::CampaignKind>(
        "kind", true, [](std::string_view text) { return domain::kCampaignKinds.parse(text); },
        domain::kCampaignKinds.allowed());
}

std::optional<Brand> readBrand(json::ObjectReader& reader, bool strict)
{
    auto brandReader = reader.object("brand", true);
    if (!brandReader)
        return std::nullopt;
    auto id = brandReader->string("id", false, 1, 100);
    auto name = brandReader->string("name", true, 1, 120);
    if (strict)
        brandReader->rejectUnknownFields();
    if (!name)
        return std::nullopt;
    Brand brand;
    if (id)
        brand.id = BrandId(*id);
    brand.name = *name;
    return brand;
}

json::Json brandJson(const Brand& brand)
{
    return json::Json{{"id", brand.id ? json::Json(brand.id->str()) : json::Json(nullptr)}, {"name", brand.name}};
}

}  // namespace

Result<CampaignDraft> decodeCampaignDraft(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto name = reader.string("name", true, 2, 120);
    auto description = reader.string("description", false, 0, 1000);
    auto brand = readBrand(reader, true);
    auto kind = readKind(reader);
    auto startsAt = reader.time("startsAt", true);
    auto endsAt = reader.time("endsAt", true);
    auto budget = reader.money("budget", true);
    if (budget && budget->amount() <= 0)
        reader.fail("budget.amount", "Must be greater than zero");
    const auto currency = budget ? std::optional<std::string>(budget->currency()) : std::nullopt;
    auto commission = domain::readCommissionTerms(reader, "commission", currency);
    auto attribution = domain::readAttributionSettings(reader, "attribution");
    auto hold = reader.integer("holdPeriodSeconds", false, 1, 365LL * 24 * 3600);
    if (startsAt && endsAt && *endsAt <= *startsAt)
        reader.fail("endsAt", "Must be after startsAt");
    reader.rejectUnknownFields();
    if (!errors.empty())
        return errors.status().error();
    CampaignDraft draft;
    draft.name = *name;
    draft.description = description.value_or("");
    draft.brand = *brand;
    draft.kind = *kind;
    draft.startsAt = *startsAt;
    draft.endsAt = *endsAt;
    draft.budget = *budget;
    draft.commission = *commission;
    draft.attribution = *attribution;
    draft.holdPeriodSeconds = hold.value_or(kDefaultHoldPeriodSeconds);
    return draft;
}

json::Json toJson(const CampaignDraft& draft)
{
    json::Json brand{{"name", draft.brand.name}};
    if (draft.brand.id)
        brand["id"] = draft.brand.id->str();
    return json::Json{{"name", draft.name},
                      {"description", draft.description},
                      {"brand", brand},
                      {"kind", domain::kCampaignKinds.name(draft.kind)},
                      {"startsAt", formatRfc3339(draft.startsAt)},
                      {"endsAt", formatRfc3339(draft.endsAt)},
                      {"budget", domain::toJson(draft.budget)},
                      {"commission", domain::toJson(draft.commission)},
                      {"attribution", domain::toJson(draft.attribution)},
                      {"holdPeriodSeconds", draft.holdPeriodSeconds}};
}

json::Json toJson(const Campaign& campaign)
{
    json::Json affiliates = json::Json::array();
    for (const auto& id : campaign.affiliateIds)
        affiliates.push_back(id.str());
    return json::Json{{"id", campaign.id.str()},
                      {"name", campaign.name},
                      {"description", campaign.description},
                      {"brand", brandJson(campaign.brand)},
                      {"kind", domain::kCampaignKinds.name(campaign.kind)},
                      {"startsAt", formatRfc3339(campaign.startsAt)},
                      {"endsAt", formatRfc3339(campaign.endsAt)},
                      {"budget", domain::toJson(campaign.budget)},
                      {"spent", domain::toJson(campaign.spent)},
                      {"commission", domain::toJson(campaign.commission)},
                      {"attribution", domain::toJson(campaign.attribution)},
                      {"holdPeriodSeconds", campaign.holdPeriodSeconds},
                      {"affiliateIds", affiliates},
                      {"state", domain::kCampaignStates.name(campaign.state)},
                      {"createdAt", formatRfc3339(campaign.createdAt)},
                      {"updatedAt", formatRfc3339(campaign.updatedAt)}};
}

Result<Campaign> decodeCampaign(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto id = reader.string("id", true, 1, 100);
    auto name = reader.string("name", true, 1, 1000);
    auto description = reader.string("description", false, 0, 10000);
    auto brand = readBrand(reader, false);
    auto kind = readKind(reader);
    auto startsAt = reader.time("startsAt", true);
    auto endsAt = reader.time("endsAt", true);
    auto budget = reader.money("budget", true);
    auto spent = reader.money("spent", true);
    const auto currency = budget ? std::optional<std::string>(budget->currency()) : std::nullopt;
    auto commission = domain::readCommissionTerms(reader, "commission", currency);
    auto attribution = domain::readAttributionSettings(reader, "attribution");
    auto hold = reader.integer("holdPeriodSeconds", true, 1);
    auto affiliateIds = reader.stringArray("affiliateIds", true, 100000);
    auto state = reader.enumeration<domain::CampaignState>(
        "state", true, [](std::string_view text) { return domain::kCampaignStates.parse(text); },
        domain::kCampaignStates.allowed());
    auto createdAt = reader.time("createdAt", true);
    auto updatedAt = reader.time("updatedAt", true);
    if (!errors.empty())
        return errors.status().error();
    Campaign campaign;
    campaign.id = CampaignId(*id);
    campaign.name = *name;
    campaign.description = description.value_or("");
    campaign.brand = *brand;
    campaign.kind = *kind;
    campaign.startsAt = *startsAt;
    campaign.endsAt = *endsAt;
    campaign.budget = *budget;
    campaign.spent = *spent;
    campaign.commission = *commission;
    campaign.attribution = *attribution;
    campaign.holdPeriodSeconds = *hold;
    for (const auto& affiliate : *affiliateIds)
        campaign.affiliateIds.emplace_back(affiliate);
    campaign.state = *state;
    campaign.createdAt = *createdAt;
    campaign.updatedAt = *updatedAt;
    return campaign;
}

}  // namespace alpes::dto
