#include "tests/bff/services/tracking/tracking_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <algorithm>
#include <cctype>
#include <set>

using namespace alpes;
using namespace alpes::testing;
using namespace alpes::services::tracking;
using domain::CampaignState;
using domain::InteractionType;

namespace {

std::vector<std::string> fieldsOf(const Error& error)
{
    std::vector<std::string> fields;
    for (const auto& field : error.fields)
        fields.push_back(field.field);
    return fields;
}

}  // namespace

class TestTrackingIngest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<TrackingFixture>();
        QVERIFY(m_fixture->addActiveCampaign("c-1").ok());
        QVERIFY(m_fixture->addActiveCampaign("c-2").ok());
        QVERIFY(m_fixture->addAffiliate(makeAffiliate("a-1")).ok());
        QVERIFY(m_fixture->addAffiliate(makeAffiliate("a-2")).ok());
    }
    void cleanup() { m_fixture.reset(); }

    void storesAViewBeforeAnsweringWithItsId()
    {
        const auto tracked = service().track(interaction(InteractionType::View, "c-1", "a-1", "u-1"));
        QVERIFY(tracked.ok());
        QVERIFY(!tracked->sagaId);
        // Answered after the commit: a reader sees it at once.
        const auto stored = service().getInteraction(tracked->id);
        QVERIFY(stored.ok());
        QVERIFY(stored->state == domain::InteractionState::Recorded);
        QCOMPARE(stored->occurredAt, m_fixture->clock().now());
        QCOMPARE(stored->receivedAt, m_fixture->clock().now());
        QCOMPARE(stored->userId, std::optional<std::string>("u-1"));
        QVERIFY(stored->flags.empty());
    }

    void givesAPurchaseItsOwnSagaId()
    {
        const auto first = service().track(purchase("c-1", "a-1", "u-1", "A-1", 12'990));
        const auto second = service().track(purchase("c-1", "a-1", "u-1", "A-2", 500));
        QVERIFY(first.ok() && second.ok());
        QVERIFY(first->sagaId && second->sagaId);
        QVERIFY(*first->sagaId != *second->sagaId);
        const auto stored = service().getInteraction(first->id);
        QCOMPARE(stored->sagaId->str(), first->sagaId->str());
        QCOMPARE(stored->amount->amount(), 12'990);
        QCOMPARE(stored->orderId, std::optional<std::string>("A-1"));
    }

    void refusesAnOrderIdAlreadyTrackedOnTheCampaign()
    {
        QVERIFY(service().track(purchase("c-1", "a-1", "u-1", "A-1", 100)).ok());
        const auto repeated = service().track(purchase("c-1", "a-2", "u-2", "A-1", 200));
        QVERIFY(!repeated.ok());
        QCOMPARE(repeated.error().code, ErrorCode::Conflict);
        QCOMPARE(fieldsOf(repeated.error()), std::vector<std::string>{"orderId"});
        // Order ids are unique per campaign, not across campaigns.
        QVERIFY(service().track(purchase("c-2", "a-1", "u-1", "A-1", 100)).ok());
    }

    void refusesAnUnknownCampaignOrPartner()
    {
        const auto tracked = service().track(interaction(InteractionType::Click, "c-404", "a-404", "u-1"));
        QVERIFY(!tracked.ok());
        QCOMPARE(tracked.error().code, ErrorCode::Validation);
        QCOMPARE(fieldsOf(tracked.error()), (std::vector<std::string>{"campaignId", "affiliateId"}));
    }

    void refusesAPurchaseInAnotherCurrencyThanTheCampaigns()
    {
        auto input = purchase("c-1", "a-1", "u-1", "A-1", 100);
        input.amount = Money::of(100, "EUR").value();
        const auto tracked = service().track(input);
        QVERIFY(!tracked.ok());
        QCOMPARE(fieldsOf(tracked.error()), std::vector<std::string>{"amount.currency"});
    }

    void refusesAnInvalidInputWithoutStoringIt()
    {
        auto input = interaction(InteractionType::View, "c-1", "a-1", "u-1");
        input.userId.reset();
        input.occurredAt = m_fixture->clock().now() - std::chrono::days{31};
        const auto tracked = service().track(input);
        QVERIFY(!tracked.ok());
        QCOMPARE(fieldsOf(tracked.error()), (std::vector<std::string>{"userId", "occurredAt"}));
        QVERIFY(service().listInteractions({}, {})->items.empty());
    }

    void flagsInteractionsOutsideAnActiveCampaign_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("occurredHoursAgo");
        QTest::addColumn<bool>("flagged");
        QTest::newRow("active, inside its dates") << int(CampaignState::Active) << 0 << false;
        QTest::newRow("active, before it starts") << int(CampaignState::Active) << 48 << true;
        QTest::newRow("draft") << int(CampaignState::Draft) << 0 << true;
        QTest::newRow("paused") << int(CampaignState::Paused) << 0 << true;
        QTest::newRow("finished") << int(CampaignState::Finished) << 0 << true;
    }
    void flagsInteractionsOutsideAnActiveCampaign()
    {
        QFETCH(int, state);
        QFETCH(int, occurredHoursAgo);
        QFETCH(bool, flagged);
        const auto now = m_fixture->clock().now();
        QVERIFY(m_fixture
                    ->addCampaign(makeCampaign("c-x", static_cast<CampaignState>(state), now - std::chrono::hours{24},
                                               now + std::chrono::hours{24}))
                    .ok());
        const auto tracked = service().track(
            interaction(InteractionType::Like, "c-x", "a-1", "u-1", now - std::chrono::hours{occurredHoursAgo}));
        QVERIFY(tracked.ok());  // stored whatever the campaign's state
        const auto stored = service().getInteraction(tracked->id);
        QCOMPARE(stored->flags, flagged ? std::vector<std::string>{"campaign_not_active"} : std::vector<std::string>{});
    }

    void followsTheCampaignLifecycleEvents()
    {
        const auto now = m_fixture->clock().now();
        const auto flagsOfANewView = [&] {
            const auto tracked = service().track(interaction(InteractionType::View, "c-1", "a-1", "u-1"));
            return service().getInteraction(tracked->id)->flags.size();
        };
        const auto lifecycle = [&](std::string_view type, const char* state) {
            return m_fixture->deliver(
                message(type, "c-1", {{"campaignId", "c-1"}, {"state", state}, {"at", formatRfc3339(now)}}, now));
        };
        QVERIFY(lifecycle(types::kCampaignPaused, "paused").ok());
        QCOMPARE(flagsOfANewView(), size_t(1));
        QVERIFY(lifecycle(types::kCampaignResumed, "active").ok());
        QCOMPARE(flagsOfANewView(), size_t(0));
        QVERIFY(lifecycle(types::kCampaignFinished, "finished").ok());
        QCOMPARE(flagsOfANewView(), size_t(1));
        // A fat CampaignUpdated replaces the copy: active again, but starting in an hour.
        const auto updated =
            makeCampaign("c-1", CampaignState::Active, now + std::chrono::hours{1}, now + std::chrono::hours{2});
        QVERIFY(m_fixture->deliver(message(types::kCampaignUpdated, "c-1", dto::toJson(updated), now)).ok());
        QCOMPARE(flagsOfANewView(), size_t(1));
    }

    void storesTheValidItemsOfABatchAndRefusesTheOthers()
    {
        auto anonymousless = interaction(InteractionType::View, "c-1", "a-1", "u-1");
        anonymousless.userId.reset();
        const std::vector<dto::InteractionInput> batch{
            interaction(InteractionType::View, "c-1", "a-1", "u-1"),
            anonymousless,
            interaction(InteractionType::View, "c-404", "a-1", "u-1"),
            purchase("c-1", "a-1", "u-1", "O-1", 1000),
            purchase("c-1", "a-2", "u-2", "O-1", 2000),
        };
        const auto results = service().trackBatch(batch);
        QCOMPARE(results.size(), batch.size());
        QVERIFY(results[0].ok());
        QCOMPARE(results[1].error().code, ErrorCode::Validation);
        QCOMPARE(fieldsOf(results[2].error()), std::vector<std::string>{"campaignId"});
        QVERIFY(results[3].ok() && results[3]->sagaId);
        QCOMPARE(results[4].error().code, ErrorCode::Conflict);
        const auto stored = service().listInteractions({}, {});
        QCOMPARE(stored->items.size(), size_t(2));
        QCOMPARE(stored->items[0].id, results[3]->id);
        QCOMPARE(stored->items[1].id, results[0]->id);
    }

    void answersEachItemOfABatchThatSpansSeveralWriterUnitsInItsPlace()
    {
        // 200 items fill several writer units (trackBatch groups items in one savepoint): refusals
        // are scattered through them, and an order's duplicate lies in a later unit than the order.
        std::vector<dto::InteractionInput> batch;
        for (size_t i = 0; i < 200; ++i)
            batch.push_back(interaction(InteractionType::View, i % 7 == 3 ? "c-404" : "c-1", "a-1", "u-" + std::to_string(i)));
        batch[11] = purchase("c-1", "a-1", "u-11", "O-1", 1000);
        batch[151] = purchase("c-1", "a-2", "u-151", "O-1", 2000);
        batch[199].userId.reset();  // invalid: neither a user nor an anonymous id

        const auto results = service().trackBatch(batch);
        QCOMPARE(results.size(), batch.size());
        std::int64_t views = 0;
        for (size_t i = 0; i < results.size(); ++i) {
            const bool refused = i % 7 == 3 || i == 151 || i == 199;
            QCOMPARE(results[i].ok(), !refused);
            if (!results[i])
                continue;
            QCOMPARE(service().getInteraction(results[i]->id)->userId, batch[i].userId);
            views += batch[i].type == InteractionType::View ? 1 : 0;
        }
        QCOMPARE(fieldsOf(results[3].error()), std::vector<std::string>{"campaignId"});
        QCOMPARE(results[151].error().code, ErrorCode::Conflict);
        QCOMPARE(results[199].error().code, ErrorCode::Validation);
        // Nothing refused was counted.
        const auto today = std::chrono::floor<std::chrono::days>(m_fixture->clock().now());
        const std::vector<dto::DailyCount> expected{{"2026-11-22", InteractionType::Purchase, 1},
                                                    {"2026-11-22", InteractionType::View, views}};
        QVERIFY(service().dailyStats(CampaignId("c-1"), today, today).value() == expected);
    }

    void publishesInteractionTrackedWithThePurchasesSagaAsCorrelation()
    {
        m_fixture->start();
        const auto tracked = service().track(purchase("c-1", "a-1", "u-1", "A-1", 4200));
        QVERIFY(tracked.ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kInteractionTracked), size_t(1));
        const auto event = m_fixture->sink().received(types::kInteractionTracked).front();
        QCOMPARE(event.key, tracked->id.str());
        QCOMPARE(event.correlationId, tracked->sagaId->str());
        QCOMPARE(event.source, std::string("tracking"));
        const auto payload = dto::decodeInteraction(event.payload);
        QVERIFY(payload.ok());
        QVERIFY(payload.value() == service().getInteraction(tracked->id).value());
        QCOMPARE(event.payload["sagaId"].get<std::string>(), tracked->sagaId->str());
        QVERIFY(event.payload["flags"].is_array());
    }

    void createsALinkAndRecordsAClickEachTimeItIsFollowed()
    {
        const auto link = service().createLink(CampaignId("c-1"), AffiliateId("a-2"), "https://shop.example/p?id=1");
        QVERIFY(link.ok());
        QCOMPARE(link->code.str().size(), size_t(8));
        QVERIFY(std::all_of(link->code.str().begin(), link->code.str().end(),
                            [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }));
        QCOMPARE(link->url, "/r/" + link->code.str());

        const auto stranger = service().followLink(link->code, {.ip = std::string("203.0.113.7")});
        QVERIFY(stranger.ok());
        QCOMPARE(stranger->destination, std::string("https://shop.example/p?id=1"));
        QVERIFY(!stranger->anonymousId.empty());
        const auto returning = service().followLink(link->code, {.anonymousId = stranger->anonymousId});
        QCOMPARE(returning->anonymousId, stranger->anonymousId);
        QVERIFY(returning->clickId != stranger->clickId);

        const auto clicks = service().listInteractions({.type = InteractionType::Click}, {});
        QCOMPARE(clicks->items.size(), size_t(2));
        const auto& click = clicks->items.back();
        QCOMPARE(click.clickId, std::optional(stranger->clickId));
        QCOMPARE(click.anonymousId, std::optional(stranger->anonymousId));
        QCOMPARE(click.affiliateId, AffiliateId("a-2"));
        QCOMPARE(click.ip, std::optional<std::string>("203.0.113.7"));
    }

    void linkCodesAreUnique()
    {
        std::set<std::string> codes;
        for (int i = 0; i < 200; ++i)
            codes.insert(service().createLink(CampaignId("c-1"), AffiliateId("a-1"), "https://x.example")->code.str());
        QCOMPARE(codes.size(), size_t(200));
    }

    void refusesALinkThatDoesNotLeadToAWebPage_data()
    {
        QTest::addColumn<QString>("destination");
        QTest::newRow("ftp") << QStringLiteral("ftp://files.example/x");
        QTest::newRow("script") << QStringLiteral("javascript:alert(1)");
        QTest::newRow("no host") << QStringLiteral("https:///path");
        QTest::newRow("space") << QStringLiteral("https://shop.example/a b");
        QTest::newRow("relative") << QStringLiteral("/checkout");
        QTest::newRow("empty") << QString();
    }
    void refusesALinkThatDoesNotLeadToAWebPage()
    {
        QFETCH(QString, destination);
        const auto link = service().createLink(CampaignId("c-1"), AffiliateId("a-1"), destination.toStdString());
        QVERIFY(!link.ok());
        QCOMPARE(fieldsOf(link.error()), std::vector<std::string>{"destination"});
    }

    void refusesALinkForAnUnknownCampaignAndAnswersNotFoundForAnUnknownCode()
    {
        const auto link = service().createLink(CampaignId("c-404"), AffiliateId("a-1"), "HTTPS://shop.example");
        QCOMPARE(fieldsOf(link.error()), std::vector<std::string>{"campaignId"});
        QCOMPARE(service().followLink(LinkCode("zzzzzzzz"), {}).error().code, ErrorCode::NotFound);
    }

    void listsNewestFirstAcrossPagesWithoutDuplicatesOrGaps()
    {
        std::vector<std::string> tracked;
        for (int i = 0; i < 23; ++i) {
            const auto type = i % 3 == 0 ? InteractionType::Click : InteractionType::View;
            const auto result = service().track(
                interaction(type, i % 2 ? "c-1" : "c-2", i % 4 ? "a-1" : "a-2", "u-" + std::to_string(i)));
            QVERIFY(result.ok());
            tracked.insert(tracked.begin(), result->id.str());
        }
        std::vector<std::string> seen;
        PageRequest page{.limit = 5};
        for (;;) {
            const auto result = service().listInteractions({}, page);
            QVERIFY(result.ok());
            for (const auto& item : result->items)
                seen.push_back(item.id.str());
            if (!result->nextCursor)
                break;
            page.after = decodeCursor(*result->nextCursor).value();
        }
        QCOMPARE(seen, tracked);

        const auto count = [&](const InteractionFilter& filter) {
            return service().listInteractions(filter, {.limit = 500})->items.size();
        };
        QCOMPARE(count({.campaignId = CampaignId("c-1")}), size_t(11));
        QCOMPARE(count({.campaignId = CampaignId("c-1"), .type = InteractionType::Click}), size_t(4));
        QCOMPARE(count({.affiliateId = AffiliateId("a-2")}), size_t(6));
        QCOMPARE(count({.campaignId = CampaignId("c-2"), .affiliateId = AffiliateId("a-2")}), size_t(6));
        QCOMPARE(count({.state = domain::InteractionState::Discarded}), size_t(0));
        const auto now = m_fixture->clock().now();
        QCOMPARE(count({.from = now, .to = now + std::chrono::milliseconds{1}}), size_t(23));
        QCOMPARE(count({.from = now + std::chrono::milliseconds{1}}), size_t(0));
    }

    void countsPerDayPerMinuteAndPerPartner()
    {
        const auto now = m_fixture->clock().now();  // 12:00 UTC
        const auto yesterday = now - std::chrono::hours{24};
        QVERIFY(service().track(interaction(InteractionType::View, "c-1", "a-1", "u", yesterday)).ok());
        QVERIFY(service().track(interaction(InteractionType::View, "c-1", "a-1", "u", now)).ok());
        QVERIFY(service().track(interaction(InteractionType::View, "c-1", "a-2", "u", now - std::chrono::seconds{30})).ok());
        QVERIFY(service().track(interaction(InteractionType::Click, "c-1", "a-1", "u", now)).ok());
        QVERIFY(service().track(purchase("c-1", "a-1", "u", "A-1", 1500, now)).ok());
        QVERIFY(service().track(purchase("c-2", "a-1", "u", "A-2", 700, now)).ok());

        const auto today = std::chrono::floor<std::chrono::days>(now);
        const auto daily = service().dailyStats(CampaignId("c-1"), today - std::chrono::days{1}, today);
        QVERIFY(daily.ok());
        const std::vector<dto::DailyCount> expectedDaily{{"2026-11-21", InteractionType::View, 1},
                                                         {"2026-11-22", InteractionType::Click, 1},
                                                         {"2026-11-22", InteractionType::Purchase, 1},
                                                         {"2026-11-22", InteractionType::View, 2}};
        QVERIFY(daily.value() == expectedDaily);

        const auto all = service().dailyStatsAll(today, today);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), size_t(3));
        QCOMPARE(all->at(1).count, 2);  // purchases over both campaigns

        const auto series = service().series(CampaignId("c-1"), now - std::chrono::minutes{1}, now + std::chrono::seconds{1});
        QVERIFY(series.ok());
        const std::vector<dto::MinuteCount> expectedSeries{{now - std::chrono::minutes{1}, InteractionType::View, 1},
                                                           {now, InteractionType::Click, 1},
                                                           {now, InteractionType::Purchase, 1},
                                                           {now, InteractionType::View, 1}};
        QVERIFY(series.value() == expectedSeries);

        const auto partner = service().affiliateStats(AffiliateId("a-1"));
        QVERIFY(partner.ok());
        const std::vector<dto::AffiliateCampaignStats> expectedPartner{
            {CampaignId("c-1"), InteractionType::Click, 1, std::nullopt},
            {CampaignId("c-1"), InteractionType::Purchase, 1, Money::of(1500, "USD").value()},
            {CampaignId("c-1"), InteractionType::View, 2, std::nullopt},
            {CampaignId("c-2"), InteractionType::Purchase, 1, Money::of(700, "USD").value()}};
        QVERIFY(partner.value() == expectedPartner);
    }

    void unknownIdsAreNotFoundAndNonsenseRangesInvalid()
    {
        QCOMPARE(service().getInteraction(InteractionId("nope")).error().code, ErrorCode::NotFound);
        QCOMPARE(service().conversion(InteractionId("nope")).error().code, ErrorCode::NotFound);
        const auto today = std::chrono::floor<std::chrono::days>(m_fixture->clock().now());
        QCOMPARE(service().dailyStats(CampaignId("c-404"), today, today).error().code, ErrorCode::NotFound);
        QCOMPARE(service().affiliateStats(AffiliateId("a-404")).error().code, ErrorCode::NotFound);
        QCOMPARE(service().dailyStats(CampaignId("c-1"), today, today - std::chrono::days{1}).error().code,
                 ErrorCode::Validation);
        QCOMPARE(service().dailyStatsAll(today - std::chrono::days{400}, today).error().code, ErrorCode::Validation);
        const auto now = m_fixture->clock().now();
        QCOMPARE(service().series(CampaignId("c-1"), now, now).error().code, ErrorCode::Validation);
        QCOMPARE(service().series(CampaignId("c-1"), now - std::chrono::days{8}, now).error().code,
                 ErrorCode::Validation);
    }

private:
    TrackingService& service() { return m_fixture->service(); }

    std::unique_ptr<TrackingFixture> m_fixture;
};

QTEST_GUILESS_MAIN(TestTrackingIngest)
#include "tst_tracking_ingest.moc"
