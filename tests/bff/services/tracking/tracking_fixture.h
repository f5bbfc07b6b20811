#pragma once

// What the tracking tests share: a clock the test moves, a tracking service on a fresh data
// directory with campaigns and partners fed through its consumer, and a sink that collects what
// the service publishes.

#include "bff/events/consumer.h"
#include "bff/events/embedded_bus.h"
#include "bff/events/event_tables.h"
#include "bff/messages/message_types.h"
#include "bff/services/tracking/tracking_service.h"
#include "shared/dto/affiliate.h"
#include "shared/dto/campaign.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_clock.h"

#include <QtTest>

#include <mutex>

namespace alpes::testing {

namespace types = messages::types;

// 2026-11-22T12:00:00.000Z: every test starts at the same instant.
inline UtcTime testStart()
{
    return parseRfc3339("2026-11-22T12:00:00.000Z").value();
}

inline dto::Campaign makeCampaign(const std::string& id, domain::CampaignState state, UtcTime startsAt,
                                  UtcTime endsAt, domain::AttributionSettings attribution = {})
{
    dto::Campaign campaign;
    campaign.id = CampaignId(id);
    campaign.name = "Campaign " + id;
    campaign.brand = {BrandId("brand-1"), "Acme"};
    campaign.startsAt = startsAt;
    campaign.endsAt = endsAt;
    campaign.budget = Money::of(10'000'000, "USD").value();
    campaign.spent = Money::of(0, "USD").value();
    campaign.commission.ratePpm = 100'000;
    campaign.attribution = attribution;
    campaign.state = state;
    campaign.createdAt = campaign.updatedAt = startsAt;
    return campaign;
}

inline dto::Affiliate makeAffiliate(const std::string& id, std::optional<std::string> userId = std::nullopt)
{
    dto::Affiliate affiliate;
    affiliate.id = AffiliateId(id);
    affiliate.name = "Partner " + id;
    affiliate.email = id + "@example.com";
    affiliate.state = domain::AffiliateState::Active;
    affiliate.userId = std::move(userId);
    return affiliate;
}

inline messages::Envelope message(std::string_view type, const std::string& key, json::Json payload, UtcTime at,
                                  const std::string& correlationId = {})
{
    auto envelope = messages::makeEnvelope(std::string(type), 1, "test", key, std::move(payload), at);
    envelope.correlationId = correlationId;
    return envelope;
}

// A subscriber with its own database that keeps every message of the types it wants.
class MessageSink {
public:
    MessageSink(const std::filesystem::path& dir, std::set<std::string, std::less<>> wanted)
        : m_writer(openDatabase(dir), {.name = "sink"}),
          m_consumer({.name = "sink", .types = std::move(wanted)}, m_writer, m_upcaster,
                     [this](storage::Database&, const messages::Envelope& envelope) -> Status {
                         std::lock_guard lock(m_mutex);
                         m_received.push_back(envelope);
                         return {};
                     })
    {
    }

    events::Consumer& consumer() { return m_consumer; }

    std::vector<messages::Envelope> received(std::string_view type) const
    {
        std::lock_guard lock(m_mutex);
        std::vector<messages::Envelope> matching;
        for (const auto& envelope : m_received)
            if (envelope.type == type)
                matching.push_back(envelope);
        return matching;
    }
    size_t count(std::string_view type) const { return received(type).size(); }

private:
    static storage::Database openDatabase(const std::filesystem::path& dir)
    {
        auto db = storage::Database::open((dir / "sink.db").string());
        if (!db || !storage::migrate(db.value(), std::array{storage::Migration{1, "events", events::kEventTablesSql}}))
            qFatal("cannot open the sink database");
        return std::move(db).value();
    }

    messages::Upcaster m_upcaster;
    storage::GroupCommitWriter m_writer;
    events::Consumer m_consumer;
    mutable std::mutex m_mutex;
    std::vector<messages::Envelope> m_received;
};

// A tracking service with a sink on its bus. start() begins publishing to the sink.
class TrackingFixture {
public:
    TrackingFixture()
        : m_clock(testStart()),
          m_sink(m_dir.path(), {std::string(types::kInteractionTracked), std::string(types::kConversionAttributed),
                                std::string(types::kConversionUnattributed), std::string(types::kAttributionReverted),
                                std::string(types::kInteractionsDiscarded)})
    {
        m_bus.subscribe(m_sink.consumer());
        auto service = services::tracking::TrackingService::open({m_dir.path(), "tracking"}, m_bus, m_clock);
        if (!service)
            qFatal("cannot open the tracking service: %s", service.error().message.c_str());
        m_service = std::move(service).value();
    }
    ~TrackingFixture() { m_service.reset(); }

    services::tracking::TrackingService& service() { return *m_service; }
    TestClock& clock() { return m_clock; }
    MessageSink& sink() { return m_sink; }
    std::filesystem::path databasePath() const { return m_dir.path() / "tracking.db"; }
    void start() { m_service->database().start(); }

    Status deliver(const messages::Envelope& envelope)
    {
        return m_service->consumer().deliver(std::span(&envelope, 1));
    }
    Status addCampaign(const dto::Campaign& campaign)
    {
        return deliver(message(types::kCampaignCreated, campaign.id.str(), dto::toJson(campaign), m_clock.now()));
    }
    Status addAffiliate(const dto::Affiliate& affiliate)
    {
        return deliver(
            message(types::kAffiliateRegistered, affiliate.id.str(), dto::toJson(affiliate), m_clock.now()));
    }
    // An active campaign open from 60 days ago to 60 days ahead, with the given attribution.
    Status addActiveCampaign(const std::string& id, domain::AttributionSettings attribution = {})
    {
        const auto now = m_clock.now();
        return addCampaign(makeCampaign(id, domain::CampaignState::Active, now - std::chrono::days{60},
                                        now + std::chrono::days{60}, attribution));
    }
    Status command(std::string_view type, const std::string& conversionId, json::Json payload,
                   const std::string& sagaId = "saga-1")
    {
        return deliver(message(type, conversionId, std::move(payload), m_clock.now(), sagaId));
    }

private:
    TempDataDir m_dir;
    TestClock m_clock;
    events::EmbeddedBus m_bus;
    MessageSink m_sink;
    std::unique_ptr<services::tracking::TrackingService> m_service;
};

// An interaction of `type` by userId on a campaign and partner, at `occurredAt`.
inline dto::InteractionInput interaction(domain::InteractionType type, const std::string& campaignId,
                                         const std::string& affiliateId, const std::string& userId,
                                         std::optional<UtcTime> occurredAt = std::nullopt)
{
    dto::InteractionInput input;
    input.type = type;
    input.campaignId = CampaignId(campaignId);
    input.affiliateId = AffiliateId(affiliateId);
    input.userId = userId;
    input.occurredAt = occurredAt;
    return input;
}

inline dto::InteractionInput purchase(const std::string& campaignId, const std::string& affiliateId,
                                      const std::string& userId, const std::string& orderId, std::int64_t amount,
                                      std::optional<UtcTime> occurredAt = std::nullopt)
{
    auto input = interaction(domain::InteractionType::Purchase, campaignId, affiliateId, userId, occurredAt);
    input.orderId = orderId;
    input.amount = Money::of(amount, "USD").value();
    return input;
}

}  // namespace alpes::testing
