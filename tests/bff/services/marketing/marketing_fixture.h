#pragma once

// What the marketing tests share: a clock they move by hand, a valid draft, the messages other
// services would send, and a look at what the service appended to its outbox.

#include "bff/events/outbox.h"
#include "bff/messages/message_types.h"
#include "bff/services/marketing/marketing_service.h"
#include "shared/dto/affiliate.h"
#include "tests/support/test_clock.h"

#include <atomic>
#include <string>
#include <vector>

namespace alpes::testing {

inline UtcTime at(const char* rfc3339)
{
    return parseRfc3339(rfc3339).value();
}

inline Money usd(std::int64_t minorUnits)
{
    return Money::of(minorUnits, "USD").value();
}

// A draft that runs from a day before `now` to thirty days after it.
inline dto::CampaignDraft draftAround(UtcTime now, std::string name = "Summer sale", std::int64_t budget = 100000)
{
    dto::CampaignDraft draft;
    draft.name = std::move(name);
    draft.description = "Sunglasses and hats";
    draft.brand = dto::Brand{std::nullopt, "Acme"};
    draft.kind = domain::CampaignKind::Mixed;
    draft.startsAt = now - std::chrono::days(1);
    draft.endsAt = now + std::chrono::days(30);
    draft.budget = usd(budget);
    draft.commission.type = domain::CommissionType::Fixed;
    draft.commission.fixedAmount = usd(500);
    return draft;
}

inline messages::Envelope affiliateEvent(std::string_view type, const AffiliateId& id, domain::AffiliateState state,
                                         UtcTime time)
{
    json::Json payload;
    if (type == messages::types::kAffiliateRegistered) {
        dto::Affiliate affiliate;
        affiliate.id = id;
        affiliate.name = "Partner " + id.str();
        affiliate.email = id.str() + "@example.com";
        affiliate.state = state;
        affiliate.createdAt = affiliate.updatedAt = time;
        payload = dto::toJson(affiliate);
    } else {
        payload = json::Json{{"affiliateId", id.str()}, {"status", domain::kAffiliateStates.name(state)}};
    }
    return messages::makeEnvelope(std::string(type), 1, "affiliates", id.str(), std::move(payload), time);
}

// A command as the saga sends it: correlated with its saga.
inline messages::Envelope sagaCommand(std::string_view type, json::Json payload, const std::string& sagaId,
                                      UtcTime time)
{
    std::string key = payload.value("conversionId", "");
    auto command = messages::makeEnvelope(std::string(type), 1, "saga", std::move(key), std::move(payload), time);
    command.correlationId = sagaId;
    return command;
}

inline messages::Envelope reserveBudget(const std::string& conversionId, const CampaignId& campaign,
                                        const Money& amount, UtcTime time, const std::string& sagaId = "saga-1")
{
    return sagaCommand(messages::types::kReserveBudget,
                       json::Json{{"conversionId", conversionId},
                                  {"campaignId", campaign.str()},
                                  {"amount", domain::toJson(amount)}},
                       sagaId, time);
}

inline messages::Envelope releaseBudget(const std::string& conversionId, const CampaignId& campaign, UtcTime time,
                                        const std::string& sagaId = "saga-1")
{
    return sagaCommand(messages::types::kReleaseBudget,
                       json::Json{{"conversionId", conversionId}, {"campaignId", campaign.str()}}, sagaId, time);
}

// What the service has committed to its outbox (its relay is not started in these tests), oldest
// first; only messages of `type` unless it is empty.
inline std::vector<messages::Envelope> outbox(services::marketing::MarketingService& service,
                                              std::string_view type = {})
{
    auto rows = service.database().readers().read(
        [](storage::Database& db) -> Result<std::vector<std::pair<std::int64_t, messages::Envelope>>> {
            return events::readOutbox(db, 100000);
        });
    std::vector<messages::Envelope> messages;
    for (auto& [seq, envelope] : rows.value())
        if (type.empty() || envelope.type == type)
            messages.push_back(std::move(envelope));
    return messages;
}

inline Status deliver(services::marketing::MarketingService& service, const messages::Envelope& message)
{
    return service.consumer().deliver(std::span(&message, 1));
}

}  // namespace alpes::testing
