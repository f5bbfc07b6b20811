#pragma once

// The whole engine for the saga's integration tests: the four services and the saga on real SQLite
// files in a fresh directory, driven by a test clock. Partners and campaigns are made through the
// services' own APIs and journeys are tracked as ingest does; settle() waits until no message is
// in flight; effectsOf() gathers what a conversion left in every service.

#include "bff/app/engine.h"
#include "tests/bff/saga/saga_test_messages.h"
#include "tests/support/test_clock.h"

#include <algorithm>
#include <functional>
#include <thread>

namespace alpes::testing {

// What one conversion left behind, service by service.
struct ConversionEffects {
    std::vector<domain::CommissionState> commissions;  // of the conversion, oldest first
    std::int64_t spent = 0;                            // the campaign's live budget reservations
    std::optional<services::tracking::AttributionOutcome> outcome;
    bool attributionReverted = false;
    std::vector<domain::InteractionState> interactions;  // of the ids asked about, in order
    std::int64_t countedToday = 0;                       // the campaign's daily projection, all types
};

class SagaWorld {
public:
    // Short timeouts on the test clock, a runner that looks often in real time.
    static saga::SagaOptions fastSagaOptions()
    {
        return saga::SagaOptions{.stepTimeout = std::chrono::seconds(2),
                                 .maxRetries = 3,
                                 .firstBackoff = std::chrono::milliseconds(500),
                                 .runnerInterval = std::chrono::milliseconds(5)};
    }

    explicit SagaWorld(std::filesystem::path dir, saga::SagaOptions options = fastSagaOptions(),
                       UtcTime start = parseRfc3339("2026-11-22T18:00:00.000Z").value())
        : m_dir(std::move(dir)), m_clock(start), m_options(std::move(options))
    {
    }

    // `beforeStart` sees the engine before messages flow: where listeners are added.
    Status open(const std::function<void(app::Engine&)>& beforeStart = {})
    {
        auto engine = app::Engine::open({.dataDir = m_dir,
                                         .maintenanceInterval = std::chrono::milliseconds(50),
                                         .saga = m_options},
                                        m_clock);
        if (!engine)
            return std::move(engine).error();
        m_engine = std::move(engine).value();
        if (beforeStart)
            beforeStart(*m_engine);
        m_engine->start();
        return {};
    }
    void close() { m_engine.reset(); }

    app::Engine& engine() { return *m_engine; }
    TestClock& clock() { return m_clock; }

    // A partner still waiting for approval (`pending`).
    Result<AffiliateId> addPendingPartner(std::optional<std::string> userId = std::nullopt)
    {
        dto::AffiliateRegistration registration;
        registration.name = "Partner " + std::to_string(++m_partners);
        registration.email = "partner" + std::to_string(m_partners) + "@example.com";
        registration.userId = std::move(userId);
        auto partner = m_engine->affiliates().registerAffiliate(registration);
        if (!partner)
            return std::move(partner).error();
        return partner->id;
    }

    // An approved partner, known to every service once settle() returns.
    Result<AffiliateId> addPartner(std::optional<std::string> userId = std::nullopt)
    {
        auto partner = addPendingPartner(std::move(userId));
        if (!partner)
            return partner;
        if (auto approved = m_engine->affiliates().approve(*partner); !approved)
            return std::move(approved).error();
        return partner;
    }

    // An active campaign paying a fixed commission per conversion.
    Result<CampaignId> addCampaign(std::int64_t budget, std::int64_t commission, std::int64_t holdPeriodSeconds)
    {
        auto campaign = addDraftCampaign(budget, commission, holdPeriodSeconds);
        if (!campaign)
            return campaign;
        if (auto active = m_engine->marketing().activate(*campaign); !active)
            return std::move(active).error();
        return campaign;
    }

    // The same campaign, not activated yet (`draft`), its dates around the clock's now.
    Result<CampaignId> addDraftCampaign(std::int64_t budget, std::int64_t commission, std::int64_t holdPeriodSeconds)
    {
        dto::CampaignDraft draft;
        draft.name = "Campaign " + std::to_string(++m_campaigns);
        draft.brand = dto::Brand{std::nullopt, "Acme"};
        draft.startsAt = m_clock.now() - std::chrono::days(1);
        draft.endsAt = m_clock.now() + std::chrono::days(60);
        draft.budget = usd(budget);
        draft.commission.type = domain::CommissionType::Fixed;
        draft.commission.fixedAmount = usd(commission);
        draft.holdPeriodSeconds = holdPeriodSeconds;
        auto campaign = m_engine->marketing().create(draft);
        if (!campaign)
            return std::move(campaign).error();
        return campaign->id;
    }

