#include "bff/events/consumer.h"
#include "bff/events/embedded_bus.h"
#include "bff/events/event_tables.h"
#include "bff/messages/message_types.h"
#include "bff/services/commissions/commission_messages.h"
#include "bff/services/commissions/commissions_service.h"
#include "shared/core/uuid.h"
#include "shared/dto/affiliate.h"
#include "shared/dto/campaign.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_clock.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <atomic>
#include <map>
#include <random>
#include <mutex>

using namespace alpes;
using namespace alpes::services;
using namespace alpes::services::commissions;
using alpes::json::Json;
using domain::AffiliateState;
using domain::CommissionState;
namespace types = alpes::messages::types;

namespace {

// Subscribes to what commissions publishes and keeps every message, as another service would.
class Sink {
public:
    Sink(const std::filesystem::path& path, events::MessageBus& bus)
    {
        auto db = storage::Database::open(path.string());
        QVERIFY(db.ok());
        QVERIFY(storage::migrate(db.value(), std::array{storage::Migration{1, "events", events::kEventTablesSql}}).ok());
        m_writer = std::make_unique<storage::GroupCommitWriter>(std::move(db).value(),
                                                                storage::GroupCommitWriter::Options{});
        m_consumer = std::make_unique<events::Consumer>(
            events::Consumer::Options{.name = "sink",
                                      .types = {std::string(types::kCommissionReserved),
                                                std::string(types::kCommissionConfirmed),
                                                std::string(types::kCommissionReverted)}},
            *m_writer, m_upcaster, [this](storage::Database&, const messages::Envelope& message) -> Status {
                const std::lock_guard lock(m_mutex);
                m_received.push_back(message);
                return {};
            });
        bus.subscribe(*m_consumer);
    }

    std::vector<messages::Envelope> received() const
    {
        const std::lock_guard lock(m_mutex);
        return m_received;
    }

    std::optional<messages::Envelope> causedBy(const std::string& commandId) const
    {
        const std::lock_guard lock(m_mutex);
        for (const auto& message : m_received)
            if (message.causationId == commandId)
                return message;
        return std::nullopt;
    }

    size_t countOf(std::string_view type) const
    {
        const std::lock_guard lock(m_mutex);
        return static_cast<size_t>(std::count_if(m_received.begin(), m_received.end(),
                                                 [&](const messages::Envelope& m) { return m.type == type; }));
    }

private:
    messages::Upcaster m_upcaster;
    std::unique_ptr<storage::GroupCommitWriter> m_writer;
    std::unique_ptr<events::Consumer> m_consumer;
    mutable std::mutex m_mutex;
    std::vector<messages::Envelope> m_received;
};

Money usd(std::int64_t minorUnits)
{
    return Money::of(minorUnits, "USD").value();
}

domain::CommissionTerms percentTerms(std::int64_t ratePpm)
{
    return domain::CommissionTerms{.type = domain::CommissionType::Percent, .ratePpm = ratePpm};
}

std::vector<std::string> idsOf(const std::vector<CommissionId>& ids)
{
    std::vector<std::string> out;
    for (const auto& id : ids)
        out.push_back(id.str());
    return out;
}

}  // namespace

