#pragma once

#include "bff/events/consumer.h"
#include "bff/services/marketing/campaign_repository.h"
#include "bff/services/marketing/campaign_rules.h"
#include "bff/services/service_database.h"
#include "shared/core/paging.h"
#include "shared/dto/campaign.h"

#include <memory>
#include <vector>

namespace alpes::services::marketing {

// A campaign's budget for the aggregated views: total = budget, spent = live reservations.
struct CampaignBudget {
    Money total;
    Money spent;
    Money remaining;
};

// Campaigns: their lifecycle, schedule, enrolled partners and the budget ledger the conversion saga
// reserves against. Every change commits with its event in the outbox. The consumer keeps
// marketing's copy of the partners and answers the saga's ReserveBudget and ReleaseBudget.
// Thread-safety: all methods may be called from any thread.
class MarketingService {
public:
    static constexpr std::string_view kName = "marketing";

    static Result<std::unique_ptr<MarketingService>> open(const ServiceDatabase::Options& options,
                                                          events::MessageBus& bus, const Clock& clock);

    // A brand without an id becomes a new brand; a brand id must be known (else Validation on brand.id).
    Result<dto::Campaign> create(const dto::CampaignDraft& draft);
    Result<dto::Campaign> get(const CampaignId& id);
    Result<Page<dto::Campaign>> list(const CampaignFilter& filter, const PageRequest& page);
    // What a patch may change depends on the state: see applyPatch in campaign_rules.h.
    Result<dto::Campaign> update(const CampaignId& id, const dto::CampaignPatch& patch);

    Result<dto::Campaign> activate(const CampaignId& id);
    Result<dto::Campaign> pause(const CampaignId& id);
    Result<dto::Campaign> resume(const CampaignId& id);
    Result<dto::Campaign> finish(const CampaignId& id);
    Result<dto::Campaign> cancel(const CampaignId& id);
    // Finishes every active or paused campaign whose endsAt has passed; returns how many.
    Result<size_t> finishExpired();

    // Enrolls partners marketing knows of (from the affiliates events); unknown ids are a Validation
    // error on "affiliateIds[i]". Enrolling a partner twice changes nothing.
    Result<dto::Campaign> enroll(const CampaignId& id, const std::vector<AffiliateId>& affiliateIds);

    Result<CampaignBudget> budget(const CampaignId& id);

    // Handles AffiliateRegistered, AffiliateApproved, AffiliateSuspended, AffiliateReinstated,
    // ReserveBudget and ReleaseBudget; subscribe it to the bus.
    events::Consumer& consumer() { return m_consumer; }
    ServiceDatabase& database() { return *m_db; }

private:
    MarketingService(std::unique_ptr<ServiceDatabase> db, const Clock& clock);

    Result<dto::Campaign> changeState(const CampaignId& id, CampaignAction action);
    Status handle(storage::Database& db, const messages::Envelope& message);
    Status copyAffiliate(storage::Database& db, const messages::Envelope& message);
    Status reserveBudget(storage::Database& db, const messages::Envelope& command);
    Status releaseBudget(storage::Database& db, const messages::Envelope& command);

    std::unique_ptr<ServiceDatabase> m_db;
    const Clock& m_clock;
    // Every message marketing reads is at version 1 so far; upcasting steps are added here when a
    // producer moves on.
    messages::Upcaster m_upcaster;
    events::Consumer m_consumer;
};

}  // namespace alpes::services::marketing
