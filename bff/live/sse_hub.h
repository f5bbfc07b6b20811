#pragma once

#include "bff/live/sse_event.h"
#include "bff/live/topic.h"
#include "shared/core/result.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alpes::live {

// The fan-out of the live stream (product.md §3.2), free of HTTP: publishers hand it events, it
// numbers them, keeps the last `historySize` for Last-Event-ID resume and queues them for every
// subscriber of their topic. A subscriber that lets `clientQueueLimit` events pile up is dropped
// (its queue freed, its stream ended) instead of growing memory: with at most `maxClients`
// subscribers, memory is bounded by the history plus maxClients × clientQueueLimit pointers,
// whatever the clients do. stop() ends every stream at once, so server shutdown never waits on one.
// A subscriber may follow one saga: its `sagas` topic then carries only that saga's step changes
// (live and replayed), so a view of one saga costs nothing that grows with the ingest rate.
//
// Thread-safety: every method may be called from any thread; one Subscription is read by one
// thread at a time. The hub must outlive its subscriptions (stop the HTTP server, which holds
// them, before destroying the hub).
class SseHub {
public:
    struct Options {
        size_t historySize = 4096;
        // At least historySize, so that a resume replaying the whole history is not dropped at once.
        size_t clientQueueLimit = 4096;
        // Each stream holds one HTTP worker thread for its whole life: the server's pool must have
        // more threads than this.
        size_t maxClients = 64;
        // Ids continue from here. Seeding it from the clock (e.g. epoch ms × 1000) keeps ids rising
        // across restarts, so a client resuming with an id of the previous run misses nothing new.
        std::uint64_t firstId = 1;
    };

    // For /metrics and for tests that check memory stays bounded.
    struct Stats {
        size_t clients = 0;
        std::uint64_t published = 0;
        std::uint64_t dropped = 0;  // clients dropped for being too slow
        size_t queued = 0;          // events waiting in all client queues together
        size_t history = 0;
        std::uint64_t lastId = 0;   // the newest event's id (firstId - 1 before any)
    };

    enum class End { Open, Dropped, Stopped };

    // One client's view of the stream: the events of its topics, in id order. Made by subscribe()
    // as a shared_ptr because httplib's content provider must be a copyable std::function and the
    // provider and its releaser share it; the hub itself only keeps a plain pointer while it is
    // registered, and the destructor unregisters it.
    class Subscription {
    public:
        struct Batch {
            std::vector<SharedEvent> events;  // empty when the wait timed out or the stream ended
            End end = End::Open;
        };

        ~Subscription();
        Subscription(const Subscription&) = delete;
        Subscription& operator=(const Subscription&) = delete;

        // Waits up to `timeout` for events and takes all that are queued; once the stream has
        // ended (dropped or stopped), answers at once with no events and the reason.
        Batch take(std::chrono::milliseconds timeout);
        const TopicSet& topics() const { return m_topics; }

    private:
        friend class SseHub;
        Subscription(SseHub& hub, TopicSet topics, std::optional<std::string> sagaId);
        // Whether this stream carries `event`: its topic, and for `sagas` its saga when one is followed.
        bool wants(const SseEvent& event) const;
        // With the hub's lock held. False when the queue was full: the subscription is then ended.
        bool offer(const SharedEvent& event, size_t limit);
        void end(End reason);
        size_t queued();

        SseHub& m_hub;
        const TopicSet m_topics;
        const std::optional<std::string> m_sagaId;
        std::mutex m_mutex;
        std::condition_variable m_ready;
        std::deque<SharedEvent> m_queue;
        End m_end = End::Open;
    };

    explicit SseHub(Options options);
    SseHub() : SseHub(Options{}) {}
    ~SseHub();
    SseHub(const SseHub&) = delete;
    SseHub& operator=(const SseHub&) = delete;

    // Numbers the event, keeps it and queues it for every subscriber of `topic` (of `sagaId` too,
    // for the `sagas` topic, when the subscriber follows one saga); answers its id. `data` is
    // serialized once here (invalid UTF-8 replaced, never thrown).
    std::uint64_t publish(Topic topic, std::string_view eventName, const nlohmann::json& data,
                          std::string_view sagaId = {});

    // Registers a subscriber of `topics` whose queue starts with the kept events after
    // `lastEventId` (none when absent) that it would have been sent; with `sagaId`, its `sagas`
    // topic carries only that saga's events. Unavailable once stopped or when maxClients are
    // connected.
    Result<std::shared_ptr<Subscription>> subscribe(TopicSet topics, std::optional<std::uint64_t> lastEventId,
                                                    std::optional<std::string> sagaId = std::nullopt);

    // Told the topics of each new subscriber, on the subscribing thread, once it is registered (an
    // event published from then on reaches it): how a publisher that stays idle while nobody
    // listens learns to start. One listener per hub; setting another replaces it, and setting an
    // empty one returns once no call of the old one runs, so its owner may go right after. It
    // runs under the listener's lock: it must not call subscribe() or setSubscribeListener().
    using SubscribeListener = std::function<void(const TopicSet& topics)>;
    void setSubscribeListener(SubscribeListener listener);
    // Whether any open stream takes `topic`: publishers skip work that nobody would see.
    bool hasSubscribers(Topic topic) const;

    // Ends every stream and refuses new ones; publishing still numbers and keeps events.
    void stop();

    Stats stats() const;
    const Options& options() const { return m_options; }

private:
    Result<std::shared_ptr<Subscription>> addSubscriber(TopicSet topics, std::optional<std::uint64_t> lastEventId,
                                                        std::optional<std::string> sagaId);
    void unregister(Subscription* subscription);

    const Options m_options;
    mutable std::mutex m_mutex;
    std::uint64_t m_nextId;
    std::deque<SharedEvent> m_history;
    std::vector<Subscription*> m_clients;
    std::uint64_t m_published = 0;
    std::uint64_t m_dropped = 0;
    bool m_stopped = false;
    std::mutex m_listenerMutex;  // held while the listener runs; never taken under m_mutex
    SubscribeListener m_subscribeListener;
};

}  // namespace alpes::live
