#include "bff/services/commissions/commission_rules.h"

#include <string>

namespace alpes::services::commissions {

Result<domain::CommissionState> transition(domain::CommissionState from, CommissionAction action)
{
    using domain::CommissionState;
    struct Rule {
        CommissionAction action;
        CommissionState from;
        CommissionState to;
    };
    static constexpr Rule kRules[] = {
        {CommissionAction::Confirm, CommissionState::Reserved, CommissionState::Confirmed},
        {CommissionAction::Revert, CommissionState::Reserved, CommissionState::Reverted},
        {CommissionAction::Revert, CommissionState::Confirmed, CommissionState::Reverted},
    };
    for (const Rule& rule : kRules)
        if (rule.action == action && rule.from == from)
            return rule.to;
    const char* verb = action == CommissionAction::Confirm ? "confirm" : "revert";
    return Error::conflict(std::string("Cannot ") + verb + " a commission that is " +
                           std::string(domain::kCommissionStates.name(from)));
}

}  // namespace alpes::services::commissions
