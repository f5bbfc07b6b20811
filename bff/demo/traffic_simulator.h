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
    // How many times the world's own pace: new journeys, fraud bursts and clawbacks come this many
    // times as often, and the daily curve turns this many times as fast. The gaps inside a journey
    // (view, click, purchase) do not change: speed is how much traffic there is, not how fast
    // shoppers act, so the fraud rules judge every journey alike at any speed.
    double speed = 1.0;
    // The span each next() covers.
    Millis tick{200};
    // Journeys start this long before offset 0 (longer than the longest journey), so shoppers are
    // mid-journey at offset 0 and purchases flow from the first second. Of those journeys only the
    // parts from offset 0 on are sent as they happen; their earlier touchpoints are sent, dated in
    // the past, just before the journey's purchase, and only when it buys from offset 0 on
    // (attribution needs them). Nothing is sent at once at the start, so a live chart that counts
    // by arrival sees the steady rate from its first second.
    Millis warmUp{150000};
    // New shopper journeys per second at the daily peak at speed 1 (about 20 interactions and 0.8
    // purchases a second).
    double journeysPerSecond = 8.0;
    // The simulated time of day at offset 0, which the daily traffic curve follows.
    Millis timeOfDayAtStart = std::chrono::hours(19);
    // Click-injection and self-referral bursts, and clawbacks.
    bool fraud = true;
};

// One generated interaction: the positions in the world it came from, the offset at which it
// happened, and the input as the simulator would send it but without occurredAt, which the pacing
// sets from the offset. It is sent in the tick that holds its offset, or later when it is an
// earlier touchpoint (offset < 0) of a journey under way at offset 0.
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
    std::vector<SimulatedInteraction> interactions;  // in the order to send them
    std::vector<ClawbackOrder> clawbacks;
};

// The demo's traffic as a pure function of the world's shape, the seed and the speed over a timeline
// of offsets from the start: shopper journeys (views, likes, a click, maybe a lead, maybe a purchase)
// follow a daily curve and per-channel funnels; purchases have log-normal amounts in the campaign's
// currency and unique orderIds; bursts of click injection (a purchase within 1.5 s of its click)
// and self-referral (a partner buying through its own link) are meant for the fraud rules, and
// clawbacks are ordered now and then. Organic journeys wait at least 30 s between click and
// purchase at every speed, and take turns through a pool of ten million shoppers, each with its own
// IP, so that even at speed 100 a shopper comes back only after more than three hours: the default fraud
// rules (3 s click gap, 5 purchases per user or IP an hour) fire on the bursts only.
// Wall-clock time plays no part: the same world shape, seed and options give the same ticks.
// Thread-safety: none; one owner.
class TrafficSimulator {
public:
    TrafficSimulator(const DemoWorld& world, TrafficOptions options);

    // The next tick of the timeline, starting at offset 0.
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
    // A step of a journey as drawn, before it is made into an interaction: a journey over before
    // offset 0 costs only its draws (the warm-up at high speed draws many of them).
    struct Step {
        Millis at{0};
        domain::InteractionType type = domain::InteractionType::View;
    };
    struct Pending {
        Millis sendAt{0};
        std::uint64_t sequence = 0;  // keeps the order of equal times deterministic
        SimulatedInteraction interaction;
        friend bool operator>(const Pending& a, const Pending& b)
        {
            return a.sendAt != b.sendAt ? a.sendAt > b.sendAt : a.sequence > b.sequence;
        }
    };

    // Starts what happens in [from, to): journeys, bursts and clawback orders.
    void generate(Millis from, Millis to, std::vector<ClawbackOrder>& clawbacks);
    void startJourney(Millis at);
    void startClickInjectionBurst(Millis at);
    void startSelfReferral(Millis at);
    size_t pickCampaign();
    size_t pickPartner(size_t campaign);
    SimulatedInteraction make(Millis at, size_t campaign, size_t partner, domain::InteractionType type,
                              const Shopper& shopper) const;
    SimulatedInteraction makePurchase(Millis at, size_t campaign, size_t partner, const Shopper& shopper);
    // Makes one journey's interactions and queues them to be sent: see TrafficOptions::warmUp.
    void schedule(std::vector<Step> journey, size_t campaign, size_t partner, const Shopper& shopper);
    void queue(Millis sendAt, SimulatedInteraction interaction);
    double dailyCurve(Millis offset) const;
    // A span drawn between low and high seconds, as it is inside a journey.
    Millis seconds(double low, double high);
    // The time between two arrivals of a process that runs `speed` times as fast.
    Millis interval(double low, double high);

    DemoWorld m_world;
    TrafficOptions m_options;
    DemoRandom m_random;
    std::vector<size_t> m_campaigns;                  // the active ones with approved partners
    std::vector<std::vector<size_t>> m_activePartners;  // per campaign
    std::vector<Pending> m_pending;  // a min-heap by (sendAt, sequence)
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
