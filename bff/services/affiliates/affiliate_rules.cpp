#include "bff/services/affiliates/affiliate_rules.h"

namespace alpes::services::affiliates {

Result<domain::AffiliateState> transition(domain::AffiliateState from, AffiliateAction action)
{
    using domain::AffiliateState;
    struct Rule {
        AffiliateAction action;
        AffiliateState from;
        AffiliateState to;
        const char* verb;
    };
    static constexpr Rule kRules[] = {
        {AffiliateAction::Approve, AffiliateState::Pending, AffiliateState::Active, "approve"},
        {AffiliateAction::Suspend, AffiliateState::Active, AffiliateState::Suspended, "suspend"},
        {AffiliateAction::Reinstate, AffiliateState::Suspended, AffiliateState::Active, "reinstate"},
    };
    for (const Rule& rule : kRules) {
        if (rule.action != action)
            continue;
        if (rule.from == from)
            return rule.to;
        return Error::conflict(std::string("Cannot ") + rule.verb + " a partner that is " +
                               std::string(domain::kAffiliateStates.name(from)) + "; it must be " +
                               std::string(domain::kAffiliateStates.name(rule.from)));
    }
    return Error::internal("Unknown affiliate action");
}

}  // namespace alpes::services::affiliates
