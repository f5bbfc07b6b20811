#include "bff/app/engine.h"
#include "bff/storage/database.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QProcess>
#include <QtTest>

#include <map>
#include <set>

using namespace alpes;
using namespace alpes::saga;
using domain::CommissionState;

namespace {

constexpr int kPurchases = 1000;

struct ChildOutput {
    std::set<std::string> acknowledged;  // conversions whose purchase was stored
    std::set<std::string> flagged;       // conversions whose fraud flag was stored
};

void read(QProcess& child, ChildOutput& output, bool& produced, qint64& open)
{
    while (child.canReadLine()) {
        const QByteArray line = child.readLine().trimmed();
        const auto parts = line.split(' ');
        if (line.startsWith("ack ") && parts.size() == 3)
            output.acknowledged.insert(parts[2].toStdString());
        else if (line.startsWith("flagged ") && parts.size() == 2)
            output.flagged.insert(parts[1].toStdString());
        else if (line == "produced")
            produced = true;
        else if (line.startsWith("open ") && parts.size() == 2)
            open = parts[1].toLongLong();
        else if (line.startsWith("error "))
            qWarning("child: %s", line.constData());
    }
}

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

}  // namespace

// A thousand purchases start their sagas at once in a child process running the whole engine;
// the child is killed with SIGKILL in the middle, twice, then restarted until nothing is left in
// flight. Every saga must end in a terminal state, no conversion may hold two live commissions,
// commissions must agree with their saga, and every campaign's budget ledger must balance.
class TestSagaCrash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everySagaEndsAndTheLedgersBalanceAfterKills()
    {
        testing::TempDataDir dir;
        ChildOutput output;
        // Killed while purchases are still coming in, then once they are all in with sagas in flight.
        runAndKill(dir, output, [&](bool, qint64) { return output.acknowledged.size() >= 400; });
        runAndKill(dir, output, [](bool produced, qint64 open) { return produced && open >= 0; });

        QProcess recover;
        recover.start(QStringLiteral(SAGA_CRASH_CHILD), {QString::fromStdString(dir.path().string()),
                                                          QStringLiteral("recover")});
        QVERIFY(recover.waitForFinished(150000));
        QCOMPARE(recover.exitCode(), 0);

        SystemClock clock;
        auto opened = app::Engine::open({.dataDir = dir.path()}, clock);
        QVERIFY(opened.ok());
        auto& engine = *opened.value();

        // Every purchase is stored once and has its saga, and every saga is over.
        const auto purchases = everything<dto::Interaction>([&](const PageRequest& page) {
            return engine.tracking().listInteractions({.type = domain::InteractionType::Purchase}, page);
        });
        QCOMPARE(purchases.size(), size_t(kPurchases));
        const auto sagas = everything<SagaSummary>([&](const PageRequest& page) {
            return engine.sagas().list({}, page);
        });
        QCOMPARE(sagas.size(), size_t(kPurchases));
        std::map<std::string, SagaSummary> sagaOf;
        for (const auto& saga : sagas) {
            QVERIFY2(isTerminal(saga.state), saga.id.str().c_str());
            QVERIFY2(saga.state != SagaState::Failed, saga.error.value_or("").c_str());
            sagaOf.emplace(saga.conversionId.str(), saga);
        }
        for (const auto& purchase : purchases)
            QVERIFY(sagaOf.contains(purchase.id.str()));
        for (const auto& conversion : output.acknowledged)
            QVERIFY(sagaOf.contains(conversion));

        // A conversion flagged by hand is fully compensated: its interactions are discarded.
        QVERIFY(output.flagged.size() > 50);
        for (const auto& conversion : output.flagged) {
            const auto& saga = sagaOf.at(conversion);
            QCOMPARE(saga.state, SagaState::Compensated);
            QCOMPARE(saga.compensation->scope, CompensationScope::Full);
            const auto view = engine.tracking().conversion(ConversionId(conversion)).value();
            QCOMPARE(view.purchase.state, domain::InteractionState::Discarded);
            // The flag often races the attribution: an attribution that happened is reverted all the same.
            QVERIFY(view.outcome != services::tracking::AttributionOutcome::Attributed || view.revertedAt);
        }

        // At most one live commission per conversion, and commissions agree with their saga.
        const auto commissions = everything<dto::Commission>([&](const PageRequest& page) {
            return engine.commissions().list({}, page);
        });
        std::map<std::string, int> live;
        std::map<std::string, std::int64_t> liveByCampaign;
        for (const auto& commission : commissions) {
            const auto& saga = sagaOf.at(commission.conversionId.str());
            if (commission.state == CommissionState::Reverted) {
                QVERIFY(saga.state == SagaState::Compensated);
                continue;
            }
            ++live[commission.conversionId.str()];
            liveByCampaign[commission.campaignId.str()] += commission.amount.amount();
            QCOMPARE(commission.state, CommissionState::Confirmed);
            QCOMPARE(saga.state, SagaState::Completed);
        }
        for (const auto& [conversion, count] : live)
            QCOMPARE(count, 1);
        size_t completed = 0;
        for (const auto& saga : sagas)
            completed += saga.state == SagaState::Completed ? 1 : 0;
        QVERIFY(completed > 0);

        // Per campaign: reserved − released = spent ≤ budget, and spent is what live commissions cost.
        storage::Database marketing =
            storage::Database::open((dir.path() / "marketing.db").string(), {.readOnly = true}).value();
        bool someBudgetRanOut = false;
        const auto campaigns = engine.marketing().list({}, {}).value();
        for (const auto& campaign : campaigns.items) {
            auto ledger = marketing.prepare(
                "SELECT COALESCE(SUM(CASE WHEN state IN ('reserved', 'released') THEN amount END), 0),"
                " COALESCE(SUM(CASE WHEN state = 'released' THEN amount END), 0),"
                " COUNT(CASE WHEN state = 'refused' THEN 1 END) FROM budget_ledger WHERE campaign_id = ?");
            ledger.bind(1, campaign.id.str());
            QVERIFY(ledger.step());
            const auto budget = engine.marketing().budget(campaign.id).value();
            QCOMPARE(ledger.int64At(0) - ledger.int64At(1), budget.spent.amount());
            QVERIFY(budget.spent.amount() <= budget.total.amount());
            QCOMPARE(budget.spent.amount(), liveByCampaign[campaign.id.str()]);
            someBudgetRanOut = someBudgetRanOut || ledger.int64At(2) > 0;
        }
        QVERIFY(someBudgetRanOut);
    }

private:
    // Runs the producing child until `killNow` says so, then kills it with SIGKILL.
    void runAndKill(const testing::TempDataDir& dir, ChildOutput& output,
                    const std::function<bool(bool produced, qint64 open)>& killNow)
    {
        QProcess child;
        child.start(QStringLiteral(SAGA_CRASH_CHILD), {QString::fromStdString(dir.path().string()),
                                                        QStringLiteral("produce"), QString::number(kPurchases)});
        QVERIFY(child.waitForStarted());
        bool produced = false;
        qint64 open = -1;
        QElapsedTimer timer;
        timer.start();
        while (!killNow(produced, open) && timer.elapsed() < 90000 && child.state() == QProcess::Running) {
            child.waitForReadyRead(20);
            read(child, output, produced, open);
        }
        QVERIFY2(killNow(produced, open), "the child made too little progress");
        child.kill();  // SIGKILL
        qInfo("killed after %zu purchases, %lld sagas in flight", output.acknowledged.size(),
              static_cast<long long>(open));
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        read(child, output, produced, open);  // what it printed before dying happened too
    }
};

QTEST_GUILESS_MAIN(TestSagaCrash)
#include "tst_saga_crash.moc"
