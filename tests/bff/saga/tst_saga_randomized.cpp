#include "bff/storage/database.h"
#include "tests/bff/saga/saga_world.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <atomic>
#include <map>
#include <random>
#include <set>

using namespace alpes;
using namespace alpes::saga;
using namespace std::chrono_literals;
using domain::CommissionState;
using domain::InteractionState;

namespace {

constexpr int kSimulatedSeconds = 90;

template <typename T, typename List>
std::vector<T> everything(List list)
{
    std::vector<T> all;
    PageRequest page{.limit = PageRequest::kMaxLimit};
    for (;;) {
        auto result = list(page).value();
        all.insert(all.end(), result.items.begin(), result.items.end());
        if (!result.nextCursor)
            return all;
        page.after = decodeCursor(*result.nextCursor).value();
    }
}

// Something the scenario does at a second of simulated time.
struct Action {
    enum class Kind { Purchase, FlagFraud, Abort, Pause, Resume } kind;
    int purchase = 0;  // the purchase's index, for the actions on one
    int campaign = 0;  // for pauses and resumes
};

// A purchase of the scenario: who buys on which campaign through which partner, after which touchpoints.
struct PlannedPurchase {
    int campaign = 0;
    int partner = 0;
    std::string user;
    std::int64_t amount = 0;
    std::vector<std::pair<int, std::chrono::seconds>> touchpoints;  // partner, how long before the purchase
};

}  // namespace

