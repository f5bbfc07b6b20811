#pragma once

#include "shared/core/result.h"
#include "shared/messages/envelope.h"

#include <span>

namespace alpes::events {

class Consumer;

// Where relays publish and consumers subscribe. The embedded implementation delivers in-process;
// a broker implementation (Redis Streams consumer groups) is the door left open for distributed mode.
class MessageBus {
public:
    virtual ~MessageBus() = default;
    // Subscriptions are made while the engine is assembled, before any relay starts.
    virtual void subscribe(Consumer& consumer) = 0;
    // Returns once every subscriber has applied (or dead-lettered) the messages; an error means
    // the publisher keeps them and publishes again later.
    virtual Status publish(std::span<const messages::Envelope> messages) = 0;
};

}  // namespace alpes::events
