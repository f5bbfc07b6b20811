#include "bff/services/tracking/tracking_migrations.h"
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
             "affiliate_id, campaign_id, type"},
            // Ingest leaves the last steps pending; the rebuild merges them all.
            {"(SELECT * FROM journey_steps UNION ALL SELECT * FROM journey_pending)",
             "campaign_id, visitor, occurred_at, interaction_id", "campaign_id, visitor, occurred_at, interaction_id"}};
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
                         " UPDATE daily_stats SET count = count + 1; DELETE FROM affiliate_stats WHERE type = 'view';"
                         " DELETE FROM journey_steps WHERE visitor LIKE 'a%';");
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

    // A database from before the journey steps (migration 5) gets a step for each visitor id of the
    // interactions it stored, and loses the two indexes that held journeys until then.
    void fillsTheJourneyStepsOfAnOlderDatabase()
    {
        TempDataDir dir;
        auto db = storage::Database::open((dir.path() / "older.db").string()).value();
        QVERIFY(storage::migrate(db, services::tracking::migrations().first(4)).ok());
        const auto add = [&](const char* id, std::optional<std::string> userId, std::optional<std::string> anonymousId,
                             std::int64_t occurredAt) {
            db.prepare("INSERT INTO interactions(id, type, campaign_id, affiliate_id, user_id, anonymous_id,"
                       " occurred_at, received_at, state) VALUES (?, 'click', 'c-1', 'a-1', ?, ?, ?, ?, 'recorded')")
                .bindAll(id, userId, anonymousId, occurredAt, occurredAt)
                .run();
        };
        add("i-1", "u-1", std::nullopt, 300);
        add("i-2", std::nullopt, "d-1", 100);
        add("i-3", "u-1", "d-1", 200);
        add("i-4", std::nullopt, std::nullopt, 400);
        QVERIFY(storage::migrate(db, services::tracking::migrations()).ok());

        const Table steps{"journey_steps", "campaign_id, visitor, occurred_at, interaction_id",
                          "campaign_id, visitor, occurred_at, interaction_id"};
        QCOMPARE(rowsOf(db, steps), (std::vector<std::string>{"'c-1'|'ad-1'|'100'|'i-2'|", "'c-1'|'ad-1'|'200'|'i-3'|",
                                                               "'c-1'|'uu-1'|'200'|'i-3'|", "'c-1'|'uu-1'|'300'|'i-1'|"}));
        auto indexes = db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name IN"
                                  " ('interactions_user', 'interactions_anonymous')");
        QVERIFY(indexes.step());
        QCOMPARE(indexes.int64At(0), 0);
    }
};

QTEST_GUILESS_MAIN(TestTrackingRebuild)
#include "tst_tracking_rebuild.moc"
