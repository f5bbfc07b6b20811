#pragma once

#include <string_view>

namespace alpes::messages::types {

// Events: PascalCase past tense (product.md §4).
inline constexpr std::string_view kAffiliateRegistered = "AffiliateRegistered";
inline constexpr std::string_view kAffiliateApproved = "AffiliateApproved";
inline constexpr std::string_view kAffiliateSuspended = "AffiliateSuspended";
inline constexpr std::string_view kAffiliateReinstated = "AffiliateReinstated";
inline constexpr std::string_view kCampaignCreated = "CampaignCreated";
inline constexpr std::string_view kCampaignUpdated = "CampaignUpdated";
inline constexpr std::string_view kCampaignActivated = "CampaignActivated";
inline constexpr std::string_view kCampaignPaused = "CampaignPaused";
inline constexpr std::string_view kCampaignResumed = "CampaignResumed";
inline constexpr std::string_view kCampaignFinished = "CampaignFinished";
inline constexpr std::string_view kCampaignCancelled = "CampaignCancelled";
inline constexpr std::string_view kAffiliatesEnrolled = "AffiliatesEnrolled";
inline constexpr std::string_view kInteractionTracked = "InteractionTracked";
inline constexpr std::string_view kConversionAttributed = "ConversionAttributed";
inline constexpr std::string_view kConversionUnattributed = "ConversionUnattributed";
inline constexpr std::string_view kFraudDetected = "FraudDetected";
inline constexpr std::string_view kAttributionReverted = "AttributionReverted";
inline constexpr std::string_view kInteractionsDiscarded = "InteractionsDiscarded";
inline constexpr std::string_view kCommissionReserved = "CommissionReserved";
inline constexpr std::string_view kCommissionConfirmed = "CommissionConfirmed";
inline constexpr std::string_view kCommissionReverted = "CommissionReverted";
inline constexpr std::string_view kBudgetReserved = "BudgetReserved";
inline constexpr std::string_view kBudgetExceeded = "BudgetExceeded";
inline constexpr std::string_view kBudgetReleased = "BudgetReleased";

// Commands: imperative, sent by the conversion saga.
inline constexpr std::string_view kAttributeConversion = "AttributeConversion";
inline constexpr std::string_view kReserveCommission = "ReserveCommission";
inline constexpr std::string_view kReserveBudget = "ReserveBudget";
inline constexpr std::string_view kConfirmCommission = "ConfirmCommission";
inline constexpr std::string_view kReleaseBudget = "ReleaseBudget";
inline constexpr std::string_view kRevertCommission = "RevertCommission";
inline constexpr std::string_view kRevertAttribution = "RevertAttribution";
inline constexpr std::string_view kDiscardInteractions = "DiscardInteractions";

}  // namespace alpes::messages::types
