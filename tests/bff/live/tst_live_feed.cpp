#include "bff/live/live_feed.h"
#include "tests/bff/saga/saga_world.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::live;
using namespace std::chrono_literals;

namespace {

constexpr std::chrono::hours kNever{24};

struct CountRow {
    std::string campaignId;
    std::string type;
    std::int64_t count = 0;
    friend bool operator==(const CountRow&, const CountRow&) = default;
};

std::vector<CountRow> countsOf(const nlohmann::json& data)
{
    std::vector<CountRow> rows;
    for (const auto& row : data.at("counts"))
        rows.push_back({row.at("campaignId"), row.at("type"), row.at("count")});
    return rows;
}

// The events of the subscription until `done` holds for what arrived (or a minute passed).
std::vector<nlohmann::json> collect(SseHub::Subscription& subscription,
                                    const std::function<bool(const std::vector<nlohmann::json>&)>& done)
{
    std::vector<nlohmann::json> data;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!done(data) && std::chrono::steady_clock::now() < deadline)
        for (const auto& event : subscription.take(100ms).events)
            data.push_back(nlohmann::json::parse(event->data));
    return data;
}

}  // namespace

// The feed on a real engine: what ingest stores becomes per-interval counts with a sample, and
// every saga step change becomes a `saga` event, on the hub.
class TestLiveFeed : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        m_world = std::make_unique<testing::SagaWorld>(m_dir->path());
        m_hub = std::make_unique<SseHub>();
        QVERIFY(m_world->open([this](app::Engine& engine) {
                           // Ticks only when the test asks, unless a test starts the feed.
                           m_feed = std::make_unique<LiveFeed>(
                               *m_hub, engine.tracking(), engine.sagas(), m_world->clock(),
                               LiveFeed::Options{.interactionInterval = 50ms, .kpiInterval = 50ms, .sampleSize = 5});
                       })
                    .ok());
        auto partner = m_world->addPartner();
        auto first = m_world->addCampaign(100000, 500, 3600);
        auto second = m_world->addCampaign(100000, 500, 3600);
        QVERIFY(partner.ok() && first.ok() && second.ok());
        m_partner = *partner;
        m_first = *first;
        m_second = *second;
        QVERIFY(m_world->settle());
    }
    void cleanup()
    {
        m_feed.reset();
        m_world.reset();
        m_hub.reset();
        m_dir.reset();
    }

    void eachIntervalPublishesCountsPerCampaignAndTypeWithASample()
    {
        auto subscription = m_hub->subscribe({Topic::Interactions}, std::nullopt).value();
        const auto now = m_world->clock().now();
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_world->click(m_first, m_partner, "u-" + std::to_string(i), now).ok());
        QVERIFY(m_world->purchase(m_first, m_partner, "u-0", "order-1", 5000, now).ok());
        for (int i = 0; i < 4; ++i)
            QVERIFY(m_world->click(m_second, m_partner, "v-" + std::to_string(i), now).ok());
        m_feed->publishInteractions();
        const auto events = subscription->take(0ms).events;
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0]->name, std::string("interactions"));
        const auto data = nlohmann::json::parse(events[0]->data);
        QCOMPARE(data.at("at"), nlohmann::json(formatRfc3339(now)));
        auto expected = std::vector<CountRow>{
            {m_first.str(), "click", 3}, {m_first.str(), "purchase", 1}, {m_second.str(), "click", 4}};
        std::sort(expected.begin(), expected.end(),
                  [](const CountRow& a, const CountRow& b) { return a.campaignId < b.campaignId; });
        QCOMPARE(countsOf(data), expected);
        // Eight stored, five sampled: whole interactions as the API shows them.
        QCOMPARE(data.at("recent").size(), size_t(5));
        for (const auto& interaction : data.at("recent"))
            QVERIFY(m_world->engine().tracking().getInteraction(InteractionId(interaction.at("id"))).ok());
        // The next interval counts afresh; a quiet one publishes nothing.
        QVERIFY(m_world->click(m_second, m_partner, "v-9", now).ok());
        m_feed->publishInteractions();
        m_feed->publishInteractions();
        const auto next = subscription->take(0ms).events;
        QCOMPARE(next.size(), size_t(1));
        QCOMPARE(countsOf(nlohmann::json::parse(next[0]->data)),
                 (std::vector<CountRow>{{m_second.str(), "click", 1}}));
    }

    void refusedInteractionsAreNotCountedAndLinkClicksAre()
    {
        auto subscription = m_hub->subscribe({Topic::Interactions}, std::nullopt).value();
        const auto now = m_world->clock().now();
        QVERIFY(m_world->purchase(m_first, m_partner, "u-1", "order-1", 5000, now).ok());
        QVERIFY(!m_world->purchase(m_first, m_partner, "u-1", "order-1", 5000, now).ok());  // duplicate order
        const auto link = m_world->engine().tracking().createLink(m_first, m_partner, "https://shop.example/");
        QVERIFY(link.ok());
        QVERIFY(m_world->engine().tracking().followLink(link->code, {}).ok());
        m_feed->publishInteractions();
        const auto events = subscription->take(0ms).events;
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(countsOf(nlohmann::json::parse(events[0]->data)),
                 (std::vector<CountRow>{{m_first.str(), "click", 1}, {m_first.str(), "purchase", 1}}));
    }

    void everyStepChangeOfASagaIsPublished()
    {
        auto subscription = m_hub->subscribe({Topic::Sagas}, std::nullopt).value();
        const auto conversion = convert("u-1");
        QVERIFY(conversion.ok());
        const std::string sagaId = conversion->sagaId->str();
        QVERIFY(m_world->reaches(*conversion->sagaId, {saga::SagaState::Reserved}));
        const auto told = collect(*subscription, [](const std::vector<nlohmann::json>& data) {
            return !data.empty() && data.back().at("sagaState") == "reserved";
        });
        std::vector<std::string> steps;
        for (const auto& change : told) {
            QCOMPARE(change.at("sagaId"), nlohmann::json(sagaId));
            QCOMPARE(change.at("kind"), nlohmann::json("action"));
            QVERIFY(parseRfc3339(change.at("at").get<std::string>()).ok());
            steps.push_back(change.at("step").get<std::string>() + ":" + change.at("state").get<std::string>() +
                            " " + change.at("sagaState").get<std::string>());
        }
        QCOMPARE(steps, (std::vector<std::string>{
                            "track:done started", "attribute:running started", "attribute:done attributed",
                            "reserve_commission:running attributed", "reserve_commission:done attributed",
                            "reserve_budget:running attributed", "reserve_budget:done reserved"}));
    }

    void compensationStepsAreToldAsSuch()
    {
        const auto conversion = convert("u-1");
        QVERIFY(conversion.ok());
        QVERIFY(m_world->reaches(*conversion->sagaId, {saga::SagaState::Reserved}));
        auto subscription = m_hub->subscribe({Topic::Sagas}, std::nullopt).value();
        QVERIFY(m_world->engine().sagas().flagFraud(ConversionId(conversion->id.str()), "stolen card").ok());
        QVERIFY(m_world->reaches(*conversion->sagaId, {saga::SagaState::Compensated}));
        const auto told = collect(*subscription, [](const std::vector<nlohmann::json>& data) {
            return !data.empty() && data.back().at("sagaState") == "compensated";
        });
        std::vector<std::string> compensations;
        for (const auto& change : told)
            if (change.at("kind") == "compensation" && change.at("state") == "done")
                compensations.push_back(change.at("step"));
        QCOMPARE(compensations, (std::vector<std::string>{"release_budget", "revert_commission", "revert_attribution",
                                                          "discard_interactions"}));
    }

    void theFeedsThreadsPublishCountsAndKpisOnTheirOwn()
    {
        auto subscription = m_hub->subscribe({Topic::Interactions, Topic::Kpis}, std::nullopt).value();
        int asked = 0;
        m_feed->setKpiProvider([&asked] { return nlohmann::json{{"tick", ++asked}}; });
        m_feed->start();
        const auto now = m_world->clock().now();
        for (int i = 0; i < 6; ++i)
            QVERIFY(m_world->click(m_first, m_partner, "u-" + std::to_string(i), now).ok());
        // However the clicks fall into intervals, together they count six.
        std::int64_t counted = 0;
        bool sawKpis = false;
        collect(*subscription, [&](const std::vector<nlohmann::json>& data) {
            counted = 0;
            for (const auto& event : data) {
                if (event.contains("tick"))
                    sawKpis = true;
                else
                    for (const auto& row : countsOf(event))
                        counted += row.count;
            }
            return counted == 6 && sawKpis;
        });
        m_feed->stop();
        QCOMPARE(counted, std::int64_t(6));
        QVERIFY(sawKpis);
    }

    void withoutAKpiProviderNothingIsPublished()
    {
        auto subscription = m_hub->subscribe({Topic::Kpis}, std::nullopt).value();
        m_feed->publishKpis();
        m_feed->setKpiProvider([] { return nlohmann::json(); });
        m_feed->publishKpis();
        QCOMPARE(m_hub->stats().published, std::uint64_t(0));
        m_feed->setKpiProvider([] { return nlohmann::json{{"activeCampaigns", 2}}; });
        m_feed->publishKpis();
        const auto events = subscription->take(0ms).events;
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0]->name, std::string("kpis"));
        QCOMPARE(nlohmann::json::parse(events[0]->data), (nlohmann::json{{"activeCampaigns", 2}}));
    }

    void kpisAreComputedOnlyWhileAStreamTakesThem()
    {
        int asked = 0;
        m_feed->setKpiProvider([&asked] { return nlohmann::json{{"tick", ++asked}}; });
        m_feed->publishKpis();
        auto others = m_hub->subscribe({Topic::Interactions, Topic::Sagas}, std::nullopt).value();
        m_feed->publishKpis();
        QCOMPARE(asked, 0);
        QCOMPARE(m_hub->stats().published, std::uint64_t(0));
        {
            auto watcher = m_hub->subscribe({Topic::Kpis}, std::nullopt).value();
            m_feed->publishKpis();
            QCOMPARE(asked, 1);
            QCOMPARE(watcher->take(0ms).events.size(), size_t(1));
        }
        m_feed->publishKpis();  // its only stream has gone
        QCOMPARE(asked, 1);
    }

    void aStreamThatTakesKpisGetsATickWithoutWaitingForTheInterval()
    {
        m_feed.reset();  // one feed per hub: the next one replaces its listener
        m_feed = std::make_unique<LiveFeed>(*m_hub, m_world->engine().tracking(), m_world->engine().sagas(),
                                            m_world->clock(),
                                            LiveFeed::Options{.interactionInterval = kNever, .kpiInterval = kNever});
        m_feed->setKpiProvider([] { return nlohmann::json{{"activeCampaigns", 2}}; });
        m_feed->start();
        auto subscription = m_hub->subscribe({Topic::Kpis}, std::nullopt).value();
        // The interval is a day: only the tick the subscription asks for can arrive.
        const auto told = collect(*subscription, [](const std::vector<nlohmann::json>& data) { return !data.empty(); });
        m_feed->stop();
        QCOMPARE(told.size(), size_t(1));
        QCOMPARE(told[0], (nlohmann::json{{"activeCampaigns", 2}}));
    }

    void theFeedMayGoBeforeTheEngine()
    {
        m_feed.reset();
        const auto conversion = convert("u-1");
        QVERIFY(conversion.ok());
        QVERIFY(m_world->reaches(*conversion->sagaId, {saga::SagaState::Reserved}));
        QCOMPARE(m_hub->stats().published, std::uint64_t(0));
    }

private:
    // A click, then ten minutes later a purchase on the first campaign: a conversion that is paid.
    Result<services::tracking::TrackReceipt> convert(const std::string& user)
    {
        const auto now = m_world->clock().now();
        if (auto click = m_world->click(m_first, m_partner, user, now - 10min); !click)
            return std::move(click).error();
        return m_world->purchase(m_first, m_partner, user, "order-" + user, 5000, now);
    }

    std::unique_ptr<testing::TempDataDir> m_dir;
    std::unique_ptr<testing::SagaWorld> m_world;
    std::unique_ptr<SseHub> m_hub;
    std::unique_ptr<LiveFeed> m_feed;
    AffiliateId m_partner;
    CampaignId m_first;
    CampaignId m_second;
};

QTEST_APPLESS_MAIN(TestLiveFeed)
#include "tst_live_feed.moc"
