#pragma once

#include "bff/demo/demo_random.h"
#include "bff/demo/demo_world.h"
#include "bff/demo/traffic_digest.h"
#include "shared/core/time.h"
#include "shared/dto/interaction.h"

#include <chrono>
#include <cstdint>
#include <vector>

namespace alpes::demo {

struct TrafficOptions {
    std::uint64_t seed = 42;
    // The simulated span each next() covers.
    Millis tick{200};
    // The timeline starts this long before offset 0, so journeys are under way when pacing starts
    // (their interactions are sent at once, dated in the past) and purchases flow from the first second.
    Millis warmUp{90000};
    // New shopper journeys per simulated second at the daily peak (about 20 interactions and 0.8
    // purchases a second).
    double journeysPerSecond = 8.0;
    // The simulated time of day at offset 0, which the daily traffic curve follows.
    Millis timeOfDayAtStart = std::chrono::hours(19);
    // Click-injection and self-referral bursts, and clawbacks.
    bool fraud = true;
};

// One generated interaction: the positions in the world it came from, its simulated offset, and the
// input as the simulator would send it but without occurredAt, which the pacing sets when it sends.
struct SimulatedInteraction {
    Millis offset{0};
    size_t campaign = 0;
    size_t partner = 0;
    dto::InteractionInput input;
};

// A manager flags a completed conversion as fraud after the fact (a clawback).
struct ClawbackOrder {
    Millis offset{0};
};

struct TrafficTick {
    Millis from{0};
    Millis to{0};  // exclusive
    std::vector<SimulatedInteraction> interactions;  // by offset
    std::vector<ClawbackOrder> clawbacks;
};

// The demo's traffic as a pure function of the world's shape and the seed over a simulated timeline:
// shopper journeys (views, likes, a click, maybe a lead, maybe a purchase) follow a daily curve and
// per-channel funnels; purchases have log-normal amounts in the campaign's currency and unique
// orderIds; bursts of click injection (a purchase within 1.5 s of its click) and self-referral (a
// partner buying through its own link) are meant for the fraud rules, and clawbacks are ordered now
// and then. Organic journeys wait at least 30 s between click and purchase and take turns through a
// pool of 100 000 shoppers, so the default fraud rules fire on the bursts only, up to a speed of 10.
// Wall-clock time plays no part: the same world shape, seed and options give the same ticks.
// Thread-safety: none; one owner.
class TrafficSimulator {
public:
    TrafficSimulator(const DemoWorld& world, TrafficOptions options);

    // The next tick of the timeline, starting at -warmUp.
    TrafficTick next();
    // The digest of everything generated so far.
    std::string digest() const { return m_digest.hex(); }
    // The simulated offset the next tick starts at.
    Millis position() const { return m_position; }

private:
    struct Shopper {
        std::string userId;
        std::string ip;
    };
    struct Pending {
        Millis offset{0};
        std::uint64_t sequence = 0;  // keeps the order of equal offsets deterministic
        SimulatedInteraction interaction;
        friend bool operator>(const Pending& a, const Pending& b)
        {
            return a.offset != b.offset ? a.offset > b.offset : a.sequence > b.sequence;
        }
    };

    void startJourney(Millis at);
    void startClickInjectionBurst(Millis at);
    void startSelfReferral(Millis at);
    size_t pickCampaign();
    size_t pickPartner(size_t campaign);
    SimulatedInteraction make(Millis at, size_t campaign, size_t partner, domain::InteractionType type,
                              const Shopper& shopper) const;
    void schedule(SimulatedInteraction interaction);
    void schedulePurchase(Millis at, size_t campaign, size_t partner, const Shopper& shopper);
    double dailyCurve(Millis offset) const;
    Millis seconds(double low, double high);

    DemoWorld m_world;
    TrafficOptions m_options;
    DemoRandom m_random;
    std::vector<size_t> m_campaigns;                  // the active ones with approved partners
    std::vector<std::vector<size_t>> m_activePartners;  // per campaign
    std::vector<Pending> m_pending;  // a min-heap by (offset, sequence)
    std::uint64_t m_sequence = 0;
    size_t m_shopperStart = 0;
    std::uint64_t m_journeys = 0;
    std::uint64_t m_orders = 0;
    std::uint64_t m_bots = 0;
    Millis m_position{0};
    Millis m_nextBurst{0};
    Millis m_nextSelfReferral{0};
    Millis m_nextClawback{0};
    TrafficDigest m_digest;
};

}  // namespace alpes::demo
