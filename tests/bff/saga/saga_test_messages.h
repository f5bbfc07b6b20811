#pragma once

// The replies the services send the saga, as docs/messages.md describes them, for tests that drive
// the saga by hand.

#include "bff/messages/message_types.h"
#include "bff/saga/saga_messages.h"
#include "shared/domain/campaign_terms.h"
#include "shared/messages/envelope.h"

#include <string>

namespace alpes::testing {

inline Money usd(std::int64_t minorUnits)
{
    return Money::of(minorUnits, "USD").value();
}

inline saga::PurchaseTracked purchaseTracked(const std::string& suffix = "1")
{
    return {SagaId("saga-" + suffix), ConversionId("conversion-" + suffix), CampaignId("campaign-1"),
            AffiliateId("affiliate-1"), "order-" + suffix, usd(10000)};
}

// A purchase's InteractionTracked as tracking publishes it.
inline messages::Envelope interactionTracked(const saga::PurchaseTracked& purchase, UtcTime at)
{
    json::Json payload{{"id", purchase.conversionId.str()},
                       {"type", "purchase"},
                       {"campaignId", purchase.campaignId.str()},
                       {"affiliateId", purchase.affiliateId.str()},
                       {"userId", "user-1"},
                       {"occurredAt", formatRfc3339(at)},
                       {"receivedAt", formatRfc3339(at)},
                       {"orderId", purchase.orderId},
                       {"amount", domain::toJson(purchase.amount)},
                       {"state", "recorded"},
                       {"sagaId", purchase.sagaId.str()}};
    return messages::makeEnvelope(std::string(messages::types::kInteractionTracked), 1, "tracking",
                                  purchase.conversionId.str(), std::move(payload), at);
}

// A reply to the last command of `command` (its causation), in the saga of `purchase`.
inline messages::Envelope reply(std::string_view type, const saga::PurchaseTracked& purchase, json::Json payload,
                                UtcTime at, const std::string& causationId = {})
{
    payload["conversionId"] = purchase.conversionId.str();
    if (!payload.contains("campaignId"))
        payload["campaignId"] = purchase.campaignId.str();
    auto envelope = messages::makeEnvelope(std::string(type), 1, "test", purchase.conversionId.str(),
                                           std::move(payload), at);
    envelope.correlationId = purchase.sagaId.str();
    envelope.causationId = causationId;
    return envelope;
}

inline json::Json attributedPayload(const saga::PurchaseTracked& purchase)
{
    return json::Json{{"orderId", purchase.orderId},
                      {"amount", domain::toJson(purchase.amount)},
                      {"model", "last_touch"},
                      {"shares", json::Json::array({{{"affiliateId", purchase.affiliateId.str()},
                                                     {"weight", 1.0},
                                                     {"amount", domain::toJson(purchase.amount)}}})},
                      {"touchpointIds", json::Json::array({"click-1"})}};
}

inline json::Json commissionReservedPayload(std::int64_t total)
{
    json::Json commissions = json::Json::array();
    if (total > 0)
        commissions.push_back(
            {{"commissionId", "commission-1"}, {"affiliateId", "affiliate-1"}, {"amount", domain::toJson(usd(total))}});
    return json::Json{{"total", domain::toJson(usd(total))}, {"commissions", commissions}};
}

inline json::Json refusedCommissionPayload(std::string_view reason)
{
    return json::Json{{"total", domain::toJson(usd(0))}, {"commissions", json::Json::array()}, {"reason", reason}};
}

inline json::Json budgetReservedPayload(std::int64_t amount)
{
    return json::Json{{"amount", domain::toJson(usd(amount))},
                      {"spent", domain::toJson(usd(amount))},
                      {"remaining", domain::toJson(usd(100000 - amount))}};
}

inline json::Json budgetExceededPayload(std::int64_t amount)
{
    return json::Json{
        {"amount", domain::toJson(usd(amount))}, {"remaining", domain::toJson(usd(0))}, {"reason", "budget"}};
}

inline json::Json fraudPayload(std::string_view rule, std::string_view detail)
{
    return json::Json{{"rule", rule}, {"detail", detail}};
}

}  // namespace alpes::testing
