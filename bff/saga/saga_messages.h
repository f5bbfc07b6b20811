#pragma once

#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/messages/envelope.h"

#include <optional>
#include <string>
#include <vector>

// What the saga reads from the events it consumes and what its commands carry (docs/messages.md,
// version 1). Readers ignore unknown fields so that newer producers stay readable; the saga keeps
// its own readers rather than another service's code, as it would across a process boundary.
namespace alpes::saga {

// A purchase's InteractionTracked: what starts a saga.
struct PurchaseTracked {
    SagaId sagaId;
    ConversionId conversionId;
    CampaignId campaignId;
    AffiliateId affiliateId;
    std::string orderId;
    Money amount;
};

// Whether an InteractionTracked's payload is a purchase's (whatever else it holds).
bool isPurchaseTracked(const json::Json& payload);
// nullopt for an interaction that is not a purchase: it starts no saga.
Result<std::optional<PurchaseTracked>> readPurchaseTracked(const json::Json& payload);

struct AttributedShare {
    AffiliateId affiliateId;
    Money amount;
};

// The fields of a reply the saga acts on, whichever its type, and one line for the timeline.
struct Reply {
    std::vector<AttributedShare> shares;  // ConversionAttributed
    std::optional<Money> amount;          // CommissionReserved's total, BudgetReserved's and BudgetReleased's amount
    // Why nothing happened: ConversionUnattributed, a refused CommissionReserved, BudgetExceeded.
    std::optional<std::string> reason;
    std::optional<std::string> rule;    // FraudDetected
    std::optional<std::string> detail;  // FraudDetected
    std::string summary;
};

// Validation when a field the saga needs is missing or malformed.
Result<Reply> readReply(const messages::Envelope& message);

// The shares of a ConversionAttributed as ReserveCommission carries them: [{affiliateId, amount}].
json::Json sharesJson(const std::vector<AttributedShare>& shares);

}  // namespace alpes::saga
