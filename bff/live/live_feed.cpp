#include "bff/live/live_feed.h"

#include "bff/saga/saga_types.h"
#include "shared/domain/vocabulary.h"
#include "shared/dto/interaction.h"
#include "shared/dto/interactions_tick.h"
#include "shared/dto/saga.h"
#include "shared/dto/type_counts.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace alpes::live {

// The part of the feed the services' listeners reach: it counts and samples what ingest stored
// and publishes on the hub until the feed detaches it. Shared with those listeners, which the
// services keep for as long as they live.
class LiveFeed::Collector {
public:
    Collector(SseHub& hub, const Clock& clock, size_t sampleSize)
        : m_hub(&hub), m_clock(clock), m_sampleSize(sampleSize), m_random(std::random_device{}())
    {
    }

    // On ingest's hot path: a short lock, a counter, and a copy only for the few sampled.
    void onTracked(std::span<const dto::Interaction> interactions)
    {
        std::lock_guard lock(m_countsMutex);
        for (const auto& interaction : interactions) {
            auto perCampaign = m_counts.find(interaction.campaignId.str());
            if (perCampaign == m_counts.end())
                perCampaign = m_counts.emplace(interaction.campaignId.str(), dto::TypeCounts{}).first;
            ++perCampaign->second[static_cast<size_t>(interaction.type)];
            ++m_seen;
            if (m_sample.size() < m_sampleSize) {
                m_sample.push_back(interaction);
            } else if (m_sampleSize > 0) {
                const auto slot = std::uniform_int_distribution<std::uint64_t>(0, m_seen - 1)(m_random);
                if (slot < m_sampleSize)
                    m_sample[slot] = interaction;
            }
        }
    }

    void onStep(const saga::StepChange& change)
    {
        publish(Topic::Sagas, "saga", dto::toJson(change), change.sagaId.str());
    }

    void publishInteractions()
    {
        Counts counts;
        std::vector<dto::Interaction> sample;
        {
            std::lock_guard lock(m_countsMutex);
            if (m_seen == 0)
                return;
            counts.swap(m_counts);
            sample.swap(m_sample);
            m_seen = 0;
        }
        dto::InteractionsTick tick;
        tick.at = m_clock.now();
        for (const auto& [campaignId, perType] : counts)
            for (size_t type = 0; type < perType.size(); ++type)
                if (perType[type] > 0)
                    tick.counts.push_back({CampaignId(campaignId), static_cast<domain::InteractionType>(type), perType[type]});
        std::sort(sample.begin(), sample.end(), [](const dto::Interaction& a, const dto::Interaction& b) {
            return a.receivedAt < b.receivedAt;
        });
        tick.recent = std::move(sample);
        publish(Topic::Interactions, "interactions", dto::toJson(tick));
    }

    void publish(Topic topic, std::string_view name, const nlohmann::json& data, std::string_view sagaId = {})
    {
        std::lock_guard lock(m_hubMutex);
        if (m_hub)
            m_hub->publish(topic, name, data, sagaId);
    }

    void detach()
    {
        std::lock_guard lock(m_hubMutex);
        m_hub = nullptr;
    }

private:
    using Counts = std::map<std::string, dto::TypeCounts, std::less<>>;

    std::mutex m_hubMutex;
    SseHub* m_hub;  // null once the feed is gone
    const Clock& m_clock;
    const size_t m_sampleSize;
    std::mutex m_countsMutex;
    Counts m_counts;
    std::vector<dto::Interaction> m_sample;
    std::uint64_t m_seen = 0;  // interactions since the last publish
    std::minstd_rand m_random;
};

LiveFeed::LiveFeed(SseHub& hub, services::tracking::TrackingService& tracking, saga::SagaOrchestrator& sagas,
                   const Clock& clock, Options options)
    : m_hub(hub),
      m_collector(std::make_shared<Collector>(hub, clock, options.sampleSize)),
      m_interactionTicks("live-interactions", options.interactionInterval, [this] { publishInteractions(); }),
      m_kpiTicks("live-kpis", options.kpiInterval, [this] { publishKpis(); })
{
    tracking.setTrackedListener(
        [collector = m_collector](std::span<const dto::Interaction> stored) { collector->onTracked(stored); });
    sagas.addStepListener([collector = m_collector](const saga::StepChange& change) { collector->onStep(change); });
    hub.setSubscribeListener([this](const TopicSet& topics) {
        if (topics.contains(Topic::Kpis))
            m_kpiTicks.runNow();
    });
}

LiveFeed::~LiveFeed()
{
    m_hub.setSubscribeListener({});
    stop();
    m_collector->detach();
}

void LiveFeed::setKpiProvider(KpiProvider provider)
{
    std::lock_guard lock(m_providerMutex);
    m_kpiProvider = std::move(provider);
}

void LiveFeed::start()
{
    m_interactionTicks.start();
    m_kpiTicks.start();
}

void LiveFeed::stop()
{
    m_interactionTicks.stop();
    m_kpiTicks.stop();
}

void LiveFeed::publishInteractions()
{
    m_collector->publishInteractions();
}

void LiveFeed::publishKpis()
{
    KpiProvider provider;
    {
        std::lock_guard lock(m_providerMutex);
        provider = m_kpiProvider;
    }
    if (!provider || !m_hub.hasSubscribers(Topic::Kpis))
        return;
    if (const nlohmann::json kpis = provider(); !kpis.is_null())
        m_collector->publish(Topic::Kpis, "kpis", kpis);
}

}  // namespace alpes::live
