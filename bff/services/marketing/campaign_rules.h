#pragma once

#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/core/time.h"
#include "shared/domain/enum_names.h"
#include "shared/domain/vocabulary.h"
#include "shared/dto/campaign.h"

#include <optional>

namespace alpes::services::marketing {

enum class CampaignAction { Activate, Pause, Resume, Finish, Cancel };

// The campaign lifecycle of product.md §2: draft → active (activate) ⇄ paused (pause / resume) →
// finished (finish, from active or paused); draft | paused → cancelled. Anything else is refused
// with a Conflict that names both ends.
Result<domain::CampaignState> transition(domain::CampaignState from, CampaignAction action);

// The transition plus the schedule: a campaign cannot start running (activate, or resume) once its
// endsAt has passed, since it would only wait to be finished; that is a Validation error on endsAt.
Result<domain::CampaignState> nextState(const dto::Campaign& campaign, CampaignAction action, UtcTime now);

// What a PATCH may change, by state:
// - draft: every field; the result must still be a valid campaign (endsAt after startsAt, commission
//   amounts in the budget's currency).
// - active, paused: name, description, endsAt and budget, because partners and conversions already
//   rely on the rest (the brand, kind, start, terms, attribution and hold period they were enrolled
//   under). endsAt must stay after startsAt and not be in the past; the budget keeps its currency
//   and does not go below what is already spent. Any other field is a Conflict naming the fields.
// - finished, cancelled: nothing, a Conflict.
// `current.spent` must be the ledger's live total. The brand is taken as given; the service
// resolves a brand id against its brands.
Result<dto::Campaign> applyPatch(const dto::Campaign& current, const dto::CampaignPatch& patch, UtcTime now);

// The invariants every stored campaign keeps, whatever built it: endsAt after startsAt, a positive
// budget, commission amounts in the budget's currency.
Status checkCampaign(const dto::Campaign& campaign);

// Partners join running and future campaigns only.
Status checkEnrollment(domain::CampaignState state);

// Why the budget ledger refuses a reservation (the `reason` of BudgetExceeded).
enum class BudgetRefusal { CampaignNotActive, Budget };
inline constexpr domain::EnumNames<BudgetRefusal, 2> kBudgetRefusals{
    {{{BudgetRefusal::CampaignNotActive, "campaign_not_active"}, {BudgetRefusal::Budget, "budget"}}}};

// Whether `campaign` can take `amount` more at `now`: only an active campaign inside
// [startsAt, endsAt) with enough left. `amount` is in the budget's currency and `campaign.spent` is
// the ledger's live total. Nothing means it can.
std::optional<BudgetRefusal> refuseReservation(const dto::Campaign& campaign, const Money& amount, UtcTime now);

}  // namespace alpes::services::marketing