// Seeded random runs of the whole engine: many campaigns (small budgets that run out, short hold
// periods, some paused for a while), partners (some suspended), journeys of several touchpoints,
// purchases with and without a journey, fraud flags before and after completion, operator aborts
// and lost commands. After every run, every saga is over and the invariants hold across services.
class TestSagaRandomized : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void invariantsHoldAfterARandomRun_data()
    {
        QTest::addColumn<unsigned>("seed");
        for (const unsigned seed : {1u, 7u, 2026u})
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
    }
    void invariantsHoldAfterARandomRun()
    {
        QFETCH(unsigned, seed);
        std::mt19937 random(seed);
        const auto pick = [&random](int from, int to) { return std::uniform_int_distribution<int>(from, to)(random); };

        testing::TempDataDir dir;
        auto options = testing::SagaWorld::fastSagaOptions();
        // Every twentieth command is lost; the saga's retries must cope.
        options.dropCommand = [sent = std::make_shared<std::atomic<unsigned>>(0)](const SagaId&, std::string_view, int) {
            return ++*sent % 20 == 0;
        };
        testing::SagaWorld world(dir.path(), options);
        QVERIFY(world.open().ok());
        auto& engine = world.engine();

        std::vector<AffiliateId> partners;
        const int partnerCount = pick(5, 12);
        for (int i = 0; i < partnerCount; ++i) {
            auto partner = world.addPartner("partner-user-" + std::to_string(i));
            QVERIFY(partner.ok());
            if (pick(0, 5) == 0)
                QVERIFY(engine.affiliates().suspend(*partner, "random").ok());
            partners.push_back(*partner);
        }
        std::vector<CampaignId> campaigns;
        const int campaignCount = pick(3, 6);
        for (int i = 0; i < campaignCount; ++i) {
            // The first campaign's budget pays for three commissions: it surely runs out.
            const std::int64_t budget = i == 0 ? 1500 : pick(4, 40) * 500;
            auto campaign = world.addCampaign(budget, 500, pick(1, 20));
            QVERIFY(campaign.ok());
            campaigns.push_back(*campaign);
        }
        QVERIFY(world.settle());

        // The scenario: purchases over the simulated time, fraud flags and aborts after some of them.
        const int purchaseCount = pick(80, 140);
        std::vector<PlannedPurchase> planned(static_cast<size_t>(purchaseCount));
        std::multimap<int, Action> timeline;
        for (int i = 0; i < purchaseCount; ++i) {
            auto& purchase = planned[static_cast<size_t>(i)];
            purchase.campaign = pick(0, campaignCount - 1);
            purchase.partner = pick(0, partnerCount - 1);
            // Now and then the partner buys through its own link.
            purchase.user = pick(0, 29) == 0 ? "partner-user-" + std::to_string(purchase.partner)
                                             : "user-" + std::to_string(pick(0, 40));
            purchase.amount = pick(10, 500) * 100;
            for (int t = pick(0, 3); t > 0; --t)
                purchase.touchpoints.emplace_back(pick(0, partnerCount - 1), std::chrono::seconds(pick(5, 7200)));
            const int at = pick(0, kSimulatedSeconds - 30);
            timeline.insert({at, {Action::Kind::Purchase, i}});
            if (pick(0, 9) == 0)
                timeline.insert({at + pick(0, 30), {Action::Kind::FlagFraud, i}});
            if (pick(0, 19) == 0)
                timeline.insert({at + pick(0, 5), {Action::Kind::Abort, i}});
        }
        for (int pause = pick(0, 2); pause > 0; --pause) {
            const int campaign = pick(0, campaignCount - 1);
            const int at = pick(0, kSimulatedSeconds - 20);
            timeline.insert({at, {Action::Kind::Pause, 0, campaign}});
            timeline.insert({at + pick(3, 15), {Action::Kind::Resume, 0, campaign}});
        }

        std::map<int, services::tracking::TrackReceipt> receipts;
        std::set<std::string> flagged;
        for (int second = 0; second <= kSimulatedSeconds; ++second) {
            const auto [from, to] = timeline.equal_range(second);
            for (auto it = from; it != to; ++it) {
                const Action& action = it->second;
                if (action.kind == Action::Kind::Purchase) {
                    const auto& purchase = planned[static_cast<size_t>(action.purchase)];
                    const auto& campaign = campaigns[static_cast<size_t>(purchase.campaign)];
                    const UtcTime now = world.clock().now();
                    for (const auto& [partner, before] : purchase.touchpoints)
                        QVERIFY(world.click(campaign, partners[static_cast<size_t>(partner)], purchase.user, now - before)
                                    .ok());
                    const auto receipt =
                        world.purchase(campaign, partners[static_cast<size_t>(purchase.partner)], purchase.user,
                                       "order-" + std::to_string(action.purchase), purchase.amount, now);
                    QVERIFY(receipt.ok());
                    receipts.emplace(action.purchase, *receipt);
                } else if (action.kind == Action::Kind::Pause) {
                    (void)engine.marketing().pause(campaigns[static_cast<size_t>(action.campaign)]);
                } else if (action.kind == Action::Kind::Resume) {
                    (void)engine.marketing().resume(campaigns[static_cast<size_t>(action.campaign)]);
                } else if (const auto receipt = receipts.find(action.purchase); receipt != receipts.end()) {
                    QVERIFY(world.settle());  // the saga exists once tracking's event has reached it
                    if (action.kind == Action::Kind::FlagFraud) {
                        QVERIFY(engine.sagas().flagFraud(receipt->second.id, "random flag").ok());
                        flagged.insert(receipt->second.id.str());
                    } else {
                        const auto aborted = engine.sagas().abort(*receipt->second.sagaId);
                        QVERIFY(aborted.ok() || aborted.error().code == ErrorCode::Conflict);
                    }
                }
            }
            QVERIFY(world.settle());
            world.clock().advance(1s);
        }
        // Ends every saga: holds run out; an operator retries what a lost compensation failed.
        QVERIFY(world.driveUntil([&] {
            const auto failed = engine.sagas().list({.state = SagaState::Failed}, {}).value();
            for (const auto& saga : failed.items)
                (void)engine.sagas().retry(saga.id);
            const auto counts = engine.sagas().countByState().value();
            return failed.items.empty() && std::all_of(counts.begin(), counts.end(), [](const auto& entry) {
                       return entry.second == 0 || isTerminal(entry.first);
                   });
        }));
        checkInvariants(world, dir.path(), campaigns, receipts.size(), flagged);
    }

