#include "bff/live/sse_hub.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <future>
#include <thread>

using namespace alpes;
using namespace alpes::live;
using namespace std::chrono_literals;

namespace {

using Subscription = SseHub::Subscription;

std::vector<std::uint64_t> idsOf(const std::vector<SharedEvent>& events)
{
    std::vector<std::uint64_t> ids;
    for (const auto& event : events)
        ids.push_back(event->id);
    return ids;
}

// Everything queued for the subscription now (it never waits when something is queued).
std::vector<SharedEvent> drain(Subscription& subscription)
{
    return subscription.take(0ms).events;
}

nlohmann::json payload(int n)
{
    return {{"n", n}};
}

}  // namespace

// The live stream's fan-out alone: numbering, topics, resume, bounds, dropping and stopping.
class TestSseHub : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void idsRiseByOneFromTheFirstId()
    {
        SseHub hub({.firstId = 1000});
        auto subscription = hub.subscribe(allTopics(), std::nullopt).value();
        QCOMPARE(hub.publish(Topic::Sagas, "saga", payload(1)), std::uint64_t(1000));
        QCOMPARE(hub.publish(Topic::Kpis, "kpis", payload(2)), std::uint64_t(1001));
        QCOMPARE(hub.publish(Topic::Interactions, "interactions", payload(3)), std::uint64_t(1002));
        QCOMPARE(idsOf(drain(*subscription)), (std::vector<std::uint64_t>{1000, 1001, 1002}));
        QCOMPARE(hub.stats().lastId, std::uint64_t(1002));
    }

    void eachEventIsFramedForTheWireWithItsDataOnOneLine()
    {
        SseHub hub;
        auto subscription = hub.subscribe({Topic::Sagas}, std::nullopt).value();
        hub.publish(Topic::Sagas, "saga", {{"sagaId", "s-1"}, {"note", "two\nlines"}});
        const auto events = drain(*subscription);
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0]->frame,
                 std::string("id: 1\nevent: saga\ndata: {\"note\":\"two\\nlines\",\"sagaId\":\"s-1\"}\n\n"));
        QCOMPARE(nlohmann::json::parse(events[0]->data)["note"], nlohmann::json("two\nlines"));
    }

    void invalidUtf8InDataIsReplacedNotThrown()
    {
        SseHub hub;
        auto subscription = hub.subscribe({Topic::Sagas}, std::nullopt).value();
        hub.publish(Topic::Sagas, "saga", {{"text", std::string("bad \xC3")}});
        QCOMPARE(nlohmann::json::parse(drain(*subscription).at(0)->data)["text"], nlohmann::json("bad \xEF\xBF\xBD"));
    }

    void aSubscriberGetsOnlyItsTopics()
    {
        SseHub hub;
        auto sagas = hub.subscribe({Topic::Sagas}, std::nullopt).value();
        auto counts = hub.subscribe({Topic::Interactions, Topic::Kpis}, std::nullopt).value();
        hub.publish(Topic::Interactions, "interactions", payload(1));
        hub.publish(Topic::Sagas, "saga", payload(2));
        hub.publish(Topic::Kpis, "kpis", payload(3));
        QCOMPARE(idsOf(drain(*sagas)), (std::vector<std::uint64_t>{2}));
        QCOMPARE(idsOf(drain(*counts)), (std::vector<std::uint64_t>{1, 3}));
        QCOMPARE(hub.stats().queued, size_t(0));
    }

    void resumingAfterALastEventIdReplaysExactlyTheKeptEventsAfterItOfItsTopics()
    {
        SseHub hub;
        for (int i = 1; i <= 6; ++i)
            hub.publish(i % 2 == 0 ? Topic::Sagas : Topic::Kpis, i % 2 == 0 ? "saga" : "kpis", payload(i));
        auto resumed = hub.subscribe({Topic::Sagas}, 2u).value();
        hub.publish(Topic::Sagas, "saga", payload(7));
        QCOMPARE(idsOf(drain(*resumed)), (std::vector<std::uint64_t>{4, 6, 7}));
        // Without an id: only what comes next.
        auto fresh = hub.subscribe({Topic::Sagas}, std::nullopt).value();
        QCOMPARE(drain(*fresh).size(), size_t(0));
        // An id from the future (another run) replays nothing.
        auto future = hub.subscribe(allTopics(), 999u).value();
        QCOMPARE(drain(*future).size(), size_t(0));
    }

    void aSubscriberFollowingOneSagaGetsOnlyItsStepsLiveAndOnResume()
    {
        SseHub hub;
        auto one = hub.subscribe({Topic::Sagas, Topic::Kpis}, std::nullopt, "s-1").value();
        auto every = hub.subscribe({Topic::Sagas}, std::nullopt).value();
        hub.publish(Topic::Sagas, "saga", payload(1), "s-1");
        hub.publish(Topic::Sagas, "saga", payload(2), "s-2");
        hub.publish(Topic::Kpis, "kpis", payload(3));
        hub.publish(Topic::Sagas, "saga", payload(4), "s-1");
        QCOMPARE(idsOf(drain(*one)), (std::vector<std::uint64_t>{1, 3, 4}));
        QCOMPARE(idsOf(drain(*every)), (std::vector<std::uint64_t>{1, 2, 4}));
        // Resuming with the filter replays no other saga's steps; another saga's filter, only its.
        auto resumed = hub.subscribe({Topic::Sagas}, 0u, "s-1").value();
        QCOMPARE(idsOf(drain(*resumed)), (std::vector<std::uint64_t>{1, 4}));
        auto other = hub.subscribe({Topic::Sagas, Topic::Kpis}, 1u, "s-2").value();
        QCOMPARE(idsOf(drain(*other)), (std::vector<std::uint64_t>{2, 3}));
    }

    void theHistoryKeepsOnlyTheNewestEvents()
    {
        SseHub hub({.historySize = 4, .clientQueueLimit = 4});
        for (int i = 1; i <= 10; ++i)
            hub.publish(Topic::Sagas, "saga", payload(i));
        QCOMPARE(hub.stats().history, size_t(4));
        auto resumed = hub.subscribe({Topic::Sagas}, 1u).value();
        QCOMPARE(idsOf(drain(*resumed)), (std::vector<std::uint64_t>{7, 8, 9, 10}));
    }

    void aSlowSubscriberIsDroppedWhileAFastOneGetsEverything()
    {
        SseHub hub({.historySize = 16, .clientQueueLimit = 3});
        auto slow = hub.subscribe({Topic::Sagas}, std::nullopt).value();
        auto fast = hub.subscribe({Topic::Sagas}, std::nullopt).value();
        std::vector<std::uint64_t> fastIds;
        for (int i = 1; i <= 10; ++i) {
            hub.publish(Topic::Sagas, "saga", payload(i));
            for (auto id : idsOf(drain(*fast)))
                fastIds.push_back(id);
            QVERIFY(hub.stats().queued <= 3);
        }
        QCOMPARE(fastIds, (std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        // The fourth event found the slow queue full: dropped, its queue freed, its stream over.
        const auto ended = slow->take(0ms);
        QCOMPARE(ended.end, SseHub::End::Dropped);
        QCOMPARE(ended.events.size(), size_t(0));
        const auto stats = hub.stats();
        QCOMPARE(stats.dropped, std::uint64_t(1));
        QCOMPARE(stats.clients, size_t(1));
        QCOMPARE(stats.published, std::uint64_t(10));
    }

    void aSubscriberOfOtherTopicsIsNotDroppedByTheirVolume()
    {
        SseHub hub({.historySize = 16, .clientQueueLimit = 2});
        auto kpis = hub.subscribe({Topic::Kpis}, std::nullopt).value();
        for (int i = 0; i < 10; ++i)
            hub.publish(Topic::Sagas, "saga", payload(i));
        QCOMPARE(kpis->take(0ms).end, SseHub::End::Open);
        QCOMPARE(hub.stats().dropped, std::uint64_t(0));
    }

    void aWaitingReaderIsWokenByAnEvent()
    {
        SseHub hub;
        auto subscription = hub.subscribe({Topic::Sagas}, std::nullopt).value();
        auto reader = std::async(std::launch::async, [&] { return subscription->take(60s); });
        hub.publish(Topic::Sagas, "saga", payload(1));
        const auto batch = reader.get();
        QCOMPARE(idsOf(batch.events), (std::vector<std::uint64_t>{1}));
    }

    void stopEndsWaitingReadersAndRefusesNewSubscribers()
    {
        SseHub hub;
        auto first = hub.subscribe(allTopics(), std::nullopt).value();
        auto second = hub.subscribe({Topic::Kpis}, std::nullopt).value();
        auto firstReader = std::async(std::launch::async, [&] { return first->take(60s); });
        auto secondReader = std::async(std::launch::async, [&] { return second->take(60s); });
        hub.stop();
        QCOMPARE(firstReader.get().end, SseHub::End::Stopped);
        QCOMPARE(secondReader.get().end, SseHub::End::Stopped);
        const auto refused = hub.subscribe(allTopics(), std::nullopt);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Unavailable);
        QCOMPARE(hub.stats().clients, size_t(0));
    }

    void subscribersBeyondTheLimitAreRefusedUntilOneLeaves()
    {
        SseHub hub({.maxClients = 2});
        auto first = hub.subscribe(allTopics(), std::nullopt).value();
        auto second = hub.subscribe(allTopics(), std::nullopt).value();
        const auto third = hub.subscribe(allTopics(), std::nullopt);
        QVERIFY(!third.ok());
        QCOMPARE(third.error().code, ErrorCode::Unavailable);
        first.reset();  // the stream closed: it unregisters
        QCOMPARE(hub.stats().clients, size_t(1));
        QVERIFY(hub.subscribe(allTopics(), std::nullopt).ok());
    }

    void concurrentPublishersNumberEveryEventOnceAndInOrder()
    {
        SseHub hub({.historySize = 8192, .clientQueueLimit = 8192});
        auto subscription = hub.subscribe(allTopics(), std::nullopt).value();
        std::vector<std::thread> publishers;
        for (int p = 0; p < 4; ++p)
            publishers.emplace_back([&hub] {
                for (int i = 0; i < 1000; ++i)
                    hub.publish(Topic::Interactions, "interactions", payload(i));
            });
        for (auto& publisher : publishers)
            publisher.join();
        const auto ids = idsOf(drain(*subscription));
        QCOMPARE(ids.size(), size_t(4000));
        for (size_t i = 0; i < ids.size(); ++i)
            QCOMPARE(ids[i], std::uint64_t(i + 1));
    }
};

QTEST_APPLESS_MAIN(TestSseHub)
#include "tst_sse_hub.moc"