class TestCommissionsService : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_clock = std::make_unique<testing::TestClock>(parseRfc3339("2026-11-22T18:00:00.000Z").value());
        m_dir = std::make_unique<testing::TempDataDir>();
        m_bus = std::make_unique<events::EmbeddedBus>();
        m_sink = std::make_unique<Sink>(m_dir->path() / "sink.db", *m_bus);
        auto service = CommissionsService::open({m_dir->path(), "commissions"}, *m_bus, *m_clock);
        QVERIFY(service.ok());
        m_service = std::move(service).value();
        m_service->database().start();
    }
    void cleanup()
    {
        m_service.reset();
        m_sink.reset();
        m_bus.reset();
        m_dir.reset();
        m_clock.reset();
    }

    void reservesOnePerPartnerAndAnswersWithTheTotal()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto ana = givenPartner(AffiliateState::Active);
        const auto bo = givenPartner(AffiliateState::Active);
        const auto reply = reserve("conv-1", campaign, {{ana, usd(8000)}, {bo, usd(1995)}});
        QVERIFY(reply);
        QCOMPARE(reply->type, std::string(types::kCommissionReserved));
        QCOMPARE(reply->key, std::string("conv-1"));
        const auto reserved = decodeCommissionReserved(reply->payload);
        QVERIFY(reserved.ok());
        QCOMPARE(reserved->campaignId.str(), campaign.str());
        QCOMPARE(reserved->total, usd(1000));
        QCOMPARE(reserved->commissions.size(), size_t(2));
        QCOMPARE(reserved->commissions[0].affiliateId.str(), ana.str());
        QCOMPARE(reserved->commissions[0].amount, usd(800));
        QCOMPARE(reserved->commissions[1].amount, usd(200));
        QVERIFY(!reserved->reason);

        const auto stored = m_service->get(reserved->commissions[1].commissionId);
        QVERIFY(stored.ok());
        QVERIFY(stored->state == CommissionState::Reserved);
        QCOMPARE(stored->affiliateId.str(), bo.str());
        QCOMPARE(stored->conversionId.str(), std::string("conv-1"));
        QCOMPARE(stored->amount, usd(200));
        QCOMPARE(stored->reservedAt, m_clock->now());
    }

    void repliesCarryTheSagaAsCorrelationAndTheCommandAsCausation()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto ana = givenPartner(AffiliateState::Active);
        const auto commands = {
            command(types::kReserveCommission, "saga-7",
                    toJson(ReserveCommissionCommand{ConversionId("conv-1"), campaign, {{ana, usd(1000)}}})),
            command(types::kConfirmCommission, "saga-7", toJson(ConfirmCommissionCommand{ConversionId("conv-1")})),
            command(types::kRevertCommission, "saga-7",
                    toJson(RevertCommissionCommand{ConversionId("conv-1"), "fraud"})),
        };
        const std::vector<std::string> expectedTypes{std::string(types::kCommissionReserved),
                                                     std::string(types::kCommissionConfirmed),
                                                     std::string(types::kCommissionReverted)};
        size_t i = 0;
        for (const auto& sent : commands) {
            const auto reply = deliverAndWait(sent);
            QVERIFY(reply);
            QCOMPARE(reply->type, expectedTypes[i++]);
            QCOMPARE(reply->correlationId, std::string("saga-7"));
            QCOMPARE(reply->causationId, sent.id);
            QCOMPARE(reply->source, std::string(CommissionsService::kName));
        }
    }

    void aRepeatedReserveAnswersTheStoredCommissionsWithoutASecondRow()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto ana = givenPartner(AffiliateState::Active);
        const auto first = command(types::kReserveCommission, "saga-1",
                                   toJson(ReserveCommissionCommand{ConversionId("conv-1"), campaign, {{ana, usd(1000)}}}));
        const auto firstReply = deliverAndWait(first);
        QVERIFY(firstReply);
        // The same message again (a redelivery) has no effect at all, not even a second answer.
        QVERIFY(m_service->consumer().deliver(std::span(&first, 1)).ok());
        // A new command for the same conversion (a saga retry), even with other shares, gets the stored answer.
        m_clock->advance(std::chrono::seconds{5});
        const auto retry = deliverAndWait(command(
            types::kReserveCommission, "saga-1",
            toJson(ReserveCommissionCommand{ConversionId("conv-1"), campaign, {{ana, usd(5000)}}})));
        QVERIFY(retry);
        QCOMPARE(retry->payload, firstReply->payload);
        QCOMPARE(m_sink->countOf(types::kCommissionReserved), size_t(2));
        const auto all = m_service->list({}, {.limit = 50});
        QVERIFY(all.ok());
        QCOMPARE(all->items.size(), size_t(1));
        QCOMPARE(all->items.front().amount, usd(100));
    }

    void onlyActivePartnersEarn()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto active = givenPartner(AffiliateState::Active);
        const auto suspended = givenPartner(AffiliateState::Suspended);
        const auto pending = givenPartner(AffiliateState::Pending);
        const auto reinstated = givenPartner(AffiliateState::Suspended);
        QVERIFY(deliver(command(types::kAffiliateReinstated, "",
                                Json{{"affiliateId", reinstated.str()}, {"status", "active"}}))
                    .ok());
        const AffiliateId unknown("never-heard-of");
        const auto reply = reserve("conv-1", campaign,
                                   {{active, usd(1000)}, {suspended, usd(2000)}, {pending, usd(3000)},
                                    {reinstated, usd(4000)}, {unknown, usd(5000)}});
        QVERIFY(reply);
        const auto reserved = decodeCommissionReserved(reply->payload);
        QVERIFY(reserved.ok());
        QCOMPARE(reserved->commissions.size(), size_t(2));
        QCOMPARE(reserved->commissions[0].affiliateId.str(), active.str());
        QCOMPARE(reserved->commissions[1].affiliateId.str(), reinstated.str());
        QCOMPARE(reserved->total, usd(500));
        QCOMPARE(m_service->list({.affiliateId = suspended}, {.limit = 50})->items.size(), size_t(0));
    }

    void nobodyEarningIsStillAnAnswer()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto suspended = givenPartner(AffiliateState::Suspended);
        const auto reply = reserve("conv-1", campaign, {{suspended, usd(1000)}});
        QVERIFY(reply);
        const auto reserved = decodeCommissionReserved(reply->payload);
        QVERIFY(reserved.ok());
        QVERIFY(reserved->commissions.empty());
        QCOMPARE(reserved->total, usd(0));
        QVERIFY(!reserved->reason);
    }

    void anUnknownCampaignIsAnsweredWithNothingReservedAndNoDeadLetter()
    {
        const auto ana = givenPartner(AffiliateState::Active);
        const CampaignId campaign(newUuidV7());
        const auto reply = reserve("conv-1", campaign, {{ana, usd(1000)}});
        QVERIFY(reply);
        const auto reserved = decodeCommissionReserved(reply->payload);
        QVERIFY(reserved.ok());
        QCOMPARE(reserved->reason, std::optional<std::string>(kReasonUnknownCampaign));
        QCOMPARE(reserved->total, usd(0));
        QCOMPARE(reserved->campaignId.str(), campaign.str());
        QVERIFY(reserved->commissions.empty());
        QVERIFY(m_service->consumer().deadLetters()->empty());

        // Nothing was kept: once the copy arrives, a retry reserves normally.
        givenCampaign(percentTerms(100000), 3600, campaign);
        const auto retry = reserve("conv-1", campaign, {{ana, usd(1000)}});
        QVERIFY(retry);
        QCOMPARE(decodeCommissionReserved(retry->payload)->total, usd(100));
    }

    void sharesInAnotherCurrencyThanTheCampaignReserveNothing()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto ana = givenPartner(AffiliateState::Active);
        const auto reply = reserve("conv-1", campaign, {{ana, Money::of(1000, "EUR").value()}});
        QVERIFY(reply);
        const auto reserved = decodeCommissionReserved(reply->payload);
        QVERIFY(reserved.ok());
        QCOMPARE(reserved->reason, std::optional<std::string>(kReasonCurrencyMismatch));
        QCOMPARE(reserved->total, usd(0));
        QVERIFY(m_service->list({}, {.limit = 50})->items.empty());
    }

    void aMalformedCommandEndsInTheDeadLetters()
    {
        const auto broken = command(types::kReserveCommission, "saga-1", Json{{"conversionId", "conv-1"}});
        QVERIFY(deliver(broken).ok());
        const auto letters = m_service->consumer().deadLetters();
        QVERIFY(letters.ok());
        QCOMPARE(letters->size(), size_t(1));
        QCOMPARE(letters->front().message.id, broken.id);
    }

    void confirmCommissionConfirmsTheReservedOnesAndRepeatsItsAnswer()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto ana = givenPartner(AffiliateState::Active);
        const auto bo = givenPartner(AffiliateState::Active);
        const auto reserved = decodeCommissionReserved(
            reserve("conv-1", campaign, {{ana, usd(1000)}, {bo, usd(3000)}})->payload);
        m_clock->advance(std::chrono::hours{1});
        const auto reply = confirmConversion("conv-1");
        QVERIFY(reply);
        const auto confirmed = decodeCommissionConfirmed(reply->payload);
        QVERIFY(confirmed.ok());
        QCOMPARE(confirmed->campaignId->str(), campaign.str());
        const std::vector<std::string> both{reserved->commissions[0].commissionId.str(),
                                            reserved->commissions[1].commissionId.str()};
        QCOMPARE(idsOf(confirmed->commissionIds), both);
        const auto stored = m_service->get(reserved->commissions[0].commissionId);
        QVERIFY(stored->state == CommissionState::Confirmed);
        QCOMPARE(stored->confirmedAt, std::optional<UtcTime>(m_clock->now()));

        const auto again = confirmConversion("conv-1");
        QVERIFY(again);
        QCOMPARE(again->payload, reply->payload);

        const auto unknown = confirmConversion("conv-never");
        QVERIFY(unknown);
        const auto nothing = decodeCommissionConfirmed(unknown->payload);
        QVERIFY(nothing.ok());
        QVERIFY(nothing->commissionIds.empty());
        QVERIFY(!nothing->campaignId);
    }

    void revertCommissionRevertsReservedAndConfirmedOnes()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto ana = givenPartner(AffiliateState::Active);
        const auto bo = givenPartner(AffiliateState::Active);
        const auto reserved = decodeCommissionReserved(
            reserve("conv-1", campaign, {{ana, usd(1000)}, {bo, usd(3000)}})->payload);
        const auto first = reserved->commissions[0].commissionId;
        QVERIFY(m_service->confirm(first).ok());

        const auto reply = revertConversion("conv-1", "fraud: click injection");
        QVERIFY(reply);
        const auto reverted = decodeCommissionReverted(reply->payload);
        QVERIFY(reverted.ok());
        QCOMPARE(reverted->commissionIds.size(), size_t(2));
        QCOMPARE(reverted->reason, std::string("fraud: click injection"));
        const auto stored = m_service->get(first);
        QVERIFY(stored->state == CommissionState::Reverted);
        QCOMPARE(stored->reason, std::optional<std::string>("fraud: click injection"));
        QCOMPARE(stored->revertedAt, std::optional<UtcTime>(m_clock->now()));
        QVERIFY(stored->confirmedAt);

        // A repeat with another reason answers what happened: the first reason stays.
        const auto again = revertConversion("conv-1", "budget");
        QVERIFY(again);
        QCOMPARE(again->payload, reply->payload);
        // Confirming after the revert confirms nothing.
        const auto confirmAfter = confirmConversion("conv-1");
        QVERIFY(decodeCommissionConfirmed(confirmAfter->payload)->commissionIds.empty());

        const auto unknown = revertConversion("conv-never", "fraud");
        QVERIFY(unknown);
        const auto nothing = decodeCommissionReverted(unknown->payload);
        QVERIFY(nothing->commissionIds.empty());
        QVERIFY(!nothing->campaignId);
        QCOMPARE(nothing->reason, std::string("fraud"));
    }

    void confirmsByHandOnlyAReservedCommission()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto ana = givenPartner(AffiliateState::Active);
        const auto id = decodeCommissionReserved(reserve("conv-1", campaign, {{ana, usd(1000)}}, "saga-9")->payload)
                            ->commissions.front()
                            .commissionId;
        const auto confirmed = m_service->confirm(id);
        QVERIFY(confirmed.ok());
        QVERIFY(confirmed->state == CommissionState::Confirmed);
        QCOMPARE(confirmed->confirmedAt, std::optional<UtcTime>(m_clock->now()));
        QTRY_COMPARE(m_sink->countOf(types::kCommissionConfirmed), size_t(1));
        const auto event = lastOf(types::kCommissionConfirmed);
        QCOMPARE(event.correlationId, std::string("saga-9"));
        QCOMPARE(event.key, std::string("conv-1"));
        QCOMPARE(idsOf(decodeCommissionConfirmed(event.payload)->commissionIds), std::vector<std::string>{id.str()});

        const auto twice = m_service->confirm(id);
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().code, ErrorCode::Conflict);
        QVERIFY(revertConversion("conv-1", "fraud"));
        QCOMPARE(m_service->confirm(id).error().code, ErrorCode::Conflict);
    }

    void unknownIdIsNotFound()
    {
        QCOMPARE(m_service->get(CommissionId("nope")).error().code, ErrorCode::NotFound);
        QCOMPARE(m_service->confirm(CommissionId("nope")).error().code, ErrorCode::NotFound);
    }

    void confirmsABatchAndSaysWhyItSkippedTheRest()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto ana = givenPartner(AffiliateState::Active);
        const auto firstOf = [](const std::optional<messages::Envelope>& reply) {
            return decodeCommissionReserved(reply->payload)->commissions.front().commissionId;
        };
        const auto open = firstOf(reserve("conv-1", campaign, {{ana, usd(1000)}}));
        const auto alsoOpen = firstOf(reserve("conv-2", campaign, {{ana, usd(2000)}}));
        const auto confirmed = firstOf(reserve("conv-3", campaign, {{ana, usd(3000)}}));
        const auto reverted = firstOf(reserve("conv-4", campaign, {{ana, usd(4000)}}));
        QVERIFY(m_service->confirm(confirmed).ok());
        QVERIFY(revertConversion("conv-4", "fraud"));
        const size_t confirmedBefore = m_sink->countOf(types::kCommissionConfirmed);

        const std::vector<CommissionId> ids{open, confirmed, reverted, CommissionId("missing"), open, alsoOpen};
        const auto result = m_service->confirmBatch(ids);
        QVERIFY(result.ok());
        QCOMPARE(idsOf(result->confirmed), (std::vector<std::string>{open.str(), alsoOpen.str()}));
        std::vector<std::string> skipped;
        for (const auto& skip : result->skipped)
            skipped.push_back(skip.id.str() + ": " + skip.reason);
        QCOMPARE(skipped, (std::vector<std::string>{confirmed.str() + ": already_confirmed",
                                                    reverted.str() + ": already_reverted", "missing: not_found"}));
        QVERIFY(m_service->get(alsoOpen)->state == CommissionState::Confirmed);
        // One event per conversion confirmed.
        QTRY_COMPARE(m_sink->countOf(types::kCommissionConfirmed), confirmedBefore + 2);
    }

    void refusesABatchOfMoreThanFiveHundredIds()
    {
        const std::vector<CommissionId> ids(dto::kMaxConfirmBatchIds + 1, CommissionId("x"));
        QCOMPARE(m_service->confirmBatch(ids).error().code, ErrorCode::Validation);
    }

    void confirmsEverythingReservedBeforeACutoff()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto ana = givenPartner(AffiliateState::Active);
        const auto older = decodeCommissionReserved(reserve("conv-1", campaign, {{ana, usd(1000)}})->payload);
        const UtcTime cutoff = m_clock->now() + std::chrono::seconds{5};
        m_clock->advance(std::chrono::seconds{10});
        const auto newer = decodeCommissionReserved(reserve("conv-2", campaign, {{ana, usd(2000)}})->payload);

        const auto result = m_service->confirmOlderThan(cutoff);
        QVERIFY(result.ok());
        QCOMPARE(idsOf(result->confirmed), std::vector<std::string>{older->commissions.front().commissionId.str()});
        QVERIFY(result->skipped.empty());
        QVERIFY(m_service->get(newer->commissions.front().commissionId)->state == CommissionState::Reserved);
        QVERIFY(m_service->confirmOlderThan(cutoff)->confirmed.empty());
    }

    void sumsStatsPerStateAndCurrency()
    {
        const auto dollars = givenCampaign(percentTerms(100000));
        const auto euros = givenCampaign(
            domain::CommissionTerms{.type = domain::CommissionType::Fixed, .fixedAmount = Money::of(500, "EUR").value()},
            3600, CampaignId(newUuidV7()), "EUR");
        const auto ana = givenPartner(AffiliateState::Active);
        const auto bo = givenPartner(AffiliateState::Active);
        reserve("conv-1", dollars, {{ana, usd(1000)}, {bo, usd(3000)}});  // 100 + 300 USD
        reserve("conv-2", dollars, {{ana, usd(5000)}});                      // 500 USD
        reserve("conv-3", euros, {{ana, Money::of(9900, "EUR").value()}});  // 500 EUR
        QVERIFY(confirmConversion("conv-2"));
        QVERIFY(revertConversion("conv-3", "fraud"));

        const auto all = m_service->stats({});
        QVERIFY(all.ok());
        QCOMPARE(all->reserved.count, std::int64_t{2});
        QCOMPARE(all->reserved.amounts, std::vector<Money>{usd(400)});
        QCOMPARE(all->confirmed.count, std::int64_t{1});
        QCOMPARE(all->confirmed.amounts, std::vector<Money>{usd(500)});
        QCOMPARE(all->reverted.count, std::int64_t{1});
        QCOMPARE(all->reverted.amounts, std::vector<Money>{Money::of(500, "EUR").value()});

        const auto forAna = m_service->stats({.affiliateId = ana});
        QCOMPARE(forAna->reserved.amounts, std::vector<Money>{usd(100)});
        QCOMPARE(forAna->confirmed.count, std::int64_t{1});
        const auto forEuros = m_service->stats({.campaignId = euros});
        QCOMPARE(forEuros->reserved.count, std::int64_t{0});
        QVERIFY(forEuros->reserved.amounts.empty());
        QCOMPARE(forEuros->reverted.count, std::int64_t{1});
    }

    void sumsAmountsOfTwoCurrenciesInOneStateSeparately()
    {
        const auto dollars = givenCampaign(percentTerms(100000));
        const auto euros = givenCampaign(percentTerms(100000), 3600, CampaignId(newUuidV7()), "EUR");
        const auto ana = givenPartner(AffiliateState::Active);
        reserve("conv-1", dollars, {{ana, usd(1000)}});
        reserve("conv-2", euros, {{ana, Money::of(2000, "EUR").value()}});
        const auto stats = m_service->stats({});
        QCOMPARE(stats->reserved.count, std::int64_t{2});
        QCOMPARE(stats->reserved.amounts, (std::vector<Money>{Money::of(200, "EUR").value(), usd(100)}));
    }

    void keepsItsStatisticsEqualToTheCommissionsThroughEveryChangeOfState()
    {
        // The statistics are running totals kept by triggers (migration 3): after a mixed run of
        // reservations, confirmations and reversions they must equal what the commissions add up to.
        const std::vector<CampaignId> campaigns{givenCampaign(percentTerms(100000)), givenCampaign(percentTerms(50000))};
        const std::vector<AffiliateId> partners{givenPartner(AffiliateState::Active), givenPartner(AffiliateState::Active),
                                                givenPartner(AffiliateState::Active)};
        std::mt19937 random(7);
        for (int i = 0; i < 40; ++i) {
            const std::string conversion = "conv-" + std::to_string(i);
            const auto& campaign = campaigns[random() % campaigns.size()];
            QVERIFY(reserve(conversion, campaign, {{partners[random() % partners.size()], usd(1000 + 10 * i)}}));
            if (i % 3 == 1)
                QVERIFY(confirmConversion(conversion));
            else if (i % 3 == 2)
                QVERIFY(revertConversion(conversion, "fraud"));
        }
        const auto expectStatsOf = [&](const CommissionStatsFilter& filter) {
            std::map<CommissionState, std::pair<std::int64_t, std::int64_t>> expected;
            const auto page = m_service->list({.campaignId = filter.campaignId, .affiliateId = filter.affiliateId},
                                              {.limit = PageRequest::kMaxLimit});
            QVERIFY(page.ok());
            for (const auto& commission : page->items) {
                expected[commission.state].first += 1;
                expected[commission.state].second += commission.amount.amount();
            }
            const auto stats = m_service->stats(filter);
            QVERIFY(stats.ok());
            for (const auto state : {CommissionState::Reserved, CommissionState::Confirmed, CommissionState::Reverted}) {
                const auto& totals = stats->of(state);
                QCOMPARE(totals.count, expected[state].first);
                QCOMPARE(totals.amounts.empty() ? std::int64_t{0} : totals.amounts.front().amount(), expected[state].second);
            }
        };
        expectStatsOf({});
        for (const auto& campaign : campaigns)
            expectStatsOf({.campaignId = campaign});
        for (const auto& partner : partners)
            expectStatsOf({.affiliateId = partner});
    }

    void listsNewestFirstAcrossPagesWithoutDuplicates()
    {
        const auto campaign = givenCampaign(percentTerms(100000));
        const auto other = givenCampaign(percentTerms(100000));
        const auto ana = givenPartner(AffiliateState::Active);
        const auto bo = givenPartner(AffiliateState::Active);
        std::vector<std::string> created;
        for (int i = 0; i < 7; ++i) {
            const auto reply = reserve("conv-" + std::to_string(i), i < 5 ? campaign : other,
                                       {{i % 2 == 0 ? ana : bo, usd(1000 + i)}});
            created.push_back(decodeCommissionReserved(reply->payload)->commissions.front().commissionId.str());
        }
        QVERIFY(confirmConversion("conv-0"));
        std::vector<std::string> seen;
        PageRequest page{.limit = 3};
        for (;;) {
            const auto result = m_service->list({}, page);
            QVERIFY(result.ok());
            for (const auto& commission : result->items)
                seen.push_back(commission.id.str());
            if (!result->nextCursor)
                break;
            page.after = decodeCursor(*result->nextCursor).value();
        }
        QCOMPARE(seen, std::vector<std::string>(created.rbegin(), created.rend()));
        QCOMPARE(m_service->list({.campaignId = other}, {.limit = 50})->items.size(), size_t(2));
        QCOMPARE(m_service->list({.affiliateId = ana}, {.limit = 50})->items.size(), size_t(4));
        const auto confirmed = m_service->list({.state = CommissionState::Confirmed}, {.limit = 50});
        QCOMPARE(confirmed->items.size(), size_t(1));
        QCOMPARE(confirmed->items.front().id.str(), created.front());
        QCOMPARE(m_service->list({.state = CommissionState::Reserved, .campaignId = campaign, .affiliateId = ana},
                                 {.limit = 50})
                     ->items.size(),
                 size_t(2));
    }

    void conversionsFallDueWhenTheirHoldPeriodIsOver()
    {
        const auto campaign = givenCampaign(percentTerms(100000), 60);
        const auto ana = givenPartner(AffiliateState::Active);
        const auto suspended = givenPartner(AffiliateState::Suspended);
        reserve("conv-1", campaign, {{ana, usd(1000)}});
        m_clock->advance(std::chrono::seconds{30});
        reserve("conv-2", campaign, {{ana, usd(1000)}});
        // Nobody earned here, yet the saga still has to finish it after the hold period.
        reserve("conv-3", campaign, {{suspended, usd(1000)}});

        QCOMPARE(due(), std::vector<std::string>{});
        m_clock->advance(std::chrono::seconds{29});
        QCOMPARE(due(), std::vector<std::string>{});
        m_clock->advance(std::chrono::seconds{1});
        QCOMPARE(due(), std::vector<std::string>{"conv-1"});
        m_clock->advance(std::chrono::seconds{30});
        QCOMPARE(due(), (std::vector<std::string>{"conv-1", "conv-2", "conv-3"}));
        QCOMPARE(idsOfDue(m_service->dueForConfirmation(2)), (std::vector<std::string>{"conv-1", "conv-2"}));

        QVERIFY(confirmConversion("conv-1"));
        QVERIFY(revertConversion("conv-2", "fraud"));
        QCOMPARE(due(), std::vector<std::string>{"conv-3"});
    }

    void aShorterHoldPeriodAppliesToWhatIsAlreadyReserved()
    {
        const CampaignId campaign(newUuidV7());
        givenCampaign(percentTerms(100000), 3600, campaign);
        const auto ana = givenPartner(AffiliateState::Active);
        reserve("conv-1", campaign, {{ana, usd(1000)}});
        m_clock->advance(std::chrono::seconds{10});
        QCOMPARE(due(), std::vector<std::string>{});
        givenCampaign(percentTerms(100000), 5, campaign, "USD", types::kCampaignUpdated);
        QCOMPARE(due(), std::vector<std::string>{"conv-1"});
    }

    void followsCampaignUpdatesButNotStaleOnes()
    {
        const CampaignId campaign(newUuidV7());
        givenCampaign(percentTerms(100000), 3600, campaign);
        const auto ana = givenPartner(AffiliateState::Active);
        m_clock->advance(std::chrono::seconds{1});
        givenCampaign(percentTerms(200000), 3600, campaign, "USD", types::kCampaignUpdated);
        const auto stale = campaignMessage(percentTerms(300000), 3600, campaign, "USD", types::kCampaignUpdated,
                                           m_clock->now() - std::chrono::seconds{1});
        QVERIFY(deliver(stale).ok());
        const auto reply = reserve("conv-1", campaign, {{ana, usd(1000)}});
        QCOMPARE(decodeCommissionReserved(reply->payload)->total, usd(200));
    }

