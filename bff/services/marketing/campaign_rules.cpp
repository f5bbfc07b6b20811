#include "bff/services/marketing/campaign_rules.h"

#include <utility>
#include <vector>

namespace alpes::services::marketing {
namespace {

using domain::CampaignState;

std::string stateName(CampaignState state)
{
    return std::string(domain::kCampaignStates.name(state));
}

std::string_view verbOf(CampaignAction action)
{
    switch (action) {
    case CampaignAction::Activate: return "activate";
    case CampaignAction::Pause: return "pause";
    case CampaignAction::Resume: return "resume";
    case CampaignAction::Finish: return "finish";
    case CampaignAction::Cancel: return "cancel";
    }
    return "change";
}

bool isClosed(CampaignState state)
{
    return state == CampaignState::Finished || state == CampaignState::Cancelled;
}

}  // namespace

Result<CampaignState> transition(CampaignState from, CampaignAction action)
{
    struct Rule {
        CampaignAction action;
        CampaignState from;
        CampaignState to;
    };
    static constexpr Rule kRules[] = {
        {CampaignAction::Activate, CampaignState::Draft, CampaignState::Active},
        {CampaignAction::Pause, CampaignState::Active, CampaignState::Paused},
        {CampaignAction::Resume, CampaignState::Paused, CampaignState::Active},
        {CampaignAction::Finish, CampaignState::Active, CampaignState::Finished},
        {CampaignAction::Finish, CampaignState::Paused, CampaignState::Finished},
        {CampaignAction::Cancel, CampaignState::Draft, CampaignState::Cancelled},
        {CampaignAction::Cancel, CampaignState::Paused, CampaignState::Cancelled},
    };
    std::string allowed;
    for (const Rule& rule : kRules) {
        if (rule.action != action)
            continue;
        if (rule.from == from)
            return rule.to;
        allowed += (allowed.empty() ? "" : " or ") + stateName(rule.from);
    }
    return Error::conflict("Cannot " + std::string(verbOf(action)) + " a campaign that is " + stateName(from) +
                           "; it must be " + allowed);
}

Result<CampaignState> nextState(const dto::Campaign& campaign, CampaignAction action, UtcTime now)
{
    auto next = transition(campaign.state, action);
    if (next && *next == CampaignState::Active && campaign.endsAt <= now)
        return Error::validation("endsAt", "The campaign ended at " + formatRfc3339(campaign.endsAt) +
                                               "; move endsAt into the future first");
    return next;
}

Result<dto::Campaign> applyPatch(const dto::Campaign& current, const dto::CampaignPatch& patch, UtcTime now)
{
    const std::string state = stateName(current.state);
    if (isClosed(current.state))
        return Error::conflict("A " + state + " campaign cannot be changed");
    const bool running = current.state != CampaignState::Draft;
    if (running) {
        const std::pair<const char*, bool> lockedFields[] = {
            {"brand", patch.brand.has_value()},
            {"kind", patch.kind.has_value()},
            {"startsAt", patch.startsAt.has_value()},
            {"commission", patch.commission.has_value()},
            {"attribution", patch.attribution.has_value()},
            {"holdPeriodSeconds", patch.holdPeriodSeconds.has_value()},
        };
        std::vector<FieldError> locked;
        for (const auto& [field, given] : lockedFields)
            if (given)
                locked.push_back({field, "Cannot be changed while the campaign is " + state});
        if (!locked.empty())
            return Error{ErrorCode::Conflict,
                         "A campaign that is " + state + " accepts changes to name, description, endsAt and budget only",
                         {}, std::move(locked)};
    }

    std::vector<FieldError> errors;
    if (running && patch.endsAt && *patch.endsAt <= now)
        errors.push_back({"endsAt", "Must not be in the past"});
    if (running && patch.budget) {
        if (!patch.budget->sameCurrency(current.budget))
            errors.push_back({"budget.currency", "Must stay " + current.budget.currency() + " while the campaign is " + state});
        else if (patch.budget->amount() < current.spent.amount())
            errors.push_back({"budget.amount", "Must not be less than what is already spent (" +
                                                   current.spent.toString() + ")"});
    }
    if (!errors.empty())
        return Error::validation(std::move(errors));

    dto::Campaign next = current;
    if (patch.name)
        next.name = *patch.name;
    if (patch.description)
        next.description = *patch.description;
    if (patch.brand)
        next.brand = *patch.brand;
    if (patch.kind)
        next.kind = *patch.kind;
    if (patch.startsAt)
        next.startsAt = *patch.startsAt;
    if (patch.endsAt)
        next.endsAt = *patch.endsAt;
    if (patch.budget) {
        next.budget = *patch.budget;
        // Spent is counted in the budget's currency; only a draft, which has spent nothing, may change it.
        if (!next.budget.sameCurrency(current.budget))
            next.spent = next.budget.zeroLike();
    }
    if (patch.commission)
        next.commission = *patch.commission;
    if (patch.attribution)
        next.attribution = *patch.attribution;
    if (patch.holdPeriodSeconds)
        next.holdPeriodSeconds = *patch.holdPeriodSeconds;
    if (Status valid = checkCampaign(next); !valid)
        return std::move(valid).error();
    return next;
}

Status checkCampaign(const dto::Campaign& campaign)
{
    std::vector<FieldError> errors;
    if (campaign.endsAt <= campaign.startsAt)
        errors.push_back({"endsAt", "Must be after startsAt"});
    if (campaign.budget.amount() <= 0)
        errors.push_back({"budget.amount", "Must be greater than zero"});
    const std::pair<const char*, const std::optional<Money>*> terms[] = {
        {"commission.amount", &campaign.commission.fixedAmount},
        {"commission.minimum", &campaign.commission.minimum},
        {"commission.maximum", &campaign.commission.maximum},
    };
    for (const auto& [field, money] : terms)
        if (*money && !(*money)->sameCurrency(campaign.budget))
            errors.push_back({field, "Must be in the budget's currency (" + campaign.budget.currency() + ")"});
    if (!errors.empty())
        return Error::validation(std::move(errors));
    return {};
}

Status checkEnrollment(CampaignState state)
{
    if (isClosed(state))
        return Error::conflict("Cannot enroll partners in a campaign that is " + stateName(state) +
                               "; it must be draft, active or paused");
    return {};
}

std::optional<BudgetRefusal> refuseReservation(const dto::Campaign& campaign, const Money& amount, UtcTime now)
{
    if (campaign.state != CampaignState::Active || now < campaign.startsAt || now >= campaign.endsAt)
        return BudgetRefusal::CampaignNotActive;
    // The ledger keeps spent ≤ budget, so the difference cannot overflow where spent + amount could.
    if (amount.amount() > campaign.budget.amount() - campaign.spent.amount())
        return BudgetRefusal::Budget;
    return std::nullopt;
}

}  // namespace alpes::services::marketing
