#include "bff/demo/demo_seeder.h"

#include <array>
#include <map>
#include <thread>

namespace alpes::demo {
namespace {

using domain::AffiliateKind;
using domain::AffiliateState;
using domain::CampaignState;
using domain::Platform;

struct PartnerSeed {
    const char* name;
    const char* handle;  // email local part and end-user id
    AffiliateKind kind;
    Platform channel;
    std::int64_t followers;
    const char* category;
    AffiliateState state;
};

// The first one is the demo's `partner` user.
constexpr std::array<PartnerSeed, 20> kPartners{{
    {"Trail & Summit Reviews", "trailsummit", AffiliateKind::Affiliate, Platform::Web, 0, "Outdoor", AffiliateState::Active},
    {"Camille Roux", "camille.roux", AffiliateKind::Influencer, Platform::Instagram, 182000, "Beauty", AffiliateState::Active},
    {"Jonas Berg", "jonas.berg", AffiliateKind::Influencer, Platform::YouTube, 420000, "Outdoor", AffiliateState::Active},
    {"Mia Tanaka", "mia.tanaka", AffiliateKind::Influencer, Platform::TikTok, 960000, "Lifestyle", AffiliateState::Active},
    {"DealFinder Daily", "dealfinder", AffiliateKind::Affiliate, Platform::Web, 0, "Coupons", AffiliateState::Active},
    {"Priya Nair", "priya.nair", AffiliateKind::Influencer, Platform::Instagram, 57000, "Coffee", AffiliateState::Active},
    {"Lucas Almeida", "lucas.almeida", AffiliateKind::Influencer, Platform::X, 31000, "Tech", AffiliateState::Active},
    {"The Gear Lab", "gearlab", AffiliateKind::Affiliate, Platform::Web, 0, "Reviews", AffiliateState::Active},
    {"Sofia Marin", "sofia.marin", AffiliateKind::Influencer, Platform::TikTok, 240000, "Beauty", AffiliateState::Active},
    {"Ethan Brooks", "ethan.brooks", AffiliateKind::Influencer, Platform::YouTube, 88000, "Tech", AffiliateState::Active},
    {"Brew Notes", "brewnotes", AffiliateKind::Affiliate, Platform::Web, 0, "Coffee", AffiliateState::Active},
    {"Hannah Keller", "hannah.keller", AffiliateKind::Influencer, Platform::Facebook, 45000, "Family", AffiliateState::Active},
    {"Omar Haddad", "omar.haddad", AffiliateKind::Influencer, Platform::LinkedIn, 23000, "Business", AffiliateState::Active},
    {"Luma Skin Journal", "lumaskin", AffiliateKind::Affiliate, Platform::Web, 0, "Beauty", AffiliateState::Active},
    {"Nora Lindqvist", "nora.lindqvist", AffiliateKind::Influencer, Platform::Instagram, 310000, "Travel", AffiliateState::Active},
    {"Kenji Mori", "kenji.mori", AffiliateKind::Influencer, Platform::TikTok, 72000, "Food", AffiliateState::Active},
    {"Campus Saver", "campussaver", AffiliateKind::Affiliate, Platform::Web, 0, "Students", AffiliateState::Active},
    {"Ava Whitfield", "ava.whitfield", AffiliateKind::Influencer, Platform::Facebook, 12000, "Home", AffiliateState::Pending},
    {"Rapid Rebates", "rapidrebates", AffiliateKind::Affiliate, Platform::Web, 0, "Cashback", AffiliateState::Pending},
    {"Leo Fontaine", "leo.fontaine", AffiliateKind::Influencer, Platform::X, 150000, "Tech", AffiliateState::Suspended},
}};

struct Terms {
    domain::CommissionType type;
    std::int64_t percentOrMinor;  // percent (whole) or a fixed amount in minor units
    std::int64_t minimum;         // 0: none
    std::int64_t maximum;         // 0: none
};

struct CampaignSeed {
    const char* name;
    const char* description;
    const char* brand;
    domain::CampaignKind kind;
    const char* currency;
    std::int64_t budget;  // minor units
    Terms terms;
    domain::AttributionModel model;
    CampaignState state;
    std::int64_t medianOrder;
    double trafficShare;
    const char* shopUrl;
    std::array<size_t, 9> partners;  // indexes into kPartners
};

// Three active campaigns take the traffic; the coffee pilot pays 6.00 GBP a conversion out of a
// 12.00 GBP budget, so its third paid conversion is refused (BudgetExceeded) within about 15 s at
// speed 1.
constexpr std::array<CampaignSeed, 6> kCampaigns{{
    {"Summit Spring Sale", "Tents, packs and trail shoes for the new season", "Northwind Outdoor",
     domain::CampaignKind::Mixed, "USD", 2500000, {domain::CommissionType::Percent, 8, 200, 4000},
     domain::AttributionModel::LastTouch, CampaignState::Active, 8900, 0.40, "https://shop.northwind.example/spring",
     {0, 2, 4, 7, 11, 14, 6, 17, 19}},
    {"Glow Routine Launch", "The new serum and cleanser duo, launched by creators", "Lumiere Cosmetics",
     domain::CampaignKind::Influencer, "EUR", 1500000, {domain::CommissionType::Percent, 12, 0, 2500},
     domain::AttributionModel::PositionBased, CampaignState::Active, 4200, 0.35, "https://shop.lumiere.example/glow",
     {1, 3, 8, 13, 5, 14, 11, 9, 18}},
    {"Harbour Coffee Pilot", "A small pilot with coffee creators before the national launch", "Harbour Coffee Co.",
     domain::CampaignKind::Mixed, "GBP", 1200, {domain::CommissionType::Fixed, 600, 0, 0},
     domain::AttributionModel::LastTouch, CampaignState::Active, 2400, 0.25, "https://shop.harbourcoffee.example/pilot",
     {5, 10, 15, 3, 4, 1, 12, 16, 0}},
    {"Back to Campus Tech", "Laptops and headphones for students", "Byte & Bolt Electronics",
     domain::CampaignKind::Affiliate, "USD", 4000000, {domain::CommissionType::Percent, 5, 0, 6000},
     domain::AttributionModel::Linear, CampaignState::Paused, 24900, 0.0, "https://shop.byteandbolt.example/campus",
     {16, 6, 9, 7, 4, 12, 0, 2, 10}},
    {"Holiday Gift Guide", "Gift picks for the holidays, to be announced", "Byte & Bolt Electronics",
     domain::CampaignKind::Mixed, "USD", 3000000, {domain::CommissionType::Percent, 6, 0, 0},
     domain::AttributionModel::TimeDecay, CampaignState::Draft, 15900, 0.0, "https://shop.byteandbolt.example/gifts",
     {9, 6, 7, 16, 4, 3, 1, 2, 8}},
    {"Autumn Linen Edit", "Linen bedding and throws for autumn", "Maison Verte", domain::CampaignKind::Influencer,
     "EUR", 800000, {domain::CommissionType::Percent, 10, 0, 0}, domain::AttributionModel::FirstTouch,
     CampaignState::Finished, 11900, 0.0, "https://shop.maisonverte.example/linen", {11, 14, 1, 13, 8, 3, 5, 12, 15}},
}};

Money money(std::int64_t minor, const char* currency)
{
    return Money::of(minor, currency).value();  // the table's currencies are valid codes
}

dto::CampaignDraft draftOf(const CampaignSeed& seed, const std::optional<BrandId>& brand, UtcTime now,
                           std::chrono::seconds holdPeriod)
{
    dto::CampaignDraft draft;
    draft.name = seed.name;
    draft.description = seed.description;
    draft.brand = dto::Brand{brand, seed.brand};
    draft.kind = seed.kind;
    draft.startsAt = now - std::chrono::days(14);
    draft.endsAt = now + std::chrono::days(45);
    draft.budget = money(seed.budget, seed.currency);
    draft.commission.type = seed.terms.type;
    if (seed.terms.type == domain::CommissionType::Percent)
        draft.commission.ratePpm = seed.terms.percentOrMinor * 10000;
    else
        draft.commission.fixedAmount = money(seed.terms.percentOrMinor, seed.currency);
    if (seed.terms.minimum > 0)
        draft.commission.minimum = money(seed.terms.minimum, seed.currency);
    if (seed.terms.maximum > 0)
        draft.commission.maximum = money(seed.terms.maximum, seed.currency);
    draft.attribution.model = seed.model;
    draft.holdPeriodSeconds = holdPeriod.count();
    return draft;
}

template <typename T>
Status failed(const Result<T>& result)
{
    return result ? Status{} : Status(result.error());
}

// Waits until everything the seeding committed is delivered, so the copies of the others are in place.
Status settle(app::Engine& engine, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto delivered = engine.everythingDelivered();
        if (!delivered)
            return delivered.error();
        if (*delivered)
            return {};
        if (std::chrono::steady_clock::now() > deadline)
            return Error::unavailable("The demo world was not delivered to every service in time");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

Result<std::vector<DemoPartner>> seedPartners(app::Engine& engine)
{
    std::vector<DemoPartner> partners;
    for (const auto& seed : kPartners) {
        dto::AffiliateRegistration registration;
        registration.name = seed.name;
        registration.email = std::string(seed.handle) + "@partners.example";
        registration.kind = seed.kind;
        if (seed.kind == AffiliateKind::Influencer)
            registration.platform = seed.channel;
        registration.followers = seed.followers;
        registration.category = seed.category;
        registration.userId = std::string("pu-") + seed.handle;
        auto affiliate = engine.affiliates().registerAffiliate(registration);
        if (!affiliate)
            return std::move(affiliate).error();
        const AffiliateId id = affiliate->id;
        if (seed.state != AffiliateState::Pending)
            if (Status approved = failed(engine.affiliates().approve(id)); !approved)
                return std::move(approved).error();
        if (seed.state == AffiliateState::Suspended)
            if (Status suspended = failed(engine.affiliates().suspend(id, "Traffic quality under review")); !suspended)
                return std::move(suspended).error();
        partners.push_back({id, seed.name, seed.kind, seed.channel, *registration.userId, seed.state});
    }
    return partners;
}

Status moveToState(app::Engine& engine, const CampaignId& id, CampaignState state)
{
    auto& marketing = engine.marketing();
    switch (state) {
    case CampaignState::Draft:
        return {};
    case CampaignState::Active:
        return failed(marketing.activate(id));
    case CampaignState::Paused:
        if (Status activated = failed(marketing.activate(id)); !activated)
            return activated;
        return failed(marketing.pause(id));
    case CampaignState::Finished:
        if (Status activated = failed(marketing.activate(id)); !activated)
            return activated;
        return failed(marketing.finish(id));
    case CampaignState::Cancelled:
        return failed(marketing.cancel(id));
    }
    return {};
}

Status seedCampaigns(app::Engine& engine, DemoWorld& world, const SeedOptions& options, UtcTime now)
{
    std::map<std::string, BrandId> brands;
    for (const auto& seed : kCampaigns) {
        std::optional<BrandId> brand;
        if (const auto known = brands.find(seed.brand); known != brands.end())
            brand = known->second;
        auto campaign = engine.marketing().create(draftOf(seed, brand, now, options.holdPeriod));
        if (!campaign)
            return std::move(campaign).error();
        if (!brand && campaign->brand.id) {
            brands.emplace(seed.brand, *campaign->brand.id);
            world.brands.push_back(*campaign->brand.id);
        }
        DemoCampaign demo{campaign->id, seed.name, seed.state, seed.currency, seed.medianOrder, seed.trafficShare,
                          seed.shopUrl, {seed.partners.begin(), seed.partners.end()}};
        std::vector<AffiliateId> enrolled;
        for (const size_t partner : demo.partners)
            enrolled.push_back(world.partners[partner].id);
        if (Status done = failed(engine.marketing().enroll(demo.id, enrolled)); !done)
            return done;
        if (Status done = moveToState(engine, demo.id, seed.state); !done)
            return done;
        world.campaigns.push_back(std::move(demo));
    }
    return {};
}

// One link per approved partner of each active campaign: what partners would hand out.
Status seedLinks(app::Engine& engine, DemoWorld& world)
{
    for (const auto& campaign : world.campaigns) {
        if (campaign.state != CampaignState::Active)
            continue;
        for (const size_t index : campaign.partners) {
            const DemoPartner& partner = world.partners[index];
            if (partner.state != AffiliateState::Active)
                continue;
            auto link = engine.tracking().createLink(campaign.id, partner.id, campaign.shopUrl);
            if (!link)
                return std::move(link).error();
            world.links.push_back(link->code);
        }
    }
    return {};
}

}  // namespace

Result<DemoWorld> seedDemoWorld(app::Engine& engine, const SeedOptions& options, UtcTime now)
{
    const auto existing = engine.affiliates().list({}, {.limit = 1});
    if (!existing)
        return existing.error();
    if (!existing->items.empty())
        return Error::conflict("The data directory already holds partners; the demo seeds an empty one");
    DemoWorld world;
    auto partners = seedPartners(engine);
    if (!partners)
        return std::move(partners).error();
    world.partners = std::move(partners).value();
    world.partnerUserAffiliate = world.partners.front().id;
    // Marketing enrolls only partners it has heard of.
    if (Status settled = settle(engine, options.settleTimeout); !settled)
        return std::move(settled).error();
    if (Status seeded = seedCampaigns(engine, world, options, now); !seeded)
        return std::move(seeded).error();
    if (Status settled = settle(engine, options.settleTimeout); !settled)
        return std::move(settled).error();
    if (Status linked = seedLinks(engine, world); !linked)
        return std::move(linked).error();
    return world;
}

}  // namespace alpes::demo
