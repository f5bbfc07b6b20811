#include "shared/dto/campaign.h"

namespace alpes::dto {
namespace {

constexpr std::int64_t kMaxHoldPeriodSeconds = 365LL * 24 * 3600;

std::optional<Brand> readBrand(json::ObjectReader& reader, bool required, bool strict)
{
    auto brandReader = reader.object("brand", required);
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

// The budget keeps its value when it is not positive, so that the commission can still be checked
// against its currency and the client learns every mistake at once.
std::optional<Money> readBudget(json::ObjectReader& reader, bool required)
{
    auto budget = reader.money("budget", required);
    if (budget && budget->amount() <= 0)
        reader.fail("budget.amount", "Must be greater than zero");
    return budget;
}

// A patch leaves out what it does not change, and null counts as left out as everywhere in the
// decoder. Reading the absent key marks it as known, so that a null is not reported as unknown.
bool isGiven(json::ObjectReader& reader, std::string_view key)
{
    if (reader.has(key))
        return true;
    (void)reader.object(key, false);
    return false;
}

void checkSchedule(json::ObjectReader& reader, const std::optional<UtcTime>& startsAt,
                   const std::optional<UtcTime>& endsAt)
{
    if (startsAt && endsAt && *endsAt <= *startsAt)
        reader.fail("endsAt", "Must be after startsAt");
}

json::Json brandJson(const Brand& brand)
{
    return json::Json{{"id", brand.id ? json::Json(brand.id->str()) : json::Json(nullptr)}, {"name", brand.name}};
}

// In requests a brand without an id leaves the id out: the server gives it one.
json::Json requestBrandJson(const Brand& brand)
{
    json::Json out{{"name", brand.name}};
    if (brand.id)
        out["id"] = brand.id->str();
    return out;
}

}  // namespace

Result<CampaignDraft> decodeCampaignDraft(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto name = reader.string("name", true, 2, 120);
    auto description = reader.string("description", false, 0, 1000);
    auto brand = readBrand(reader, true, true);
    auto kind = reader.enumeration("kind", true, domain::kCampaignKinds);
    auto startsAt = reader.time("startsAt", true);
    auto endsAt = reader.time("endsAt", true);
    auto budget = readBudget(reader, true);
    const auto currency = budget ? std::optional<std::string>(budget->currency()) : std::nullopt;
    auto commission = domain::readCommissionTerms(reader, "commission", currency);
    auto attribution = domain::readAttributionSettings(reader, "attribution");
    auto hold = reader.integer("holdPeriodSeconds", false, 1, kMaxHoldPeriodSeconds);
    checkSchedule(reader, startsAt, endsAt);
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
    return json::Json{{"name", draft.name},
                      {"description", draft.description},
                      {"brand", requestBrandJson(draft.brand)},
                      {"kind", domain::kCampaignKinds.name(draft.kind)},
                      {"startsAt", formatRfc3339(draft.startsAt)},
                      {"endsAt", formatRfc3339(draft.endsAt)},
                      {"budget", domain::toJson(draft.budget)},
                      {"commission", domain::toJson(draft.commission)},
                      {"attribution", domain::toJson(draft.attribution)},
                      {"holdPeriodSeconds", draft.holdPeriodSeconds}};
}

Result<CampaignPatch> decodeCampaignPatch(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    CampaignPatch patch;
    patch.name = reader.string("name", false, 2, 120);
    patch.description = reader.string("description", false, 0, 1000);
    patch.brand = readBrand(reader, false, true);
    patch.kind = reader.enumeration("kind", false, domain::kCampaignKinds);
    patch.startsAt = reader.time("startsAt", false);
    patch.endsAt = reader.time("endsAt", false);
    patch.budget = readBudget(reader, false);
    // Without a new budget the terms are checked against the stored one by the service.
    const auto currency = patch.budget ? std::optional<std::string>(patch.budget->currency()) : std::nullopt;
    if (isGiven(reader, "commission"))
        patch.commission = domain::readCommissionTerms(reader, "commission", currency);
    if (isGiven(reader, "attribution"))
        patch.attribution = domain::readAttributionSettings(reader, "attribution");
    patch.holdPeriodSeconds = reader.integer("holdPeriodSeconds", false, 1, kMaxHoldPeriodSeconds);
    checkSchedule(reader, patch.startsAt, patch.endsAt);
    reader.rejectUnknownFields();
    if (!errors.empty())
        return errors.status().error();
    return patch;
}

json::Json toJson(const CampaignPatch& patch)
{
    json::Json out = json::Json::object();
    if (patch.name)
        out["name"] = *patch.name;
    if (patch.description)
        out["description"] = *patch.description;
    if (patch.brand)
        out["brand"] = requestBrandJson(*patch.brand);
    if (patch.kind)
        out["kind"] = domain::kCampaignKinds.name(*patch.kind);
    if (patch.startsAt)
        out["startsAt"] = formatRfc3339(*patch.startsAt);
    if (patch.endsAt)
        out["endsAt"] = formatRfc3339(*patch.endsAt);
    if (patch.budget)
        out["budget"] = domain::toJson(*patch.budget);
    if (patch.commission)
        out["commission"] = domain::toJson(*patch.commission);
    if (patch.attribution)
        out["attribution"] = domain::toJson(*patch.attribution);
    if (patch.holdPeriodSeconds)
        out["holdPeriodSeconds"] = *patch.holdPeriodSeconds;
    return out;
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
    auto brand = readBrand(reader, true, false);
    auto kind = reader.enumeration("kind", true, domain::kCampaignKinds);
    auto startsAt = reader.time("startsAt", true);
    auto endsAt = reader.time("endsAt", true);
    auto budget = reader.money("budget", true);
    auto spent = reader.money("spent", true);
    const auto currency = budget ? std::optional<std::string>(budget->currency()) : std::nullopt;
    auto commission = domain::readCommissionTerms(reader, "commission", currency);
    auto attribution = domain::readAttributionSettings(reader, "attribution");
    auto hold = reader.integer("holdPeriodSeconds", true, 1);
    auto affiliateIds = reader.stringArray("affiliateIds", true, 100000);
    auto state = reader.enumeration("state", true, domain::kCampaignStates);
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
