#pragma once

#include "bff/events/message_bus.h"

#include <vector>

namespace alpes::events {

// Delivers synchronously to in-process consumers, in publish order.
// Thread-safety: subscribe() before publishing starts; publish() from any number of relays.
class EmbeddedBus final : public MessageBus {
public:
    void subscribe(Consumer& consumer) override;
    Status publish(std::span<const messages::Envelope> messages) override;

private:
    std::vector<Consumer*> m_consumers;
};

}  // namespace alpes::events
