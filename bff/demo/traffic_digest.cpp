#include "bff/demo/traffic_digest.h"

#include "bff/demo/traffic_simulator.h"

#include <cstdio>

namespace alpes::demo {

void TrafficDigest::add(const SimulatedInteraction& interaction)
{
    const auto& input = interaction.input;
    std::string line = std::to_string(interaction.offset.count()) + ';' +
                       std::string(domain::kInteractionTypes.name(input.type)) + ';' +
                       std::to_string(interaction.campaign) + ';' + std::to_string(interaction.partner) + ';' +
                       input.userId.value_or("") + ';' + input.ip.value_or("") + ';' + input.orderId.value_or("");
    if (input.amount)
        line += ';' + std::to_string(input.amount->amount()) + ' ' + input.amount->currency();
    addText(line + '\n');
}

void TrafficDigest::add(const ClawbackOrder& clawback)
{
    addText("clawback;" + std::to_string(clawback.offset.count()) + '\n');
}

void TrafficDigest::addText(std::string_view text)
{
    for (const char c : text) {
        m_hash ^= static_cast<unsigned char>(c);
        m_hash *= 0x100000001b3ULL;
    }
}

std::string TrafficDigest::hex() const
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(m_hash));
    return text;
}

}  // namespace alpes::demo
