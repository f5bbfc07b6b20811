#include "bff/events/embedded_bus.h"

#include "bff/events/consumer.h"

namespace alpes::events {

void EmbeddedBus::subscribe(Consumer& consumer)
{
    m_consumers.push_back(&consumer);
}

Status EmbeddedBus::publish(std::span<const messages::Envelope> messages)
{
    for (Consumer* consumer : m_consumers)
        if (Status delivered = consumer->deliver(messages); !delivered)
            return delivered;
    return {};
}

}  // namespace alpes::events
