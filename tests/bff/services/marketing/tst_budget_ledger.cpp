#include "bff/events/embedded_bus.h"
#include "bff/events/event_tables.h"
#include "bff/services/marketing/marketing_migrations.h"
#include "bff/services/marketing/marketing_service.h"
#include "tests/bff/services/marketing/marketing_fixture.h"
#include "tests/support/service_under_test.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <mutex>
#include <thread>

using namespace alpes;
using namespace alpes::services::marketing;
using alpes::json::Json;
using testing::at;
using testing::usd;
namespace types = alpes::messages::types;

namespace {

const UtcTime kStart = at("2026-06-01T12:00:00.000Z");

bool isBudgetReply(const messages::Envelope& message)
{
    return message.type == types::kBudgetReserved || message.type == types::kBudgetExceeded ||
           message.type == types::kBudgetReleased;
}

Json reservedPayload(const std::string& conversion, const CampaignId& campaign, std::int64_t amount,
                     std::int64_t spent, std::int64_t remaining)
{
    return Json{{"conversionId", conversion},
                {"campaignId", campaign.str()},
                {"amount", domain::toJson(usd(amount))},
                {"spent", domain::toJson(usd(spent))},
                {"remaining", domain::toJson(usd(remaining))}};
}

Json exceededPayload(const std::string& conversion, const std::string& campaign, const Money& amount,
                     const Money& remaining, const char* reason)
{
    return Json{{"conversionId", conversion},
                {"campaignId", campaign},
                {"amount", domain::toJson(amount)},
                {"remaining", domain::toJson(remaining)},
                {"reason", reason}};
}

Json releasedPayload(const std::string& conversion, const std::string& campaign, const Money& amount)
{
    return Json{{"conversionId", conversion}, {"campaignId", campaign}, {"amount", domain::toJson(amount)}};
}

}  // namespace

