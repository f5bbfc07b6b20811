#include "bff/services/commissions/commission_messages.h"

#include "shared/domain/campaign_terms.h"

namespace alpes::services::commissions {
namespace {

constexpr size_t kMaxListItems = 100000;

// Reads an array of objects, one ObjectReader per item so errors name it ("shares[2].amount").
// Records an error and returns false when the array itself is missing or mistyped.
template <typename ReadItem>
bool readObjects(json::ObjectReader& reader, std::string_view key, json::FieldErrors& errors, ReadItem&& readItem)
{
    const json::Json* items = reader.raw(key);
    if (!items) {
        if (reader.valid())
            reader.fail(key, "Is required");
        return false;
    }
    if (!items->is_array() || items->size() > kMaxListItems) {
        reader.fail(key, "Must be an array of at most " + std::to_string(kMaxListItems) + " objects");
        return false;
    }
    for (size_t i = 0; i < items->size(); ++i) {
        json::ObjectReader item((*items)[i], reader.pathOf(std::string(key) + "[" + std::to_string(i) + "]"), errors);
        if (item.valid())
            readItem(item);
    }
    return true;
}

std::optional<std::vector<CommissionId>> readCommissionIds(json::ObjectReader& reader)
{
    auto ids = reader.stringArray("commissionIds", true, kMaxListItems);
    if (!ids)
        return std::nullopt;
    std::vector<CommissionId> out;
    out.reserve(ids->size());
    for (auto& id : *ids)
        out.emplace_back(std::move(id));
    return out;
}

json::Json idsJson(const std::vector<CommissionId>& ids)
{
    json::Json out = json::Json::array();
    for (const auto& id : ids)
        out.push_back(id.str());
    return out;
}

json::Json optionalCampaignJson(const std::optional<CampaignId>& id)
{
    return id ? json::Json(id->str()) : json::Json(nullptr);
}

std::optional<CampaignId> optionalCampaign(const std::optional<std::string>& id)
{
    return id ? std::optional<CampaignId>(CampaignId(*id)) : std::nullopt;
}

}  // namespace

Result<ReserveCommissionCommand> decodeReserveCommission(const json::Json& payload)
{
    json::FieldErrors errors;
    json::ObjectReader reader(payload, "", errors);
    auto conversionId = reader.string("conversionId", true, 1, 200);
    auto campaignId = reader.string("campaignId", true, 1, 100);
    std::vector<AttributedShare> shares;
    const bool listed = readObjects(reader, "shares", errors, [&](json::ObjectReader& item) {
        auto affiliateId = item.string("affiliateId", true, 1, 100);
        auto amount = item.money("amount", true);
        if (affiliateId && amount)
            shares.push_back({AffiliateId(*affiliateId), *amount});
    });
    if (listed && reader.raw("shares")->empty())
        reader.fail("shares", "Must hold at least one share");
    const auto final = reader.boolean("final", false);
    if (!errors.empty())
        return errors.status().error();
    return ReserveCommissionCommand{ConversionId(*conversionId), CampaignId(*campaignId), std::move(shares),
                                    final.value_or(true)};
}

json::Json toJson(const ReserveCommissionCommand& command)
{
    json::Json shares = json::Json::array();
    for (const auto& share : command.shares)
        shares.push_back({{"affiliateId", share.affiliateId.str()}, {"amount", domain::toJson(share.amount)}});
    return json::Json{{"conversionId", command.conversionId.str()},
                      {"campaignId", command.campaignId.str()},
                      {"shares", shares},
                      {"final", command.final}};
}

Result<ConfirmCommissionCommand> decodeConfirmCommission(const json::Json& payload)
{
    json::FieldErrors errors;
    json::ObjectReader reader(payload, "", errors);
    auto conversionId = reader.string("conversionId", true, 1, 200);
    if (!errors.empty())
        return errors.status().error();
    return ConfirmCommissionCommand{ConversionId(*conversionId)};
}

json::Json toJson(const ConfirmCommissionCommand& command)
{
    return json::Json{{"conversionId", command.conversionId.str()}};
}

Result<RevertCommissionCommand> decodeRevertCommission(const json::Json& payload)
{
    json::FieldErrors errors;
    json::ObjectReader reader(payload, "", errors);
    auto conversionId = reader.string("conversionId", true, 1, 200);
    auto reason = reader.string("reason", true, 1, 500);
    if (!errors.empty())
        return errors.status().error();
    return RevertCommissionCommand{ConversionId(*conversionId), *reason};
}

json::Json toJson(const RevertCommissionCommand& command)
{
    return json::Json{{"conversionId", command.conversionId.str()}, {"reason", command.reason}};
}

Result<CommissionReservedEvent> decodeCommissionReserved(const json::Json& payload)
{
    json::FieldErrors errors;
    json::ObjectReader reader(payload, "", errors);
    auto conversionId = reader.string("conversionId", true, 1, 200);
    auto campaignId = reader.string("campaignId", true, 1, 100);
    auto total = reader.money("total", true);
    std::vector<ReservedCommission> commissions;
    readObjects(reader, "commissions", errors, [&](json::ObjectReader& item) {
        auto commissionId = item.string("commissionId", true, 1, 100);
        auto affiliateId = item.string("affiliateId", true, 1, 100);
        auto amount = item.money("amount", true);
        if (commissionId && affiliateId && amount)
            commissions.push_back({CommissionId(*commissionId), AffiliateId(*affiliateId), *amount});
    });
    auto reason = reader.string("reason", false, 1, 100);
    if (!errors.empty())
        return errors.status().error();
    return CommissionReservedEvent{ConversionId(*conversionId), CampaignId(*campaignId), *total,
                                   std::move(commissions), reason};
}

json::Json toJson(const CommissionReservedEvent& event)
{
    json::Json commissions = json::Json::array();
    for (const auto& commission : event.commissions)
        commissions.push_back({{"commissionId", commission.commissionId.str()},
                               {"affiliateId", commission.affiliateId.str()},
                               {"amount", domain::toJson(commission.amount)}});
    json::Json out{{"conversionId", event.conversionId.str()},
                   {"campaignId", event.campaignId.str()},
                   {"total", domain::toJson(event.total)},
                   {"commissions", commissions}};
    if (event.reason)
        out["reason"] = *event.reason;
    return out;
}

Result<CommissionConfirmedEvent> decodeCommissionConfirmed(const json::Json& payload)
{
    json::FieldErrors errors;
    json::ObjectReader reader(payload, "", errors);
    auto conversionId = reader.string("conversionId", true, 1, 200);
    auto campaignId = reader.string("campaignId", false, 1, 100);
    auto ids = readCommissionIds(reader);
    if (!errors.empty())
        return errors.status().error();
    return CommissionConfirmedEvent{ConversionId(*conversionId), optionalCampaign(campaignId), std::move(*ids)};
}

json::Json toJson(const CommissionConfirmedEvent& event)
{
    return json::Json{{"conversionId", event.conversionId.str()},
                      {"campaignId", optionalCampaignJson(event.campaignId)},
                      {"commissionIds", idsJson(event.commissionIds)}};
}

Result<CommissionRevertedEvent> decodeCommissionReverted(const json::Json& payload)
{
    json::FieldErrors errors;
    json::ObjectReader reader(payload, "", errors);
    auto conversionId = reader.string("conversionId", true, 1, 200);
    auto campaignId = reader.string("campaignId", false, 1, 100);
    auto ids = readCommissionIds(reader);
    auto reason = reader.string("reason", true, 1, 500);
    if (!errors.empty())
        return errors.status().error();
    return CommissionRevertedEvent{ConversionId(*conversionId), optionalCampaign(campaignId), std::move(*ids),
                                   *reason};
}

json::Json toJson(const CommissionRevertedEvent& event)
{
    return json::Json{{"conversionId", event.conversionId.str()},
                      {"campaignId", optionalCampaignJson(event.campaignId)},
                      {"commissionIds", idsJson(event.commissionIds)},
                      {"reason", event.reason}};
}

Result<AffiliateStatusChange> decodeAffiliateStatusChange(const json::Json& payload)
{
    json::FieldErrors errors;
    json::ObjectReader reader(payload, "", errors);
    auto affiliateId = reader.string("affiliateId", true, 1, 100);
    auto status = reader.enumeration("status", true, domain::kAffiliateStates);
    if (!errors.empty())
        return errors.status().error();
    return AffiliateStatusChange{AffiliateId(*affiliateId), *status};
}

}  // namespace alpes::services::commissions
