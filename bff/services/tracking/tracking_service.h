#pragma once

#include "bff/events/consumer.h"
#include "bff/services/service_database.h"
#include "bff/services/tracking/fraud_rules.h"
#include "bff/services/tracking/interaction_store.h"
#include "bff/services/tracking/tracking_views.h"
#include "shared/core/paging.h"
#include "shared/dto/interaction.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <span>
#include <vector>

namespace alpes::services::tracking {

// Interactions (event-sourced, append-only), tracking links, journeys and attribution, and the
// stats projections (product.md §2). Ingest answers only once the interaction is committed, with
// its InteractionTracked event in the outbox; concurrent callers share group commits.
//
// Its consumer keeps copies of campaigns and partners and handles the saga's commands
// (AttributeConversion, RevertAttribution, DiscardInteractions); see docs/messages.md.
//
// Thread-safety: every method may be called from any thread.
class TrackingService {
public:
    static constexpr std::string_view kName = "tracking";
    static constexpr std::int64_t kMaxStatsDays = 366;
    static constexpr std::chrono::minutes kMaxSeriesSpan{7 * 24 * 60};

    // `fraudRules` are judged on every conversion when AttributeConversion attributes it.
    static Result<std::unique_ptr<TrackingService>> open(const ServiceDatabase::Options& options,
                                                         events::MessageBus& bus, const Clock& clock,
                                                         FraudRules fraudRules = {});

    // Validation for a bad input or an unknown campaign or partner (fields campaignId,
    // affiliateId), Conflict (field orderId) for an order already tracked on the campaign.
    Result<TrackReceipt> track(const dto::InteractionInput& input);
    // One outcome per input, in order: the valid ones are stored even when others are refused.
    std::vector<Result<TrackReceipt>> trackBatch(std::span<const dto::InteractionInput> inputs);

    Result<TrackingLink> createLink(const CampaignId& campaignId, const AffiliateId& affiliateId,
                                    const std::string& destination);
    // Records the click (NotFound for an unknown code) and tells where to send the visitor.
    Result<FollowedLink> followLink(const LinkCode& code, const Visitor& visitor);

    Result<dto::Interaction> getInteraction(const InteractionId& id);
    Result<Page<dto::Interaction>> listInteractions(const InteractionFilter& filter, const PageRequest& page);
    // UTC days, both included.
    Result<std::vector<dto::DailyCount>> dailyStats(const CampaignId& campaignId, std::chrono::sys_days fromDay,
                                                    std::chrono::sys_days toDay);
    Result<std::vector<dto::DailyCount>> dailyStatsAll(std::chrono::sys_days fromDay, std::chrono::sys_days toDay);
    // Per-minute counts of the minutes overlapping [from, to).
    Result<std::vector<dto::MinuteCount>> series(const CampaignId& campaignId, UtcTime from, UtcTime to);
    // Per-minute counts of every campaign together, for the dashboard.
    Result<std::vector<dto::MinuteCount>> seriesAll(UtcTime from, UtcTime to);
    Result<std::vector<dto::AffiliateCampaignStats>> affiliateStats(const AffiliateId& affiliateId);
    // Recorded purchases' amounts over all campaigns, per currency.
    Result<std::vector<Money>> revenueTotals();
    // What each partner brought a campaign, per type: NotFound for a campaign tracking does not know.
    Result<std::vector<PartnerStats>> partnerStats(const CampaignId& campaignId);
    Result<ConversionView> conversion(const ConversionId& conversionId);

    // Recomputes the read model and the projections from the log alone, in one writer unit (ingest
    // waits meanwhile): the repair tool for a projection that went wrong.
    Result<RebuildReport> rebuildProjections();

    // Told of every interaction stored by track(), trackBatch() or followLink(), once its commit
    // succeeded, on the caller's thread (not the writer's: ingest's bottleneck stays free of it),
    // one call per request. Set it before ingest starts; it must be cheap and thread-safe.
    using TrackedListener = std::function<void(std::span<const dto::Interaction>)>;
    void setTrackedListener(TrackedListener listener);

    events::Consumer& consumer() { return m_consumer; }
    ServiceDatabase& database() { return *m_db; }

private:
    using Handlers = std::map<std::string, events::Consumer::Apply, std::less<>>;

    TrackingService(std::unique_ptr<ServiceDatabase> db, const Clock& clock, FraudRules fraudRules);
    static Handlers handlers(const Clock& clock, const FraudRules& fraudRules);
    Status apply(storage::Database& db, const messages::Envelope& message);
    // Checks the interaction against the campaign and partner copies, flags it if its campaign
    // takes no conversions now (encoding it again), and stores it.
    Status ingest(storage::Database& db, EncodedInteraction& encoded);
    std::string newLinkCode();

    std::unique_ptr<ServiceDatabase> m_db;
    const Clock& m_clock;
    FraudRules m_fraudRules;
    messages::Upcaster m_upcaster;
    Handlers m_handlers;
    events::Consumer m_consumer;
    std::mt19937_64 m_linkCodeRandom;  // used on the writer thread only
    TrackedListener m_trackedListener;
};

}  // namespace alpes::services::tracking