class TestBudgetLedger : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_clock.set(kStart);
        QVERIFY(m_service.open("marketing", m_clock));
    }
    void cleanup()
    {
        m_service.close();
    }

    void reservesWhileTheBudgetCovers()
    {
        const auto id = activeCampaign(10000);
        QVERIFY(send(testing::reserveBudget("conv-1", id, usd(4000), kStart)));
        const auto reply = replies().back();
        QCOMPARE(reply.type, std::string(types::kBudgetReserved));
        QVERIFY(reply.payload == reservedPayload("conv-1", id, 4000, 4000, 6000));
        QVERIFY(m_service->get(id)->spent == usd(4000));
        const auto budget = m_service->budget(id);
        QVERIFY(budget.ok());
        QVERIFY(budget->total == usd(10000));
        QVERIFY(budget->spent == usd(4000));
        QVERIFY(budget->remaining == usd(6000));
    }

    void refusesWhatTheBudgetCannotCoverAndAnswersTheSameLater()
    {
        const auto id = activeCampaign(10000);
        QVERIFY(send(testing::reserveBudget("conv-1", id, usd(8000), kStart)));
        QVERIFY(send(testing::reserveBudget("conv-2", id, usd(3000), kStart)));
        const auto refusal = exceededPayload("conv-2", id.str(), usd(3000), usd(2000), "budget");
        QCOMPARE(replies().back().type, std::string(types::kBudgetExceeded));
        QVERIFY(replies().back().payload == refusal);
        // Room appears, but a repeated command for the refused conversion still gets the first answer.
        QVERIFY(send(testing::releaseBudget("conv-1", id, kStart)));
        QVERIFY(send(testing::reserveBudget("conv-2", id, usd(3000), kStart)));
        QCOMPARE(replies().back().type, std::string(types::kBudgetExceeded));
        QVERIFY(replies().back().payload == refusal);
        QVERIFY(m_service->get(id)->spent == usd(0));
    }

    void answersARepeatedReserveTheSameWithoutASecondEffect()
    {
        const auto id = activeCampaign(10000);
        const auto first = testing::reserveBudget("conv-1", id, usd(4000), kStart);
        QVERIFY(send(first));
        QVERIFY(send(testing::reserveBudget("conv-2", id, usd(1000), kStart)));
        QVERIFY(send(testing::reserveBudget("conv-1", id, usd(4000), kStart)));
        const auto answers = replies();
        QCOMPARE(answers.size(), size_t(3));
        QCOMPARE(answers[2].type, std::string(types::kBudgetReserved));
        QVERIFY(answers[2].payload == answers[0].payload);
        QVERIFY(m_service->get(id)->spent == usd(5000));
        // The very same message again is dropped by the inbox: no reply at all.
        QVERIFY(send(first));
        QCOMPARE(replies().size(), size_t(3));
    }

    void refusesWhenTheCampaignIsNotRunning_data()
    {
        QTest::addColumn<QString>("situation");
        for (const char* situation : {"draft", "paused", "finished", "cancelled", "before its start", "after its end",
                                      "unknown"})
            QTest::newRow(situation) << QString::fromUtf8(situation);
    }
    void refusesWhenTheCampaignIsNotRunning()
    {
        QFETCH(QString, situation);
        auto draft = testing::draftAround(kStart, "Summer", 10000);
        if (situation == QStringLiteral("before its start"))
            draft.startsAt = kStart + std::chrono::hours(1);
        const auto id = m_service->create(draft)->id;
        if (situation != QStringLiteral("draft") && situation != QStringLiteral("cancelled"))
            QVERIFY(m_service->activate(id).ok());
        if (situation == QStringLiteral("paused"))
            QVERIFY(m_service->pause(id).ok());
        if (situation == QStringLiteral("finished"))
            QVERIFY(m_service->finish(id).ok());
        if (situation == QStringLiteral("cancelled"))
            QVERIFY(m_service->cancel(id).ok());
        if (situation == QStringLiteral("after its end"))
            m_clock.set(draft.endsAt);
        const bool unknown = situation == QStringLiteral("unknown");
        const std::string campaign = unknown ? std::string("no-such-campaign") : id.str();

        QVERIFY(send(testing::reserveBudget("conv-1", CampaignId(campaign), usd(100), m_clock.now())));
        const auto reply = replies().back();
        QCOMPARE(reply.type, std::string(types::kBudgetExceeded));
        QVERIFY(reply.payload ==
                exceededPayload("conv-1", campaign, usd(100), usd(unknown ? 0 : 10000), "campaign_not_active"));
        QVERIFY(m_service->get(id)->spent == usd(0));
    }

    void releasesALiveReservationOnce()
    {
        const auto id = activeCampaign(10000);
        QVERIFY(send(testing::reserveBudget("conv-1", id, usd(4000), kStart)));
        QVERIFY(send(testing::releaseBudget("conv-1", id, kStart)));
        QCOMPARE(replies().back().type, std::string(types::kBudgetReleased));
        QVERIFY(replies().back().payload == releasedPayload("conv-1", id.str(), usd(4000)));
        QVERIFY(m_service->get(id)->spent == usd(0));
        QVERIFY(send(testing::releaseBudget("conv-1", id, kStart)));
        QVERIFY(replies().back().payload == releasedPayload("conv-1", id.str(), usd(0)));
        QVERIFY(m_service->get(id)->spent == usd(0));
    }

    void releasesNothingWhenNothingWasReserved()
    {
        const auto id = activeCampaign(10000);
        QVERIFY(send(testing::releaseBudget("never-reserved", id, kStart)));
        QVERIFY(replies().back().payload == releasedPayload("never-reserved", id.str(), usd(0)));
        QVERIFY(send(testing::reserveBudget("refused", id, usd(20000), kStart)));
        QVERIFY(send(testing::releaseBudget("refused", id, kStart)));
        QVERIFY(replies().back().payload == releasedPayload("refused", id.str(), usd(0)));
        QVERIFY(send(testing::releaseBudget("conv-9", CampaignId("no-such-campaign"), kStart)));
        QVERIFY(replies().back().payload ==
                releasedPayload("conv-9", "no-such-campaign", Money::of(0, "XXX").value()));
        QVERIFY(m_service->get(id)->spent == usd(0));
    }

    void doesNotReserveAgainAfterARelease()
    {
        const auto id = activeCampaign(10000);
        QVERIFY(send(testing::reserveBudget("conv-1", id, usd(4000), kStart)));
        QVERIFY(send(testing::releaseBudget("conv-1", id, kStart)));
        QVERIFY(send(testing::reserveBudget("conv-1", id, usd(4000), kStart)));
        QCOMPARE(replies().back().type, std::string(types::kBudgetReserved));
        QVERIFY(replies().back().payload == reservedPayload("conv-1", id, 4000, 4000, 6000));
        QVERIFY(m_service->get(id)->spent == usd(0));
    }

    void neverSpendsMoreThanTheBudgetUnderConcurrentCommands()
    {
        constexpr int kThreads = 4;
        constexpr int kPerThread = 50;
        constexpr std::int64_t kAmount = 70;
        const auto id = activeCampaign(10000);
        std::mutex failuresMutex;
        std::vector<std::string> failures;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kPerThread; ++i) {
                    const auto command = testing::reserveBudget(
                        "conv-" + std::to_string(t) + "-" + std::to_string(i), id, usd(kAmount), kStart);
                    if (Status sent = testing::deliver(*m_service, command); !sent) {
                        std::lock_guard lock(failuresMutex);
                        failures.push_back(sent.error().message);
                    }
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(failures, std::vector<std::string>{});

        size_t reserved = 0;
        size_t exceeded = 0;
        for (const auto& reply : replies()) {
            if (reply.type == types::kBudgetReserved) {
                ++reserved;
                QVERIFY(reply.payload.at("spent").at("amount").get<std::int64_t>() <= 10000);
            } else if (reply.type == types::kBudgetExceeded) {
                ++exceeded;
            }
        }
        const size_t fits = 10000 / kAmount;
        QCOMPARE(reserved, fits);
        QCOMPARE(exceeded, size_t(kThreads * kPerThread) - fits);
        QVERIFY(m_service->get(id)->spent == usd(static_cast<std::int64_t>(fits) * kAmount));
    }

    void repliesCarryTheSagaCorrelationAndTheCommandAsCause()
    {
        const auto id = activeCampaign(10000);
        const messages::Envelope commands[] = {
            testing::reserveBudget("conv-1", id, usd(4000), kStart, "saga-a"),
            testing::reserveBudget("conv-2", id, usd(9000), kStart, "saga-b"),
            testing::releaseBudget("conv-1", id, kStart, "saga-a"),
        };
        for (const auto& command : commands)
            QVERIFY(send(command));
        const auto answers = replies();
        QCOMPARE(answers.size(), std::size(commands));
        for (size_t i = 0; i < answers.size(); ++i) {
            QCOMPARE(answers[i].correlationId, commands[i].correlationId);
            QCOMPARE(answers[i].causationId, commands[i].id);
            QCOMPARE(answers[i].key, commands[i].payload.at("conversionId").get<std::string>());
            QCOMPARE(answers[i].source, std::string("marketing"));
        }
    }

    void deliversRepliesThroughTheRelay()
    {
        std::mutex receivedMutex;
        std::vector<messages::Envelope> received;
        messages::Upcaster upcaster;
        auto sinkDb = storage::Database::open((m_service.dir() / "sink.db").string());
        QVERIFY(sinkDb.ok());
        QVERIFY(storage::migrate(sinkDb.value(), std::array{storage::Migration{1, "events", events::kEventTablesSql}})
                    .ok());
        storage::GroupCommitWriter sinkWriter(std::move(sinkDb).value(), {});
        events::Consumer sink({.name = "saga", .types = {"BudgetReserved"}}, sinkWriter, upcaster,
                              [&](storage::Database&, const messages::Envelope& e) -> Status {
                                  std::lock_guard lock(receivedMutex);
                                  received.push_back(e);
                                  return {};
                              });
        m_service.bus().subscribe(sink);
        // Stops the relay before the sink goes away, also when a check below fails and returns early.
        struct StopRelay {
            services::ServiceDatabase& db;
            ~StopRelay() { db.stopPublishing(std::chrono::milliseconds{500}); }
        } stopRelay{m_service->database()};
        m_service->database().start();
        const auto id = activeCampaign(10000);
        const auto command = testing::reserveBudget("conv-1", id, usd(100), kStart, "saga-r");
        QVERIFY(send(command));
        const auto receivedCount = [&] {
            std::lock_guard lock(receivedMutex);
            return received.size();
        };
        QTRY_COMPARE(receivedCount(), size_t(1));
        QCOMPARE(received[0].correlationId, std::string("saga-r"));
        QCOMPARE(received[0].causationId, command.id);
    }

    // A malformed command is a bug of its sender, not a business refusal: it ends in the dead letters.
    void deadLettersMalformedCommands_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::newRow("amount missing") << QStringLiteral(R"({"conversionId": "conv-1", "campaignId": "%1"})");
        QTest::newRow("negative amount")
            << QStringLiteral(R"({"conversionId": "conv-1", "campaignId": "%1", "amount": {"amount": -1, "currency": "USD"}})");
        QTest::newRow("another currency")
            << QStringLiteral(R"({"conversionId": "conv-1", "campaignId": "%1", "amount": {"amount": 1, "currency": "EUR"}})");
        QTest::newRow("conversion missing")
            << QStringLiteral(R"({"campaignId": "%1", "amount": {"amount": 1, "currency": "USD"}})");
    }
    void deadLettersMalformedCommands()
    {
        QFETCH(QString, payload);
        const auto id = activeCampaign(10000);
        const auto command = testing::sagaCommand(
            types::kReserveBudget, Json::parse(payload.arg(QString::fromStdString(id.str())).toStdString()), "saga-1",
            kStart);
        QVERIFY(send(command));
        QVERIFY(replies().empty());
        const auto letters = m_service->consumer().deadLetters();
        QVERIFY(letters.ok());
        QCOMPARE(letters->size(), size_t(1));
        QCOMPARE(letters->front().message.id, command.id);
        QVERIFY(m_service->get(id)->spent == usd(0));
    }

    // A database from before the running totals (migration 3) starts them from its ledger, and the
    // triggers keep them from then on: live reservations count, released and refused ones do not.
    void runningTotalsStartFromAnOlderLedgerAndFollowIt()
    {
        auto db = storage::Database::open((m_service.dir() / "older.db").string()).value();
        QVERIFY(storage::migrate(db, migrations().first(2)).ok());
        const auto line = [&](const char* conversion, const char* campaign, std::int64_t amount, const char* state) {
            db.prepare("INSERT INTO budget_ledger(conversion_id, campaign_id, amount, currency, state, spent_after,"
                       " remaining_after, requested_at) VALUES (?, ?, ?, 'USD', ?, 0, 0, 0)")
                .bindAll(conversion, campaign, amount, state)
                .run();
        };
        line("c1", "a", 100, "reserved");
        line("c2", "a", 20, "reserved");
        line("c3", "a", 7, "released");
        line("c4", "b", 50, "refused");
        QVERIFY(storage::migrate(db, migrations()).ok());
        line("c5", "b", 30, "reserved");
        db.prepare("UPDATE budget_ledger SET state = 'released' WHERE conversion_id = 'c2'").run();
        auto totals = db.prepare("SELECT campaign_id, amount FROM budget_reserved ORDER BY campaign_id");
        QVERIFY(totals.step());
        QCOMPARE(totals.textAt(0), std::string("a"));
        QCOMPARE(totals.int64At(1), 100);
        QVERIFY(totals.step());
        QCOMPARE(totals.textAt(0), std::string("b"));
        QCOMPARE(totals.int64At(1), 30);
        QVERIFY(!totals.step());
    }

    void cannotLowerTheBudgetBelowWhatIsSpent()
    {
        const auto id = activeCampaign(10000);
        QVERIFY(send(testing::reserveBudget("conv-1", id, usd(4000), kStart)));
        dto::CampaignPatch patch;
        patch.budget = usd(3999);
        QCOMPARE(m_service->update(id, patch).error().code, ErrorCode::Validation);
        patch.budget = usd(4000);
        QVERIFY(m_service->update(id, patch).ok());
        QVERIFY(m_service->budget(id)->remaining == usd(0));
        QVERIFY(send(testing::reserveBudget("conv-2", id, usd(1), kStart)));
        QCOMPARE(replies().back().type, std::string(types::kBudgetExceeded));
    }

private:
    CampaignId activeCampaign(std::int64_t budget)
    {
        const auto created = m_service->create(testing::draftAround(kStart, "Summer", budget));
        const auto activated = m_service->activate(created->id);
        return activated->id;
    }

    bool send(const messages::Envelope& message) { return testing::deliver(*m_service, message).ok(); }

    std::vector<messages::Envelope> replies()
    {
        std::vector<messages::Envelope> out;
        for (auto& message : testing::outbox(*m_service))
            if (isBudgetReply(message))
                out.push_back(std::move(message));
        return out;
    }

    testing::TestClock m_clock{kStart};
    testing::ServiceUnderTest<MarketingService> m_service;
};

QTEST_GUILESS_MAIN(TestBudgetLedger)
#include "tst_budget_ledger.moc"
