#include "bff/demo/http_sink.h"
#include "bff/demo/load_generator.h"
#include "bff/demo/target_world.h"
#include "shared/dto/campaign.h"
#include "tests/bff/demo/demo_world_fixture.h"
#include "tests/support/test_printing.h"

#include <httplib.h>

#include <QtTest>

#include <atomic>
#include <thread>

using namespace alpes;
using namespace alpes::demo;

namespace {

constexpr const char* kKey = "ingest-key-1";

// A stand-in for the BFF's ingest route (the real one is not written yet): it checks what the
// load generator sends the way the route will, and answers like it.
class FakeBff {
public:
    FakeBff()
    {
        m_server.Get("/api/v1/campaigns", [this](const httplib::Request& request, httplib::Response& response) {
            if (!authorised(request, response))
                return;
            json::Json campaign = dto::toJson(campaignOf(testing::sampleWorld()));
            response.set_content(json::Json{{"items", {campaign}}, {"nextCursor", nullptr}}.dump(), "application/json");
        });
        m_server.Post("/api/v1/interactions/batch", [this](const httplib::Request& request, httplib::Response& response) {
            if (!authorised(request, response))
                return;
            const auto body = json::Json::parse(request.body, nullptr, false);
            if (body.is_discarded() || !body.is_array() || body.empty() || body.size() > HttpSink::kMaxBatch) {
                response.status = 400;
                return;
            }
            // Every item must read as the route will read it (counted otherwise); the first of
            // each batch is refused as a duplicate would be, to see refusals counted.
            json::Json ids = json::Json::array();
            json::Json rejected = json::Json::array();
            for (size_t i = 0; i < body.size(); ++i) {
                if (!dto::decodeInteractionInput(body[i], SystemClock().now()).ok())
                    ++m_unreadable;
                else if (i == 0)
                    rejected.push_back({{"index", i}, {"errors", json::Json::array()}});
                else
                    ids.push_back("id-" + std::to_string(i));
            }
            m_received += body.size();
            response.status = 202;
            response.set_content(
                json::Json{{"accepted", ids.size()}, {"ids", ids}, {"rejected", rejected}}.dump(), "application/json");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeBff()
    {
        m_server.stop();
        m_thread.join();
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    size_t received() const { return m_received.load(); }
    size_t unreadable() const { return m_unreadable.load(); }

private:
    static dto::Campaign campaignOf(const DemoWorld& world)
    {
        dto::Campaign campaign;
        campaign.id = world.campaigns[0].id;
        campaign.name = world.campaigns[0].name;
        campaign.brand = {BrandId("brand-1"), "Acme"};
        campaign.state = domain::CampaignState::Active;
        campaign.budget = Money::of(100000, "USD").value();
        campaign.spent = Money::of(0, "USD").value();
        campaign.startsAt = SystemClock().now() - std::chrono::days(1);
        campaign.endsAt = SystemClock().now() + std::chrono::days(1);
        campaign.commission.ratePpm = 100000;
        for (const size_t partner : world.campaigns[0].partners)
            campaign.affiliateIds.push_back(world.partners[partner].id);
        return campaign;
    }

    static bool authorised(const httplib::Request& request, httplib::Response& response)
    {
        if (request.get_header_value("Authorization") == std::string("Bearer ") + kKey)
            return true;
        response.status = 401;
        return false;
    }

    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::atomic<size_t> m_received{0};
    std::atomic<size_t> m_unreadable{0};
};

}  // namespace

// The simulator as a load generator against a BFF over HTTP (HttpSink, the target's world, pacing,
// the summary), against a stand-in server on loopback.
class TestLoadGenerator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsTheTargetsActiveCampaignsAndTheirPartners()
    {
        FakeBff bff;
        const auto world = fetchTargetWorld(bff.url(), kKey);
        QVERIFY(world.ok());
        QCOMPARE(world->campaigns.size(), size_t(1));
        QCOMPARE(world->campaigns[0].currency, std::string("USD"));
        QCOMPARE(world->partners.size(), testing::sampleWorld().campaigns[0].partners.size());
        QCOMPARE(fetchTargetWorld(bff.url(), "wrong").error().code, ErrorCode::Unavailable);
    }

    void postsBatchesWithTheKeyAndCountsWhatTheAnswerSays()
    {
        FakeBff bff;
        TrafficSimulator simulator(testing::sampleWorld(), {.seed = 1, .fraud = false});
        HttpSink sink(bff.url(), kKey);
        const LoadOptions options{.target = bff.url(), .apiKey = kKey, .rate = 200, .duration = std::chrono::seconds(2)};
        SystemClock clock;
        const LoadSummary summary = runLoad(simulator, sink, options, clock, nullptr);
        // Exactly rate × duration, whatever the timing; one refusal per batch by the stand-in.
        QCOMPARE(summary.sent, std::uint64_t(400));
        QCOMPARE(bff.received(), size_t(400));
        QCOMPARE(bff.unreadable(), size_t(0));
        QVERIFY(summary.rejected >= 1);
        QCOMPARE(summary.acknowledged + summary.rejected, summary.sent);
        QVERIFY(summary.lastFailure.empty());
        QVERIFY(summary.p50 > 0 && summary.p50 <= summary.p90 && summary.p90 <= summary.p99);
        const std::string line = formatSummary(summary);
        QVERIFY(line.find("sent 400") != std::string::npos);
        QVERIFY(line.find("p99") != std::string::npos);
    }

    void countsAWholeBatchAsRejectedWhenTheKeyIsRefused()
    {
        FakeBff bff;
        HttpSink sink(bff.url(), "wrong");
        TrafficSimulator simulator(testing::sampleWorld(), {.seed = 1});
        std::vector<dto::InteractionInput> batch;
        for (auto& interaction : simulator.next().interactions)
            batch.push_back(interaction.input);
        QVERIFY(!batch.empty());
        const SinkReport report = sink.send(batch);
        QCOMPARE(report.accepted, size_t(0));
        QCOMPARE(report.rejected, batch.size());
        QCOMPARE(report.failure, std::string("HTTP 401"));
    }

    void countsAnUnreachableTargetAsRejected()
    {
        HttpSink sink("http://127.0.0.1:1", kKey, std::chrono::milliseconds(500));
        const dto::InteractionInput input;
        const SinkReport report = sink.send(std::span(&input, 1));
        QCOMPARE(report.rejected, size_t(1));
        QVERIFY(report.failure.rfind("unreachable", 0) == 0);
    }

    void percentilesAreNearestRank()
    {
        std::vector<double> samples{5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        QCOMPARE(percentile(samples, 0.5), 5.0);
        QCOMPARE(percentile(samples, 0.9), 9.0);
        QCOMPARE(percentile(samples, 0.99), 10.0);
        std::vector<double> none;
        QCOMPARE(percentile(none, 0.5), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestLoadGenerator)
#include "tst_load_generator.moc"
