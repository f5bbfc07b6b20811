#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace alpes::demo {

struct SimulatedInteraction;
struct ClawbackOrder;

// A 64-bit FNV-1a over a canonical line per generated item: offset, type, the world positions of
// campaign and partner, user, IP, orderId and amount. Ids the services chose are left out, so two
// worlds seeded alike digest alike. Thread-safety: none; one owner.
class TrafficDigest {
public:
    void add(const SimulatedInteraction& interaction);
    void add(const ClawbackOrder& clawback);
    std::string hex() const;

private:
    void addText(std::string_view text);

    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

}  // namespace alpes::demo
