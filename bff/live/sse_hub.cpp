#include "bff/live/sse_hub.h"

#include <algorithm>

namespace alpes::live {
namespace {

// The SSE wire form of one event. dump() escapes line breaks inside strings, so the data is one
// `data:` line.
std::string frameOf(const SseEvent& event)
{
    std::string frame;
    frame.reserve(event.name.size() + event.data.size() + 40);
    frame += "id: ";
    frame += std::to_string(event.id);
    frame += "\nevent: ";
    frame += event.name;
    frame += "\ndata: ";
    frame += event.data;
    frame += "\n\n";
    return frame;
}

}  // namespace

SseHub::Subscription::Subscription(SseHub& hub, TopicSet topics, std::optional<std::string> sagaId)
    : m_hub(hub), m_topics(std::move(topics)), m_sagaId(std::move(sagaId))
{
}

bool SseHub::Subscription::wants(const SseEvent& event) const
{
    return m_topics.contains(event.topic) && (event.topic != Topic::Sagas || !m_sagaId || event.sagaId == *m_sagaId);
}

SseHub::Subscription::~Subscription()
{
    m_hub.unregister(this);
}

SseHub::Subscription::Batch SseHub::Subscription::take(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    m_ready.wait_for(lock, timeout, [this] { return !m_queue.empty() || m_end != End::Open; });
    if (m_end != End::Open)
        return {{}, m_end};
    Batch batch;
    batch.events.assign(std::make_move_iterator(m_queue.begin()), std::make_move_iterator(m_queue.end()));
    m_queue.clear();
    return batch;
}

bool SseHub::Subscription::offer(const SharedEvent& event, size_t limit)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_queue.size() < limit) {
            m_queue.push_back(event);
            m_ready.notify_one();
            return true;
        }
    }
    end(End::Dropped);
    return false;
}

void SseHub::Subscription::end(End reason)
{
    std::lock_guard lock(m_mutex);
    m_end = reason;
    std::deque<SharedEvent>().swap(m_queue);  // give the memory back now, not when the stream closes
    m_ready.notify_all();
}

size_t SseHub::Subscription::queued()
{
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

SseHub::SseHub(Options options) : m_options(options), m_nextId(std::max<std::uint64_t>(options.firstId, 1)) {}

SseHub::~SseHub()
{
    stop();
}

std::uint64_t SseHub::publish(Topic topic, std::string_view eventName, const nlohmann::json& data,
                              std::string_view sagaId)
{
    auto event = std::make_shared<SseEvent>();
    event->topic = topic;
    event->name = std::string(eventName);
    event->sagaId = std::string(sagaId);
    event->data = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::lock_guard lock(m_mutex);
    event->id = m_nextId++;
    event->frame = frameOf(*event);
    const SharedEvent shared = std::move(event);
    if (m_options.historySize > 0) {
        if (m_history.size() == m_options.historySize)
            m_history.pop_front();
        m_history.push_back(shared);
    }
    ++m_published;
    const auto dropped = std::remove_if(m_clients.begin(), m_clients.end(), [&](Subscription* client) {
        return client->wants(*shared) && !client->offer(shared, m_options.clientQueueLimit);
    });
    m_dropped += static_cast<std::uint64_t>(m_clients.end() - dropped);
    m_clients.erase(dropped, m_clients.end());
    return shared->id;
}

Result<std::shared_ptr<SseHub::Subscription>> SseHub::subscribe(TopicSet topics,
                                                                 std::optional<std::uint64_t> lastEventId,
                                                                 std::optional<std::string> sagaId)
{
    auto subscription = addSubscriber(std::move(topics), lastEventId, std::move(sagaId));
    if (subscription) {
        std::lock_guard lock(m_listenerMutex);
        if (m_subscribeListener)
            m_subscribeListener(subscription.value()->topics());
    }
    return subscription;
}

Result<std::shared_ptr<SseHub::Subscription>> SseHub::addSubscriber(TopicSet topics,
                                                                     std::optional<std::uint64_t> lastEventId,
                                                                     std::optional<std::string> sagaId)
{
    std::lock_guard lock(m_mutex);
    if (m_stopped)
        return Error::unavailable("The live stream is shutting down");
    if (m_clients.size() >= m_options.maxClients)
        return Error::unavailable("Too many live stream clients; try again later",
                                  std::to_string(m_clients.size()) + " streams open");
    std::shared_ptr<Subscription> subscription(new Subscription(*this, std::move(topics), std::move(sagaId)));
    // Replayed under the same lock as publish(): nothing published meanwhile is missed or doubled.
    if (lastEventId) {
        const auto after = std::upper_bound(m_history.begin(), m_history.end(), *lastEventId,
                                            [](std::uint64_t id, const SharedEvent& event) { return id < event->id; });
        for (auto it = after; it != m_history.end(); ++it)
            if (subscription->wants(**it))
                subscription->m_queue.push_back(*it);
    }
    m_clients.push_back(subscription.get());
    return subscription;
}

void SseHub::setSubscribeListener(SubscribeListener listener)
{
    std::lock_guard lock(m_listenerMutex);
    m_subscribeListener = std::move(listener);
}

bool SseHub::hasSubscribers(Topic topic) const
{
    std::lock_guard lock(m_mutex);
    return std::any_of(m_clients.begin(), m_clients.end(),
                       [topic](const Subscription* client) { return client->m_topics.contains(topic); });
}

void SseHub::unregister(Subscription* subscription)
{
    std::lock_guard lock(m_mutex);
    std::erase(m_clients, subscription);
}

void SseHub::stop()
{
    std::lock_guard lock(m_mutex);
    m_stopped = true;
    for (Subscription* client : m_clients)
        client->end(End::Stopped);
    m_clients.clear();
}

SseHub::Stats SseHub::stats() const
{
    std::lock_guard lock(m_mutex);
    Stats stats;
    stats.clients = m_clients.size();
    stats.published = m_published;
    stats.dropped = m_dropped;
    for (Subscription* client : m_clients)
        stats.queued += client->queued();
    stats.history = m_history.size();
    stats.lastId = m_nextId - 1;
    return stats;
}

}  // namespace alpes::live
