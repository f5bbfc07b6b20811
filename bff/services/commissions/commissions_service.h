#pragma once

#include "bff/events/consumer.h"
#include "bff/services/service_database.h"
#include "shared/core/paging.h"
#include "shared/dto/commission.h"

#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace alpes::services::commissions {

struct CommissionFilter {
    std::optional<domain::CommissionState> state;
    std::optional<CampaignId> campaignId;
    std::optional<AffiliateId> affiliateId;
};

struct CommissionStatsFilter {
    std::optional<CampaignId> campaignId;
    std::optional<AffiliateId> affiliateId;
};

// Commissions: calculation, reserve, confirm, revert, statistics (product.md §2 Commission).
// Keeps its own copies of campaigns (terms, hold period) and partners (status) from their events,
// and answers the saga's commands through its consumer. Every change commits with its events.
// Thread-safety: all methods may be called from any thread; the consumer's handlers run on the
// writer thread.
class CommissionsService {
public:
    static constexpr std::string_view kName = "commissions";

    static Result<std::unique_ptr<CommissionsService>> open(const ServiceDatabase::Options& options,
                                                            events::MessageBus& bus, const Clock& clock);

    Result<dto::Commission> get(const CommissionId& id);
    // Newest first.
    Result<Page<dto::Commission>> list(const CommissionFilter& filter, const PageRequest& page);

    // Manual confirmation, before the hold period is over; only a reserved commission.
    Result<dto::Commission> confirm(const CommissionId& id);
    // Confirms what it can in one transaction and says why it skipped the rest.
    Result<dto::ConfirmBatchResult> confirmBatch(std::span<const CommissionId> ids);
    // Confirms every commission still reserved that was reserved before `cutoff`.
    Result<dto::ConfirmBatchResult> confirmOlderThan(UtcTime cutoff);

    Result<dto::CommissionStats> stats(const CommissionStatsFilter& filter);

    // Conversions whose hold period is over and that the saga has not yet confirmed or reverted,
    // oldest first: each one is due its ConfirmCommission.
    Result<std::vector<ConversionId>> dueForConfirmation(size_t limit);

    // Handles CampaignCreated, CampaignUpdated, AffiliateRegistered, AffiliateApproved,
    // AffiliateSuspended, AffiliateReinstated, ReserveCommission, ConfirmCommission, RevertCommission.
    events::Consumer& consumer() { return m_consumer; }
    ServiceDatabase& database() { return *m_db; }

private:
    using Handler = Status (CommissionsService::*)(storage::Database&, const messages::Envelope&);
    struct Route {
        std::string_view type;
        Handler handler;
    };
    static std::span<const Route> routes();
    static events::Consumer::Options consumerOptions();

    CommissionsService(std::unique_ptr<ServiceDatabase> db, const Clock& clock);

    Status apply(storage::Database& db, const messages::Envelope& message);
    Status onCampaign(storage::Database& db, const messages::Envelope& message);
    Status onAffiliateRegistered(storage::Database& db, const messages::Envelope& message);
    Status onAffiliateStatusChanged(storage::Database& db, const messages::Envelope& message);
    Status onReserveCommission(storage::Database& db, const messages::Envelope& message);
    Status onConfirmCommission(storage::Database& db, const messages::Envelope& message);
    Status onRevertCommission(storage::Database& db, const messages::Envelope& message);

    dto::ConfirmBatchResult confirmEach(storage::Database& db, std::span<const CommissionId> ids);

    std::unique_ptr<ServiceDatabase> m_db;
    const Clock& m_clock;
    // Every message commissions reads is at version 1 today; steps are added here as schemas grow.
    messages::Upcaster m_upcaster;
    events::Consumer m_consumer;
};

}  // namespace alpes::services::commissions
