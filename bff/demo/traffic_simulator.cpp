#include "bff/demo/traffic_simulator.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>

namespace alpes::demo {
namespace {

using domain::InteractionType;
using domain::Platform;

// At 100 times the peak pace (800 journeys a second) a round of the pool takes 3.5 hours: no
// shopper buys twice within the velocity rules' hour. Ten million fit in the 24 bits of their 10.x.y.z IPs.
constexpr size_t kShopperPool = 10'000'000;
constexpr size_t kShopperStride = 7919;  // prime to the pool's size: every shopper once per round
// The shortest organic wait between a click and its purchase: 10 × the 3 s click-injection gap.
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
    : m_world(world), m_options(options), m_random(options.seed), m_activePartners(world.campaigns.size())
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
    // The first click-injection burst buys within the first seconds, and self-referrals are under
    // way from the warm-up on: fraud compensations show from the start. Clawbacks wait for
    // commissions to be confirmed (the demo holds them 15 s).
    m_nextBurst = interval(1, 3);
    m_nextSelfReferral = -options.warmUp + interval(10, 30);
    m_nextClawback = interval(25, 35);
    std::vector<ClawbackOrder> none;  // the first order comes after offset 0
    for (Millis from = -options.warmUp; from < Millis(0); from += options.tick)
        generate(from, std::min(from + options.tick, Millis(0)), none);
}

Millis TrafficSimulator::seconds(double low, double high)
{
    return Millis(static_cast<std::int64_t>(std::llround(m_random.between(low, high) * 1000.0)));
}

Millis TrafficSimulator::interval(double low, double high)
{
    return Millis(static_cast<std::int64_t>(std::llround(m_random.between(low, high) * 1000.0 / m_options.speed)));
}

double TrafficSimulator::dailyCurve(Millis offset) const
{
    // Quietest at 08:00, busiest at 20:00, never below a fifth of the peak. The day turns `speed`
    // times as fast as the wall clock.
    constexpr double kDayMillis = 24.0 * 3600 * 1000;
    const double simulated = static_cast<double>(m_options.timeOfDayAtStart.count()) +
                             static_cast<double>(offset.count()) * m_options.speed;
    const double hour = std::fmod(std::fmod(simulated, kDayMillis) + kDayMillis, kDayMillis) / kDayMillis * 24.0;
    return 0.6 + 0.4 * std::cos(2.0 * std::numbers::pi * (hour - 20.0) / 24.0);
}

void TrafficSimulator::generate(Millis from, Millis to, std::vector<ClawbackOrder>& clawbacks)
{
    if (m_campaigns.empty())
        return;
    const double span = static_cast<double>((to - from).count());
    const int journeys =
        m_random.poisson(m_options.journeysPerSecond * m_options.speed * dailyCurve(from) * span / 1000.0);
    for (int i = 0; i < journeys; ++i)
        startJourney(from + Millis(static_cast<std::int64_t>(m_random.unit() * span)));
    for (; m_options.fraud && m_nextBurst < to; m_nextBurst += interval(18, 30))
        startClickInjectionBurst(m_nextBurst);
    for (; m_options.fraud && m_nextSelfReferral < to; m_nextSelfReferral += interval(25, 40))
        startSelfReferral(m_nextSelfReferral);
    for (; m_options.fraud && m_nextClawback < to; m_nextClawback += interval(35, 50))
        clawbacks.push_back({m_nextClawback});
}

TrafficTick TrafficSimulator::next()
{
    TrafficTick tick;
    tick.from = m_position;
    tick.to = m_position + m_options.tick;
    generate(tick.from, tick.to, tick.clawbacks);
    for (const auto& clawback : tick.clawbacks)
        m_digest.add(clawback);
    while (!m_pending.empty() && m_pending.front().sendAt < tick.to) {
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

SimulatedInteraction TrafficSimulator::makePurchase(Millis at, size_t campaign, size_t partner, const Shopper& shopper)
{
    auto purchase = make(at, campaign, partner, InteractionType::Purchase, shopper);
    const DemoCampaign& target = m_world.campaigns[campaign];
    // Log-normal around the campaign's median, priced like a shop: whole units minus a cent.
    const double drawn = static_cast<double>(target.medianOrder) * std::exp(kAmountSpread * m_random.normal());
    const std::int64_t units =
        std::clamp<std::int64_t>(std::llround(drawn / 100.0), 2, std::max<std::int64_t>(2, target.medianOrder / 100 * 8));
    purchase.input.amount = Money::of(units * 100 - 1, target.currency).value();
    purchase.input.orderId = "ord-" + std::to_string(m_options.seed) + '-' + std::to_string(++m_orders);
    return purchase;
}

void TrafficSimulator::queue(Millis sendAt, SimulatedInteraction interaction)
{
    m_pending.push_back({sendAt, m_sequence++, std::move(interaction)});
    std::push_heap(m_pending.begin(), m_pending.end(), std::greater<>{});
}

void TrafficSimulator::schedule(std::vector<Step> journey, size_t campaign, size_t partner, const Shopper& shopper)
{
    // Oldest first, so that a journey's earlier touchpoints go out in the order they happened, before
    // its purchase.
    std::stable_sort(journey.begin(), journey.end(), [](const Step& a, const Step& b) { return a.at < b.at; });
    const auto purchase = std::find_if(journey.begin(), journey.end(), [](const Step& s) {
        return s.type == InteractionType::Purchase && s.at >= Millis(0);
    });
    // The earlier touchpoints go with the purchase, which needs them for its attribution and its
    // fraud rules: spread like purchases, a few more a second, never a burst.
    for (const Step& step : journey) {
        if (step.at < Millis(0) && purchase == journey.end())
            continue;
        queue(std::max(step.at, step.at < Millis(0) ? purchase->at : Millis(0)),
              step.type == InteractionType::Purchase ? makePurchase(step.at, campaign, partner, shopper)
                                                     : make(step.at, campaign, partner, step.type, shopper));
    }
}

void TrafficSimulator::startJourney(Millis at)
{
    const size_t campaign = pickCampaign();
    const size_t partner = pickPartner(campaign);
    // Shoppers come round again only after the whole pool did, so two journeys of one shopper never
    // overlap (an overlap would put one journey's click next to the other's purchase).
    const size_t shopperNumber = (m_shopperStart + m_journeys++ * kShopperStride) % kShopperPool;
    const Funnel funnel = funnelOf(m_world.partners[partner].channel);
    std::vector<Step> journey;
    Millis t = at;
    const int views = 1 + static_cast<int>(m_random.index(3));
    for (int v = 0; v < views; ++v) {
        if (v > 0)
            t += seconds(2, 15);
        journey.push_back({t, InteractionType::View});
        if (m_random.chance(funnel.like))
            journey.push_back({t + seconds(1, 8), InteractionType::Like});
    }
    if (m_random.chance(funnel.click)) {
        t += seconds(2, 20);
        journey.push_back({t, InteractionType::Click});
        Millis purchaseAt = t + seconds(kOrganicPurchaseGap, 90);
        if (m_random.chance(funnel.lead)) {
            const Millis leadAt = t + seconds(10, 60);
            journey.push_back({leadAt, InteractionType::Lead});
            purchaseAt = std::max(purchaseAt, leadAt + seconds(5, 30));
        }
        if (m_random.chance(funnel.purchase))
            journey.push_back({purchaseAt, InteractionType::Purchase});
    }
    if (t < Millis(0) && std::all_of(journey.begin(), journey.end(), [](const Step& s) { return s.at < Millis(0); }))
        return;  // over before offset 0 (most of the warm-up): not worth naming the shopper
    const Shopper shopper{"u-" + std::to_string(kShopperPool + shopperNumber), shopperIp(shopperNumber)};
    schedule(std::move(journey), campaign, partner, shopper);
}

void TrafficSimulator::startClickInjectionBurst(Millis at)
{
    // A bot farm fires clicks a moment before purchases it did not drive, to steal their attribution.
    // Each bot has its own user and IP, so what catches it is the click gap.
    const int bots = 2 + static_cast<int>(m_random.index(3));
    Millis t = at;
    for (int b = 0; b < bots; ++b) {
        const size_t campaign = pickCampaign();
        const size_t partner = pickPartner(campaign);
        const std::uint64_t bot = ++m_bots;
        const Shopper shopper{"bot-" + std::to_string(bot), "198.18." + std::to_string((bot >> 8) & 0xFF) + '.' +
                                                                std::to_string(bot & 0xFF)};
        schedule({{t, InteractionType::Click}, {t + seconds(0.2, 1.5), InteractionType::Purchase}}, campaign, partner,
                 shopper);
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
    const Millis clickAt = at + seconds(3, 10);
    const Millis purchaseAt = clickAt + seconds(kOrganicPurchaseGap, 90);
    schedule({{at, InteractionType::View}, {clickAt, InteractionType::Click}, {purchaseAt, InteractionType::Purchase}},
             campaign, partner, shopper);
}

}  // namespace alpes::demo
