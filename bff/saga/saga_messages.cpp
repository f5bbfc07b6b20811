#include "bff/saga/saga_messages.h"

#include "bff/messages/message_types.h"
#include "shared/domain/campaign_terms.h"

namespace alpes::saga {
namespace {

namespace types = messages::types;

constexpr size_t kMaxShares = 10000;
constexpr size_t kMaxText = 2000;

// How many items a list field holds; a missing list counts as empty.
size_t countOf(const json::ObjectReader& reader, std::string_view key)
{
    const json::Json* items = reader.raw(key);
    return items && items->is_array() ? items->size() : 0;
}

std::vector<AttributedShare> readShares(json::ObjectReader& reader, json::FieldErrors& errors)
{
    std::vector<AttributedShare> shares;
    const json::Json* items = reader.raw("shares");
    if (!items || !items->is_array() || items->size() > kMaxShares) {
        reader.fail("shares", "Must be an array of at most " + std::to_string(kMaxShares) + " shares");
        return shares;
    }
    for (size_t i = 0; i < items->size(); ++i) {
        json::ObjectReader item((*items)[i], reader.pathOf("shares[" + std::to_string(i) + "]"), errors);
        const auto affiliateId = item.string("affiliateId", true, 1, 200);
        const auto amount = item.money("amount", true);
        if (affiliateId && amount)
            shares.push_back({AffiliateId(*affiliateId), *amount});
    }
    return shares;
}

std::string plural(size_t count, std::string_view noun)
{
    return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

}  // namespace

bool isPurchaseTracked(const json::Json& payload)
{
    return payload.is_object() && payload.value("type", "") == "purchase";
}

Result<std::optional<PurchaseTracked>> readPurchaseTracked(const json::Json& payload)
{
    if (!isPurchaseTracked(payload))
        return std::optional<PurchaseTracked>();
    json::FieldErrors errors;
    json::ObjectReader reader(payload, "", errors);
    const auto sagaId = reader.string("sagaId", true, 1, 200);
    const auto id = reader.string("id", true, 1, 200);
    const auto campaignId = reader.string("campaignId", true, 1, 200);
    const auto affiliateId = reader.string("affiliateId", true, 1, 200);
    const auto orderId = reader.string("orderId", true, 1, 200);
    const auto amount = reader.money("amount", true);
    if (!errors.empty())
        return errors.status().error();
    return std::optional<PurchaseTracked>(PurchaseTracked{SagaId(*sagaId), ConversionId(*id), CampaignId(*campaignId),
                                                          AffiliateId(*affiliateId), *orderId, *amount});
}

Result<Reply> readReply(const messages::Envelope& message)
{
    json::FieldErrors errors;
    json::ObjectReader reader(message.payload, "", errors);
    Reply reply;
    const std::string_view type = message.type;
    if (type == types::kConversionAttributed) {
        reply.shares = readShares(reader, errors);
        const auto model = reader.string("model", false, 0, 100);
        reply.summary = "attributed (" + model.value_or("?") + ") to " + plural(reply.shares.size(), "partner");
    } else if (type == types::kConversionUnattributed) {
        reply.reason = reader.string("reason", true, 1, kMaxText);
        reply.summary = "unattributed: " + reply.reason.value_or("");
    } else if (type == types::kFraudDetected) {
        reply.rule = reader.string("rule", true, 1, 100);
        reply.detail = reader.string("detail", false, 0, kMaxText).value_or("");
        reply.summary = "fraud: " + reply.rule.value_or("") + (reply.detail->empty() ? "" : " (" + *reply.detail + ")");
    } else if (type == types::kCommissionReserved) {
        reply.amount = reader.money("total", true);
        reply.reason = reader.string("reason", false, 1, 100);
        reply.summary = reply.reason ? "refused: " + *reply.reason
                                     : "reserved " + (reply.amount ? reply.amount->toString() : "?") + " in " +
                                           plural(countOf(reader, "commissions"), "commission");
    } else if (type == types::kBudgetReserved) {
        reply.amount = reader.money("amount", true);
        const auto remaining = reader.money("remaining", false);
        reply.summary = "reserved " + (reply.amount ? reply.amount->toString() : "?") +
                        (remaining ? ", " + remaining->toString() + " left" : "");
    } else if (type == types::kBudgetExceeded) {
        reply.reason = reader.string("reason", true, 1, 100);
        const auto remaining = reader.money("remaining", false);
        reply.summary = "refused: " + reply.reason.value_or("") +
                        (remaining ? ", " + remaining->toString() + " left" : "");
    } else if (type == types::kCommissionConfirmed) {
        reply.summary = "confirmed " + plural(countOf(reader, "commissionIds"), "commission");
    } else if (type == types::kBudgetReleased) {
        reply.amount = reader.money("amount", true);
        reply.summary = "released " + (reply.amount ? reply.amount->toString() : "?");
    } else if (type == types::kCommissionReverted) {
        reply.summary = "reverted " + plural(countOf(reader, "commissionIds"), "commission");
    } else if (type == types::kAttributionReverted) {
        const auto reverted = reader.boolean("reverted", false);
        reply.summary = reverted.value_or(true) ? "attribution reverted" : "no attribution to revert";
    } else if (type == types::kInteractionsDiscarded) {
        reply.summary = "discarded " + plural(countOf(reader, "interactionIds"), "interaction");
    } else {
        return Error::validation("type", "The saga does not read " + message.type);
    }
    if (!errors.empty())
        return errors.status().error();
    return reply;
}

json::Json sharesJson(const std::vector<AttributedShare>& shares)
{
    json::Json items = json::Json::array();
    for (const auto& share : shares)
        items.push_back({{"affiliateId", share.affiliateId.str()}, {"amount", domain::toJson(share.amount)}});
    return items;
}

}  // namespace alpes::saga
