#include "tests/bff/services/tracking/tracking_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <algorithm>
#include <random>

using namespace alpes;
using namespace alpes::testing;
using domain::InteractionType;

namespace {

constexpr int kInteractions = 100'000;
constexpr int kBatch = 1000;
constexpr int kCampaigns = 4;
constexpr int kAffiliates = 20;
constexpr int kUsers = 3000;

struct Table {
    std::string name;
    std::string columns;
    std::string key;
};

// Every row of a table as text, in primary-key order; NULL and "" stay distinct.
std::vector<std::string> rowsOf(storage::Database& db, const Table& table)
{
    const auto columnCount = static_cast<int>(std::count(table.columns.begin(), table.columns.end(), ',')) + 1;
    auto stmt = db.prepare("SELECT " + table.columns + " FROM " + table.name + " ORDER BY " + table.key);
    std::vector<std::string> rows;
    while (stmt.step()) {
        std::string row;
        for (int column = 0; column < columnCount; ++column)
            row += (stmt.isNull(column) ? std::string("<null>") : "'" + stmt.textAt(column) + "'") + "|";
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

class TestTrackingRebuild : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rebuildsExactlyWhatIngestAndDiscardsMaintained()
    {
        TrackingFixture fixture;
        const UtcTime now = fixture.clock().now();
        for (int c = 0; c < kCampaigns; ++c) {
            // The last campaign is paused, so some interactions carry the campaign_not_active flag.
            const auto state = c == kCampaigns - 1 ? domain::CampaignState::Paused : domain::CampaignState::Active;
            QVERIFY(fixture
                        .addCampaign(makeCampaign("c-" + std::to_string(c), state, now - std::chrono::days{20},
                                                  now + std::chrono::days{20}))
                        .ok());
        }
        for (int a = 0; a < kAffiliates; ++a)
            QVERIFY(fixture.addAffiliate(makeAffiliate("a-" + std::to_string(a))).ok());

        std::mt19937_64 random(20261122);
        const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<std::uint64_t>(n)); };
        std::vector<std::string> purchases;
        for (int done = 0; done < kInteractions; done += kBatch) {
            std::vector<dto::InteractionInput> batch;
            for (int i = done; i < done + kBatch; ++i) {
                const int roll = pick(100);
                const auto type = roll < 50   ? InteractionType::View
                                  : roll < 75 ? InteractionType::Click
                                  : roll < 85 ? InteractionType::Like
                                  : roll < 95 ? InteractionType::Lead
                                              : InteractionType::Purchase;
                auto input = interaction(type, "c-" + std::to_string(pick(kCampaigns)),
                                         "a-" + std::to_string(pick(kAffiliates)), "u-" + std::to_string(pick(kUsers)),
                                         now - std::chrono::milliseconds{random() % (29LL * 24 * 3600 * 1000)});
                if (pick(10) == 0) {
                    input.anonymousId = "anon-" + input.userId.value();
                    input.userId.reset();
                }
                if (pick(4) == 0)
                    input.utm = dto::Utm{.source = "newsletter", .campaign = "winter"};
                if (type == InteractionType::Purchase) {
                    input.orderId = "order-" + std::to_string(i);
                    input.amount = Money::of(100 + pick(100'000), "USD").value();
                }
                batch.push_back(std::move(input));
            }
            for (const auto& result : fixture.service().trackBatch(batch)) {
                QVERIFY(result.ok());
                if (result->sagaId)
                    purchases.push_back(result->id.str());
            }
        }
        // Some conversions are attributed, then a few hundred are discarded as fraud.
        for (size_t i = 0; i < purchases.size(); i += 10) {
            const auto& id = purchases[i];
            if (i % 20 == 0)
                QVERIFY(fixture.command(types::kAttributeConversion, id, {{"conversionId", id}}).ok());
            QVERIFY(fixture.command(types::kDiscardInteractions, id, {{"conversionId", id}, {"reason", "fraud"}}).ok());
        }

        auto reader = storage::Database::open(fixture.databasePath().string(), {.readOnly = true});
        QVERIFY(reader.ok());
        const Table tables[] = {
            {"interactions", std::string(services::tracking::kInteractionColumns), "id"},
            {"daily_stats", "campaign_id, day, type, count", "campaign_id, day, type"},
            {"minute_stats", "campaign_id, minute, type, count", "campaign_id, minute, type"},
            {"affiliate_stats", "affiliate_id, campaign_id, type, count, revenue, currency",
             "affiliate_id, campaign_id, type"}};
        std::vector<std::vector<std::string>> maintained;
        for (const auto& table : tables)
            maintained.push_back(rowsOf(reader.value(), table));
        const auto scalar = [&](const std::string& sql) {
            auto stmt = reader->prepare(sql);
            stmt.step();
            return stmt.int64At(0);
        };
        const std::int64_t discarded = scalar("SELECT COUNT(*) FROM interactions WHERE state = 'discarded'");
        QVERIFY(discarded > static_cast<std::int64_t>(purchases.size() / 10));
        QCOMPARE(scalar("SELECT SUM(count) FROM daily_stats"), kInteractions - discarded);
        QCOMPARE(scalar("SELECT SUM(count) FROM minute_stats"), kInteractions - discarded);
        QVERIFY(scalar("SELECT COUNT(*) FROM interactions WHERE flags IS NOT NULL") > 0);
        const std::int64_t discardEntries =
            scalar("SELECT COUNT(*) FROM interaction_log WHERE type = 'InteractionsDiscarded'");

        // Spoil the read model and every projection, so that only a real rebuild can restore them.
        {
            auto vandal = storage::Database::open(fixture.databasePath().string());
            QVERIFY(vandal.ok());
            vandal->exec("UPDATE interactions SET state = 'recorded'; DELETE FROM minute_stats;"
                         " UPDATE daily_stats SET count = count + 1; DELETE FROM affiliate_stats WHERE type = 'view';");
        }
        const auto report = fixture.service().rebuildProjections();
        QVERIFY(report.ok());
        QCOMPARE(report->interactions, std::int64_t(kInteractions));
        QCOMPARE(report->logEntries, kInteractions + discardEntries);

        for (size_t t = 0; t < std::size(tables); ++t) {
            const auto rebuilt = rowsOf(reader.value(), tables[t]);
            QCOMPARE(rebuilt.size(), maintained[t].size());
            for (size_t row = 0; row < rebuilt.size(); ++row)
                if (rebuilt[row] != maintained[t][row])
                    QCOMPARE(rebuilt[row], maintained[t][row]);  // reports the first row that differs
        }
    }
};

QTEST_GUILESS_MAIN(TestTrackingRebuild)
#include "tst_tracking_rebuild.moc"