private:
    void checkInvariants(testing::SagaWorld& world, const std::filesystem::path& dir,
                         const std::vector<CampaignId>& campaigns, size_t purchases,
                         const std::set<std::string>& flagged)
    {
        auto& engine = world.engine();
        const auto sagas = everything<SagaSummary>([&](const PageRequest& page) { return engine.sagas().list({}, page); });
        QCOMPARE(sagas.size(), purchases);
        const auto commissions = everything<dto::Commission>(
            [&](const PageRequest& page) { return engine.commissions().list({}, page); });
        std::map<std::string, std::vector<dto::Commission>> commissionsOf;
        for (const auto& commission : commissions)
            commissionsOf[commission.conversionId.str()].push_back(commission);
        storage::Database marketing =
            storage::Database::open((dir / "marketing.db").string(), {.readOnly = true}).value();

        std::map<std::string, std::int64_t> liveByCampaign;
        std::map<SagaState, int> seen;
        int caughtByRules = 0;
        for (const auto& saga : sagas) {
            ++seen[saga.state];
            QVERIFY2(isTerminal(saga.state) && saga.state != SagaState::Failed, saga.id.str().c_str());
            const auto& own = commissionsOf[saga.conversionId.str()];
            std::set<std::string> earners;
            std::int64_t live = 0;
            for (const auto& commission : own) {
                // One commission per partner and conversion: nothing was reserved twice.
                QVERIFY(earners.insert(commission.affiliateId.str()).second);
                if (commission.state == CommissionState::Reverted)
                    continue;
                live += commission.amount.amount();
                QCOMPARE(commission.state, CommissionState::Confirmed);
            }
            auto ledger = marketing.prepare("SELECT state, amount FROM budget_ledger WHERE conversion_id = ?");
            ledger.bind(1, saga.conversionId.str());
            const bool reserved = ledger.step() && ledger.textAt(0) == "reserved";
            const std::int64_t reservedAmount = reserved ? ledger.int64At(1) : 0;
            const auto conversion = engine.tracking().conversion(saga.conversionId).value();
            switch (saga.state) {
            case SagaState::Completed:
                QCOMPARE(reservedAmount, live);  // the budget holds exactly what the partners earned
                break;
            case SagaState::Compensated:
            case SagaState::Unattributed:
                QCOMPARE(live, std::int64_t(0));
                QVERIFY(!reserved);
                break;
            default:
                QFAIL("not a terminal state");
            }
            liveByCampaign[saga.campaignId.str()] += live;
            const bool fraud = saga.compensation && saga.compensation->scope == CompensationScope::Full;
            const bool caught = saga.compensation && saga.compensation->rule && saga.compensation->rule != kManualFraudRule;
            caughtByRules += caught ? 1 : 0;
            QCOMPARE(fraud, flagged.contains(saga.conversionId.str()) || caught);
            if (fraud) {
                QCOMPARE(saga.state, SagaState::Compensated);
                QCOMPARE(conversion.purchase.state, InteractionState::Discarded);
                if (conversion.outcome == services::tracking::AttributionOutcome::Attributed)
                    QVERIFY(conversion.revertedAt);
            } else {
                QCOMPARE(conversion.purchase.state, InteractionState::Recorded);
                QVERIFY(!conversion.revertedAt);
            }
        }
        // Something of each kind happened, so the run tested what it claims to.
        qInfo("%d completed, %d compensated (%zu flagged, %d caught by the rules), %d unattributed",
              seen[SagaState::Completed], seen[SagaState::Compensated], flagged.size(), caughtByRules,
              seen[SagaState::Unattributed]);
        QVERIFY(caughtByRules > 0);
        QVERIFY(seen[SagaState::Completed] > 0);
        QVERIFY(seen[SagaState::Compensated] > 0);
        QVERIFY(seen[SagaState::Unattributed] > 0);

        bool someBudgetRanOut = false;
        for (const auto& campaign : campaigns) {
            auto ledger = marketing.prepare(
                "SELECT COALESCE(SUM(CASE WHEN state IN ('reserved', 'released') THEN amount END), 0),"
                " COALESCE(SUM(CASE WHEN state = 'released' THEN amount END), 0),"
                " COUNT(CASE WHEN reason = 'budget' THEN 1 END) FROM budget_ledger WHERE campaign_id = ?");
            ledger.bind(1, campaign.str());
            QVERIFY(ledger.step());
            const auto budget = engine.marketing().budget(campaign).value();
            QCOMPARE(ledger.int64At(0) - ledger.int64At(1), budget.spent.amount());
            QVERIFY(budget.spent.amount() <= budget.total.amount());
            QCOMPARE(budget.spent.amount(), liveByCampaign[campaign.str()]);
            someBudgetRanOut = someBudgetRanOut || ledger.int64At(2) > 0;

            // The projections count exactly the interactions still recorded.
            const auto recorded = everything<dto::Interaction>([&](const PageRequest& page) {
                return engine.tracking().listInteractions(
                    {.campaignId = campaign, .state = InteractionState::Recorded}, page);
            });
            const auto today = std::chrono::floor<std::chrono::days>(world.clock().now());
            std::int64_t counted = 0;
            const auto counts = engine.tracking().dailyStats(campaign, today - std::chrono::days(2), today).value();
            for (const auto& count : counts)
                counted += count.count;
            QCOMPARE(counted, std::int64_t(recorded.size()));
        }
        QVERIFY(someBudgetRanOut);
    }
};

QTEST_GUILESS_MAIN(TestSagaRandomized)
#include "tst_saga_randomized.moc"
