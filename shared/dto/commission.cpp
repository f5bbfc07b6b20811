#include "shared/dto/commission.h"

#include "shared/domain/campaign_terms.h"
#include "shared/dto/money_list.h"

#include <utility>

namespace alpes::dto {
namespace {

json::Json optionalTime(const std::optional<UtcTime>& time)
{
    return time ? json::Json(formatRfc3339(*time)) : json::Json(nullptr);
}

json::Json totalsJson(const CommissionTotals& totals)
{
    return json::Json{{"count", totals.count}, {"amounts", toJson(totals.amounts)}};
}

}  // namespace

json::Json toJson(const Commission& commission)
{
    return json::Json{{"id", commission.id.str()},
                      {"conversionId", commission.conversionId.str()},
                      {"campaignId", commission.campaignId.str()},
                      {"affiliateId", commission.affiliateId.str()},
                      {"amount", domain::toJson(commission.amount)},
                      {"state", domain::kCommissionStates.name(commission.state)},
                      {"reservedAt", formatRfc3339(commission.reservedAt)},
                      {"confirmedAt", optionalTime(commission.confirmedAt)},
                      {"revertedAt", optionalTime(commission.revertedAt)},
                      {"reason", commission.reason ? json::Json(*commission.reason) : json::Json(nullptr)}};
}

Result<Commission> decodeCommission(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto id = reader.string("id", true, 1, 100);
    auto conversionId = reader.string("conversionId", true, 1, 200);
    auto campaignId = reader.string("campaignId", true, 1, 100);
    auto affiliateId = reader.string("affiliateId", true, 1, 100);
    auto amount = reader.money("amount", true);
    auto state = reader.enumeration("state", true, domain::kCommissionStates);
    auto reservedAt = reader.time("reservedAt", true);
    auto confirmedAt = reader.time("confirmedAt", false);
    auto revertedAt = reader.time("revertedAt", false);
    auto reason = reader.string("reason", false, 0, 2000);
    if (!errors.empty())
        return errors.status().error();
    Commission commission;
    commission.id = CommissionId(*id);
    commission.conversionId = ConversionId(*conversionId);
    commission.campaignId = CampaignId(*campaignId);
    commission.affiliateId = AffiliateId(*affiliateId);
    commission.amount = *amount;
    commission.state = *state;
    commission.reservedAt = *reservedAt;
    commission.confirmedAt = confirmedAt;
    commission.revertedAt = revertedAt;
    commission.reason = reason;
    return commission;
}

Result<ConfirmBatchRequest> decodeConfirmBatchRequest(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto ids = reader.stringArray("ids", false, kMaxConfirmBatchIds, 100);
    auto olderThan = reader.time("olderThan", false);
    reader.rejectUnknownFields();
    const bool hasIds = reader.has("ids");
    const bool hasOlderThan = reader.has("olderThan");
    if (reader.valid() && hasIds == hasOlderThan)
        reader.fail(hasIds ? "olderThan" : "ids",
                    hasIds ? "Cannot be combined with ids; give one of them" : "Give either ids or olderThan");
    if (ids && ids->empty())
        reader.fail("ids", "Must hold at least one id");
    if (!errors.empty())
        return errors.status().error();
    ConfirmBatchRequest request;
    if (ids)
        for (auto& id : *ids)
            request.ids.emplace_back(std::move(id));
    request.olderThan = olderThan;
    return request;
}

json::Json toJson(const ConfirmBatchRequest& request)
{
    if (request.olderThan)
        return json::Json{{"olderThan", formatRfc3339(*request.olderThan)}};
    json::Json ids = json::Json::array();
    for (const auto& id : request.ids)
        ids.push_back(id.str());
    return json::Json{{"ids", ids}};
}

json::Json toJson(const ConfirmBatchResult& result)
{
    json::Json confirmed = json::Json::array();
    for (const auto& id : result.confirmed)
        confirmed.push_back(id.str());
    json::Json skipped = json::Json::array();
    for (const auto& skip : result.skipped)
        skipped.push_back(json::Json{{"id", skip.id.str()}, {"reason", skip.reason}});
    return json::Json{{"confirmed", confirmed}, {"skipped", skipped}};
}

CommissionTotals& CommissionStats::of(domain::CommissionState state)
{
    return const_cast<CommissionTotals&>(std::as_const(*this).of(state));
}

const CommissionTotals& CommissionStats::of(domain::CommissionState state) const
{
    switch (state) {
    case domain::CommissionState::Reserved: return reserved;
    case domain::CommissionState::Confirmed: return confirmed;
    case domain::CommissionState::Reverted: return reverted;
    }
    return reserved;
}

json::Json toJson(const CommissionStats& stats)
{
    json::Json out = json::Json::object();
    for (const auto& [state, name] : domain::kCommissionStates.entries)
        out[std::string(name)] = totalsJson(stats.of(state));
    return out;
}

Result<CommissionStats> decodeCommissionStats(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    CommissionStats stats;
    for (const auto& [state, name] : domain::kCommissionStates.entries) {
        auto totals = reader.object(name, true);
        if (!totals)
            continue;
        auto count = totals->integer("count", true, 0);
        auto amounts = readMoneyList(*totals, "amounts", true, errors);
        if (count && amounts)
            stats.of(state) = CommissionTotals{*count, std::move(*amounts)};
    }
    if (!errors.empty())
        return errors.status().error();
    return stats;
}

}  // namespace alpes::dto
