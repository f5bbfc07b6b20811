#include "bff/demo/traffic_simulator.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>

namespace alpes::demo {
namespace {

using domain::InteractionType;
using domain::Platform;

constexpr size_t kShopperPool = 100000;
constexpr size_t kShopperStride = 7919;  // prime to the pool's size: every shopper once per round
// The shortest organic wait between a click and its purchase: 10 × the 3 s click-injection gap,
// so a speed of up to 10 (which shortens every wait by as much) never looks like click injection.
constexpr double kOrganicPurchaseGap = 30.0;
constexpr double kAmountSpread = 0.55;  // sigma of the log-normal order amounts

// How a channel's audience moves down the funnel: likes per view, clicks per journey, and given a
// click, leads and purchases. Livelier than real life so that a minute shows every outcome.
struct Funnel {
    double like;
    double click;
    double lead;
    double purchase;
    bool mobile;
};

Funnel funnelOf(Platform channel)
{
    switch (channel) {
    case Platform::Instagram:
        return {0.35, 0.35, 0.15, 0.30, true};
    case Platform::TikTok:
        return {0.45, 0.30, 0.10, 0.25, true};
    case Platform::YouTube:
        return {0.25, 0.40, 0.20, 0.30, false};
    case Platform::X:
        return {0.20, 0.25, 0.10, 0.22, true};
    case Platform::Facebook:
        return {0.30, 0.30, 0.15, 0.28, true};
    case Platform::LinkedIn:
        return {0.15, 0.35, 0.30, 0.25, false};
    case Platform::Web:
        return {0.0, 0.50, 0.20, 0.35, false};
    }
    return {0.0, 0.0, 0.0, 0.0, false};
}

std::string shopperIp(size_t shopper)
{
    return "10." + std::to_string((shopper >> 16) & 0xFF) + '.' + std::to_string((shopper >> 8) & 0xFF) + '.' +
           std::to_string(shopper & 0xFF);
}

}  // namespace

TrafficSimulator::TrafficSimulator(const DemoWorld& world, TrafficOptions options)
    : m_world(world),
      m_options(options),
      m_random(options.seed),
      m_activePartners(world.campaigns.size()),
      m_position(-options.warmUp)
{
    for (size_t c = 0; c < m_world.campaigns.size(); ++c) {
        const auto& campaign = m_world.campaigns[c];
        for (const size_t p : campaign.partners)
            if (m_world.partners[p].state == domain::AffiliateState::Active)
                m_activePartners[c].push_back(p);
        if (campaign.state == domain::CampaignState::Active && campaign.trafficShare > 0 &&
            !m_activePartners[c].empty())
            m_campaigns.push_back(c);
    }
    m_shopperStart = m_random.index(kShopperPool);
    m_nextBurst = m_position + seconds(5, 20);
    m_nextSelfReferral = m_position + seconds(10, 30);
    m_nextClawback = seconds(30, 45);
}

Millis TrafficSimulator::seconds(double low, double high)
{
    return Millis(static_cast<std::int64_t>(std::llround(m_random.between(low, high) * 1000.0)));
}

double TrafficSimulator::dailyCurve(Millis offset) const
{
    // Quietest at 08:00, busiest at 20:00, never below a fifth of the peak.
    constexpr double kDayMillis = 24.0 * 3600 * 1000;
    const double hour = std::fmod(static_cast<double>((m_options.timeOfDayAtStart + offset).count()), kDayMillis) /
                        kDayMillis * 24.0;
    return 0.6 + 0.4 * std::cos(2.0 * std::numbers::pi * (hour - 20.0) / 24.0);
}

TrafficTick TrafficSimulator::next()
{
    TrafficTick tick;
    tick.from = m_position;
    tick.to = m_position + m_options.tick;
    if (!m_campaigns.empty()) {
        const double tickSeconds = static_cast<double>(m_options.tick.count()) / 1000.0;
        const int journeys = m_random.poisson(m_options.journeysPerSecond * dailyCurve(tick.from) * tickSeconds);
        for (int i = 0; i < journeys; ++i)
            startJourney(tick.from + Millis(static_cast<std::int64_t>(m_random.unit() * m_options.tick.count())));
        for (; m_options.fraud && m_nextBurst < tick.to; m_nextBurst += seconds(18, 30))
            startClickInjectionBurst(m_nextBurst);
        for (; m_options.fraud && m_nextSelfReferral < tick.to; m_nextSelfReferral += seconds(25, 40))
            startSelfReferral(m_nextSelfReferral);
        for (; m_options.fraud && m_nextClawback < tick.to; m_nextClawback += seconds(35, 50)) {
            tick.clawbacks.push_back({m_nextClawback});
            m_digest.add(tick.clawbacks.back());
        }
    }
    while (!m_pending.empty() && m_pending.front().offset < tick.to) {
        std::pop_heap(m_pending.begin(), m_pending.end(), std::greater<>{});
        tick.interactions.push_back(std::move(m_pending.back().interaction));
        m_pending.pop_back();
        m_digest.add(tick.interactions.back());
    }
    m_position = tick.to;
    return tick;
}

size_t TrafficSimulator::pickCampaign()
{
    double total = 0;
    for (const size_t c : m_campaigns)
        total += m_world.campaigns[c].trafficShare;
    double draw = m_random.unit() * total;
    for (const size_t c : m_campaigns) {
        draw -= m_world.campaigns[c].trafficShare;
        if (draw < 0)
            return c;
    }
    return m_campaigns.back();
}

size_t TrafficSimulator::pickPartner(size_t campaign)
{
    const auto& partners = m_activePartners[campaign];
    return partners[m_random.index(partners.size())];
}

SimulatedInteraction TrafficSimulator::make(Millis at, size_t campaign, size_t partner, InteractionType type,
                                            const Shopper& shopper) const
{
    const DemoCampaign& target = m_world.campaigns[campaign];
    const DemoPartner& source = m_world.partners[partner];
    const Funnel funnel = funnelOf(source.channel);
    SimulatedInteraction interaction{at, campaign, partner, {}};
    auto& input = interaction.input;
    input.type = type;
    input.campaignId = target.id;
    input.affiliateId = source.id;
    input.userId = shopper.userId;
    input.ip = shopper.ip;
    input.userAgent = funnel.mobile ? "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X)"
                                    : "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Firefox/120.0";
    input.context.url = type == InteractionType::Purchase ? target.shopUrl + "/checkout" : target.shopUrl;
    input.context.device = funnel.mobile ? "mobile" : "desktop";
    input.utm = dto::Utm{std::string(domain::kPlatforms.name(source.channel)),
                         source.channel == Platform::Web ? "affiliate" : "social", target.name, std::nullopt,
                         std::nullopt};
    return interaction;
}

void TrafficSimulator::schedule(SimulatedInteraction interaction)
{
    const Millis at = interaction.offset;
    m_pending.push_back({at, m_sequence++, std::move(interaction)});
    std::push_heap(m_pending.begin(), m_pending.end(), std::greater<>{});
}

void TrafficSimulator::schedulePurchase(Millis at, size_t campaign, size_t partner, const Shopper& shopper)
{
    auto purchase = make(at, campaign, partner, InteractionType::Purchase, shopper);
    const DemoCampaign& target = m_world.campaigns[campaign];
    // Log-normal around the campaign's median, priced like a shop: whole units minus a cent.
    const double drawn = static_cast<double>(target.medianOrder) * std::exp(kAmountSpread * m_random.normal());
    const std::int64_t units =
        std::clamp<std::int64_t>(std::llround(drawn / 100.0), 2, std::max<std::int64_t>(2, target.medianOrder / 100 * 8));
    purchase.input.amount = Money::of(units * 100 - 1, target.currency).value();
    purchase.input.orderId = "ord-" + std::to_string(m_options.seed) + '-' + std::to_string(++m_orders);
    schedule(std::move(purchase));
}

void TrafficSimulator::startJourney(Millis at)
{
    const size_t campaign = pickCampaign();
    const size_t partner = pickPartner(campaign);
    // Shoppers come round again only after the whole pool did, so two journeys of one shopper never
    // overlap (an overlap would put one journey's click next to the other's purchase).
    const size_t shopperNumber = (m_shopperStart + m_journeys++ * kShopperStride) % kShopperPool;
    const Shopper shopper{"u-" + std::to_string(100000 + shopperNumber), shopperIp(shopperNumber)};
    const Funnel funnel = funnelOf(m_world.partners[partner].channel);
    Millis t = at;
    const int views = 1 + static_cast<int>(m_random.index(3));
    for (int v = 0; v < views; ++v) {
        if (v > 0)
            t += seconds(2, 15);
        schedule(make(t, campaign, partner, InteractionType::View, shopper));
        if (m_random.chance(funnel.like))
            schedule(make(t + seconds(1, 8), campaign, partner, InteractionType::Like, shopper));
    }
    if (!m_random.chance(funnel.click))
        return;
    t += seconds(2, 20);
    schedule(make(t, campaign, partner, InteractionType::Click, shopper));
    Millis purchaseAt = t + seconds(kOrganicPurchaseGap, 90);
    if (m_random.chance(funnel.lead)) {
        const Millis leadAt = t + seconds(10, 60);
        schedule(make(leadAt, campaign, partner, InteractionType::Lead, shopper));
        purchaseAt = std::max(purchaseAt, leadAt + seconds(5, 30));
    }
    if (m_random.chance(funnel.purchase))
        schedulePurchase(purchaseAt, campaign, partner, shopper);
}

void TrafficSimulator::startClickInjectionBurst(Millis at)
{
    // A bot farm fires clicks a moment before purchases it did not drive, to steal their attribution.
    const int bots = 2 + static_cast<int>(m_random.index(3));
    Millis t = at;
    for (int b = 0; b < bots; ++b) {
        const size_t campaign = pickCampaign();
        const size_t partner = pickPartner(campaign);
        const std::uint64_t bot = ++m_bots;
        const Shopper shopper{"bot-" + std::to_string(bot), "203.0.113." + std::to_string(bot % 250 + 1)};
        schedule(make(t, campaign, partner, InteractionType::Click, shopper));
        schedulePurchase(t + seconds(0.2, 1.5), campaign, partner, shopper);
        t += seconds(0.5, 3);
    }
}

void TrafficSimulator::startSelfReferral(Millis at)
{
    // A partner buys through its own link to earn the commission on its own order.
    const size_t campaign = pickCampaign();
    const size_t partner = pickPartner(campaign);
    const std::string& user = m_world.partners[partner].userId;
    const Shopper shopper{user, "198.51.100." + std::to_string(partner + 1)};
    schedule(make(at, campaign, partner, InteractionType::View, shopper));
    const Millis clickAt = at + seconds(3, 10);
    schedule(make(clickAt, campaign, partner, InteractionType::Click, shopper));
    schedulePurchase(clickAt + seconds(kOrganicPurchaseGap, 90), campaign, partner, shopper);
}

}  // namespace alpes::demo