private:
    messages::Envelope command(std::string_view type, const std::string& sagaId, Json payload)
    {
        auto envelope = messages::makeEnvelope(std::string(type), 1, "saga", "", std::move(payload), m_clock->now());
        envelope.correlationId = sagaId;
        return envelope;
    }

    Status deliver(const messages::Envelope& envelope)
    {
        return m_service->consumer().deliver(std::span(&envelope, 1));
    }

    // Delivers a command and waits until its answer went through the outbox to the sink.
    std::optional<messages::Envelope> deliverAndWait(const messages::Envelope& sent)
    {
        if (!deliver(sent).ok() || !QTest::qWaitFor([&] { return m_sink->causedBy(sent.id).has_value(); }, 5000))
            return std::nullopt;
        return m_sink->causedBy(sent.id);
    }

    std::optional<messages::Envelope> reserve(const std::string& conversionId, const CampaignId& campaign,
                                              std::vector<AttributedShare> shares, const std::string& sagaId = "saga")
    {
        return deliverAndWait(command(types::kReserveCommission, sagaId,
                                      toJson(ReserveCommissionCommand{ConversionId(conversionId), campaign,
                                                                      std::move(shares)})));
    }

    std::optional<messages::Envelope> confirmConversion(const std::string& conversionId)
    {
        return deliverAndWait(
            command(types::kConfirmCommission, "saga", toJson(ConfirmCommissionCommand{ConversionId(conversionId)})));
    }

    std::optional<messages::Envelope> revertConversion(const std::string& conversionId, const std::string& reason)
    {
        return deliverAndWait(command(types::kRevertCommission, "saga",
                                      toJson(RevertCommissionCommand{ConversionId(conversionId), reason})));
    }

    messages::Envelope campaignMessage(const domain::CommissionTerms& terms, std::int64_t holdSeconds,
                                       const CampaignId& id, const std::string& currency, std::string_view type,
                                       UtcTime updatedAt)
    {
        dto::Campaign campaign;
        campaign.id = id;
        campaign.name = "Summer";
        campaign.brand = {BrandId("brand-1"), "Alpes Outdoor"};
        campaign.startsAt = m_clock->now() - std::chrono::hours{24};
        campaign.endsAt = m_clock->now() + std::chrono::hours{24 * 30};
        campaign.budget = Money::of(1'000'000, currency).value();
        campaign.spent = Money::of(0, currency).value();
        campaign.commission = terms;
        campaign.holdPeriodSeconds = holdSeconds;
        campaign.state = domain::CampaignState::Active;
        campaign.createdAt = campaign.startsAt;
        campaign.updatedAt = updatedAt;
        return messages::makeEnvelope(std::string(type), 1, "marketing", id.str(), dto::toJson(campaign), updatedAt);
    }

    CampaignId givenCampaign(const domain::CommissionTerms& terms, std::int64_t holdSeconds = 3600,
                             CampaignId id = CampaignId(newUuidV7()), const std::string& currency = "USD",
                             std::string_view type = types::kCampaignCreated)
    {
        const auto message = campaignMessage(terms, holdSeconds, id, currency, type, m_clock->now());
        const Status delivered = deliver(message);
        if (!delivered.ok() || !m_service->consumer().deadLetters()->empty())
            qWarning("the campaign copy was refused");
        return id;
    }

    AffiliateId givenPartner(AffiliateState state)
    {
        dto::Affiliate affiliate;
        affiliate.id = AffiliateId(newUuidV7());
        affiliate.name = "Partner";
        affiliate.email = affiliate.id.str() + "@example.com";
        affiliate.createdAt = affiliate.updatedAt = m_clock->now();
        std::vector<messages::Envelope> story{messages::makeEnvelope(std::string(types::kAffiliateRegistered), 1,
                                                                     "affiliates", affiliate.id.str(),
                                                                     dto::toJson(affiliate), m_clock->now())};
        const auto changeTo = [&](std::string_view type, std::string_view status) {
            story.push_back(messages::makeEnvelope(std::string(type), 1, "affiliates", affiliate.id.str(),
                                                   Json{{"affiliateId", affiliate.id.str()}, {"status", status}},
                                                   m_clock->now()));
        };
        if (state != AffiliateState::Pending)
            changeTo(types::kAffiliateApproved, "active");
        if (state == AffiliateState::Suspended)
            changeTo(types::kAffiliateSuspended, "suspended");
        if (!m_service->consumer().deliver(story).ok())
            qWarning("the partner copy was refused");
        return affiliate.id;
    }

    messages::Envelope lastOf(std::string_view type) const
    {
        const auto received = m_sink->received();
        const auto it = std::find_if(received.rbegin(), received.rend(),
                                     [&](const messages::Envelope& m) { return m.type == type; });
        return it == received.rend() ? messages::Envelope{} : *it;
    }

    static std::vector<std::string> idsOfDue(const Result<std::vector<ConversionId>>& due)
    {
        std::vector<std::string> ids;
        if (due.ok())
            for (const auto& id : *due)
                ids.push_back(id.str());
        return ids;
    }

    std::vector<std::string> due() { return idsOfDue(m_service->dueForConfirmation(100)); }

    std::unique_ptr<testing::TestClock> m_clock;
    std::unique_ptr<testing::TempDataDir> m_dir;
    std::unique_ptr<events::EmbeddedBus> m_bus;
    std::unique_ptr<Sink> m_sink;
    std::unique_ptr<CommissionsService> m_service;
};

QTEST_GUILESS_MAIN(TestCommissionsService)
#include "tst_commissions_service.moc"
