#pragma once

#include "bff/services/commissions/commission_calculator.h"
#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/domain/vocabulary.h"
#include "shared/json/json_decoder.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The payloads (version 1) of the commands commissions handles and the events it publishes, as
// docs/messages.md describes them, plus what it reads of the affiliates' status events. Readers
// ignore unknown fields so that newer producers stay readable.
namespace alpes::services::commissions {

// Why a CommissionReserved reserves nothing although the conversion was attributed.
inline constexpr std::string_view kReasonUnknownCampaign = "unknown_campaign";
inline constexpr std::string_view kReasonCurrencyMismatch = "currency_mismatch";
// A non-final ReserveCommission while a share's partner is unknown or pending in commissions' copy:
// its approval may still be on the way, so nothing is reserved yet and the saga asks again.
inline constexpr std::string_view kReasonAwaitingPartner = "awaiting_partner";

struct ReserveCommissionCommand {
    ConversionId conversionId;
    CampaignId campaignId;
    std::vector<AttributedShare> shares;
    // Whether this attempt must decide with the copies as they stand; absent (a sender that does not
    // retry, or any message before the field existed) means true: decide at once.
    bool final = true;
};

struct ConfirmCommissionCommand {
    ConversionId conversionId;
};

struct RevertCommissionCommand {
    ConversionId conversionId;
    std::string reason;
};

struct ReservedCommission {
    CommissionId commissionId;
    AffiliateId affiliateId;
    Money amount;
};

struct CommissionReservedEvent {
    ConversionId conversionId;
    CampaignId campaignId;
    Money total;
    std::vector<ReservedCommission> commissions;
    std::optional<std::string> reason;
};

// campaignId is absent when commissions never reserved anything for the conversion.
struct CommissionConfirmedEvent {
    ConversionId conversionId;
    std::optional<CampaignId> campaignId;
    std::vector<CommissionId> commissionIds;
};

struct CommissionRevertedEvent {
    ConversionId conversionId;
    std::optional<CampaignId> campaignId;
    std::vector<CommissionId> commissionIds;
    std::string reason;
};

// AffiliateApproved, AffiliateSuspended, AffiliateReinstated.
struct AffiliateStatusChange {
    AffiliateId affiliateId;
    domain::AffiliateState status = domain::AffiliateState::Pending;
};

Result<ReserveCommissionCommand> decodeReserveCommission(const json::Json& payload);
json::Json toJson(const ReserveCommissionCommand& command);
Result<ConfirmCommissionCommand> decodeConfirmCommission(const json::Json& payload);
json::Json toJson(const ConfirmCommissionCommand& command);
Result<RevertCommissionCommand> decodeRevertCommission(const json::Json& payload);
json::Json toJson(const RevertCommissionCommand& command);

Result<CommissionReservedEvent> decodeCommissionReserved(const json::Json& payload);
json::Json toJson(const CommissionReservedEvent& event);
Result<CommissionConfirmedEvent> decodeCommissionConfirmed(const json::Json& payload);
json::Json toJson(const CommissionConfirmedEvent& event);
Result<CommissionRevertedEvent> decodeCommissionReverted(const json::Json& payload);
json::Json toJson(const CommissionRevertedEvent& event);

Result<AffiliateStatusChange> decodeAffiliateStatusChange(const json::Json& payload);

}  // namespace alpes::services::commissions
