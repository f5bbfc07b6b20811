#pragma once

#include "shared/domain/enum_names.h"

namespace alpes::domain {

// The fixed vocabulary of product.md §2, with its wire spellings.

enum class AffiliateKind { Affiliate, Influencer };
inline constexpr EnumNames<AffiliateKind, 2> kAffiliateKinds{
    {{{AffiliateKind::Affiliate, "affiliate"}, {AffiliateKind::Influencer, "influencer"}}}};

enum class Platform { Instagram, TikTok, YouTube, X, Facebook, LinkedIn, Web };
inline constexpr EnumNames<Platform, 7> kPlatforms{{{{Platform::Instagram, "instagram"},
                                                      {Platform::TikTok, "tiktok"},
                                                      {Platform::YouTube, "youtube"},
                                                      {Platform::X, "x"},
                                                      {Platform::Facebook, "facebook"},
                                                      {Platform::LinkedIn, "linkedin"},
                                                      {Platform::Web, "web"}}}};

enum class AffiliateState { Pending, Active, Suspended };
inline constexpr EnumNames<AffiliateState, 3> kAffiliateStates{{{{AffiliateState::Pending, "pending"},
                                                                  {AffiliateState::Active, "active"},
                                                                  {AffiliateState::Suspended, "suspended"}}}};

enum class CampaignKind { Influencer, Affiliate, Mixed };
inline constexpr EnumNames<CampaignKind, 3> kCampaignKinds{{{{CampaignKind::Influencer, "influencer"},
                                                              {CampaignKind::Affiliate, "affiliate"},
                                                              {CampaignKind::Mixed, "mixed"}}}};

enum class CampaignState { Draft, Active, Paused, Finished, Cancelled };
inline constexpr EnumNames<CampaignState, 5> kCampaignStates{{{{CampaignState::Draft, "draft"},
                                                                {CampaignState::Active, "active"},
                                                                {CampaignState::Paused, "paused"},
                                                                {CampaignState::Finished, "finished"},
                                                                {CampaignState::Cancelled, "cancelled"}}}};

enum class InteractionType { View, Click, Like, Lead, Purchase };
inline constexpr EnumNames<InteractionType, 5> kInteractionTypes{{{{InteractionType::View, "view"},
                                                                    {InteractionType::Click, "click"},
                                                                    {InteractionType::Like, "like"},
                                                                    {InteractionType::Lead, "lead"},
                                                                    {InteractionType::Purchase, "purchase"}}}};

enum class InteractionState { Recorded, Discarded };
inline constexpr EnumNames<InteractionState, 2> kInteractionStates{
    {{{InteractionState::Recorded, "recorded"}, {InteractionState::Discarded, "discarded"}}}};

enum class AttributionModel { LastTouch, FirstTouch, Linear, PositionBased, TimeDecay };
inline constexpr EnumNames<AttributionModel, 5> kAttributionModels{
    {{{AttributionModel::LastTouch, "last_touch"},
      {AttributionModel::FirstTouch, "first_touch"},
      {AttributionModel::Linear, "linear"},
      {AttributionModel::PositionBased, "position_based"},
      {AttributionModel::TimeDecay, "time_decay"}}}};

enum class CommissionType { Percent, Fixed };
inline constexpr EnumNames<CommissionType, 2> kCommissionTypes{
    {{{CommissionType::Percent, "percent"}, {CommissionType::Fixed, "fixed"}}}};

enum class CommissionState { Reserved, Confirmed, Reverted };
inline constexpr EnumNames<CommissionState, 3> kCommissionStates{{{{CommissionState::Reserved, "reserved"},
                                                                    {CommissionState::Confirmed, "confirmed"},
                                                                    {CommissionState::Reverted, "reverted"}}}};

}  // namespace alpes::domain