    Result<services::tracking::TrackReceipt> click(const CampaignId& campaign, const AffiliateId& partner,
                                                   const std::string& user, UtcTime at)
    {
        dto::InteractionInput input;
        input.type = domain::InteractionType::Click;
        input.campaignId = campaign;
        input.affiliateId = partner;
        input.userId = user;
        input.ip = ipOf(user);
        input.occurredAt = at;
        return m_engine->tracking().track(input);
    }

    // From the user's own IP unless `ip` is given.
    Result<services::tracking::TrackReceipt> purchase(const CampaignId& campaign, const AffiliateId& partner,
                                                      const std::string& user, const std::string& orderId,
                                                      std::int64_t amount, UtcTime at,
                                                      std::optional<std::string> ip = std::nullopt)
    {
        dto::InteractionInput input;
        input.type = domain::InteractionType::Purchase;
        input.campaignId = campaign;
        input.affiliateId = partner;
        input.userId = user;
        input.ip = ip ? *ip : ipOf(user);
        input.occurredAt = at;
        input.orderId = orderId;
        input.amount = usd(amount);
        return m_engine->tracking().track(input);
    }

    // True once every outbox is empty and every writer idle several times in a row, the saga
    // runner having had a chance to look in between: nothing is in flight.
    bool settle(std::chrono::milliseconds limit = std::chrono::seconds(60))
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        int quiet = 0;
        while (quiet < 3) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            std::this_thread::sleep_for(m_options.runnerInterval + std::chrono::milliseconds(2));
            quiet = idle() ? quiet + 1 : 0;
        }
        return true;
    }

    // Settles, and moves the test clock on a second at a time until `done` holds.
    bool driveUntil(const std::function<bool()>& done, int maxSeconds = 600)
    {
        for (int second = 0; second <= maxSeconds; ++second) {
            if (!settle())
                return false;
            if (done())
                return true;
            m_clock.advance(std::chrono::seconds(1));
        }
        return false;
    }

    saga::SagaState stateOf(const SagaId& id) { return m_engine->sagas().get(id).value().saga.state; }
    bool reaches(const SagaId& id, std::initializer_list<saga::SagaState> states)
    {
        return driveUntil([&] { return std::find(states.begin(), states.end(), stateOf(id)) != states.end(); });
    }

    ConversionEffects effectsOf(const CampaignId& campaign, const ConversionId& conversion,
                                std::initializer_list<InteractionId> interactions)
    {
        ConversionEffects effects;
        auto commissions =
            m_engine->commissions().list({.campaignId = campaign}, {.limit = PageRequest::kMaxLimit}).value();
        std::reverse(commissions.items.begin(), commissions.items.end());
        for (const auto& commission : commissions.items)
            if (commission.conversionId == conversion)
                effects.commissions.push_back(commission.state);
        effects.spent = m_engine->marketing().budget(campaign).value().spent.amount();
        if (const auto view = m_engine->tracking().conversion(conversion)) {
            effects.outcome = view->outcome;
            effects.attributionReverted = view->revertedAt.has_value();
        }
        for (const auto& id : interactions)
            effects.interactions.push_back(m_engine->tracking().getInteraction(id).value().state);
        const auto today = std::chrono::floor<std::chrono::days>(m_clock.now());
        const auto counts = m_engine->tracking().dailyStats(campaign, today, today).value();
        for (const auto& count : counts)
            effects.countedToday += count.count;
        return effects;
    }

    // Every user browses from an address of their own.
    static std::string ipOf(const std::string& user)
    {
        return "10." + std::to_string(std::hash<std::string>{}(user) % 250) + ".0.1";
    }

private:
    bool idle()
    {
        for (services::ServiceDatabase* db :
             {&m_engine->affiliates().database(), &m_engine->marketing().database(), &m_engine->tracking().database(),
              &m_engine->commissions().database(), &m_engine->sagas().database()}) {
            const auto depth = db->relay().depth();
            if (db->writer().queued() > 0 || !depth || depth.value() > 0)
                return false;
        }
        return true;
    }

    std::filesystem::path m_dir;
    TestClock m_clock;
    saga::SagaOptions m_options;
    std::unique_ptr<app::Engine> m_engine;
    int m_partners = 0;
    int m_campaigns = 0;
};

}  // namespace alpes::testing
