#include "bff/services/tracking/journey_steps.h"
#include "tests/bff/services/tracking/tracking_fixture.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::testing;
using namespace alpes::services::tracking;
using domain::AttributionModel;
using domain::InteractionType;

namespace {

std::vector<std::string> idsIn(const json::Json& array)
{
    std::vector<std::string> ids;
    for (const auto& id : array)
        ids.push_back(id.get<std::string>());
    return ids;
}

}  // namespace

class TestTrackingConversions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<TrackingFixture>();
        QVERIFY(m_fixture->addActiveCampaign("c-1").ok());
        QVERIFY(m_fixture->addActiveCampaign("c-2").ok());
        QVERIFY(m_fixture->addActiveCampaign("c-linear", {AttributionModel::Linear, 30, 7.0}).ok());
        QVERIFY(m_fixture->addActiveCampaign("c-short", {AttributionModel::FirstTouch, 1, 7.0}).ok());
        for (const char* id : {"a-1", "a-2", "a-3"})
            QVERIFY(m_fixture->addAffiliate(makeAffiliate(id)).ok());
        m_fixture->start();
    }
    void cleanup() { m_fixture.reset(); }

    void attributesAPurchaseToTheLastTouchOfItsJourney()
    {
        const auto click1 = track(interaction(InteractionType::Click, "c-1", "a-1", "u-1", ago(3)));
        const auto click2 = track(interaction(InteractionType::Lead, "c-1", "a-2", "u-1", ago(2)));
        track(interaction(InteractionType::Click, "c-1", "a-3", "u-2", ago(2)));  // someone else
        track(interaction(InteractionType::Click, "c-2", "a-3", "u-1", ago(2)));  // another campaign
        const auto order = service().track(purchase("c-1", "a-1", "u-1", "A-1", 1000, ago(1)));
        QVERIFY(order.ok());

        const auto command = message(types::kAttributeConversion, order->id.str(),
                                     {{"conversionId", order->id.str()}}, now(), order->sagaId->str());
        QVERIFY(m_fixture->deliver(command).ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kConversionAttributed), size_t(1));
        const auto reply = m_fixture->sink().received(types::kConversionAttributed).back();
        QCOMPARE(reply.key, order->id.str());
        QCOMPARE(reply.correlationId, order->sagaId->str());
        QCOMPARE(reply.causationId, command.id);
        QCOMPARE(reply.payload["model"].get<std::string>(), std::string("last_touch"));
        QCOMPARE(reply.payload["orderId"].get<std::string>(), std::string("A-1"));
        QCOMPARE(reply.payload["amount"], (json::Json{{"amount", 1000}, {"currency", "USD"}}));
        QCOMPARE(reply.payload["shares"],
                 (json::Json::array({{{"affiliateId", "a-2"},
                                      {"weight", 1.0},
                                      {"amount", {{"amount", 1000}, {"currency", "USD"}}}}})));
        QCOMPARE(idsIn(reply.payload["touchpointIds"]), (std::vector<std::string>{click1, click2}));

        const auto view = service().conversion(order->id);
        QVERIFY(view.ok());
        QVERIFY(view->outcome == AttributionOutcome::Attributed);
        QVERIFY(view->model == AttributionModel::LastTouch);
        QCOMPARE(view->touchpoints.size(), size_t(2));
        QCOMPARE(view->attributedAt, std::optional(now()));
    }

    void aSecondPurchaseIsAttributedOnItsOwnJourney()
    {
        const auto firstClick = track(interaction(InteractionType::Click, "c-linear", "a-1", "u-1", ago(5)));
        const auto firstOrder = track(purchase("c-linear", "a-1", "u-1", "A-1", 900, ago(4)));
        const auto secondClick = track(interaction(InteractionType::Click, "c-linear", "a-2", "u-1", ago(3)));
        const auto secondOrder = track(purchase("c-linear", "a-1", "u-1", "A-2", 600, ago(2)));
        // Attributed out of order on purpose: the journey depends on the purchases, not on the commands.
        QVERIFY(attribute(secondOrder).ok());
        QVERIFY(attribute(firstOrder).ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kConversionAttributed), size_t(2));
        const auto second = service().conversion(InteractionId(secondOrder)).value();
        const auto first = service().conversion(InteractionId(firstOrder)).value();
        QCOMPARE(first.touchpoints.size(), size_t(1));
        QCOMPARE(first.touchpoints.front().touchpoint.interactionId.str(), firstClick);
        QCOMPARE(second.touchpoints.size(), size_t(1));
        QCOMPARE(second.touchpoints.front().touchpoint.interactionId.str(), secondClick);
        QCOMPARE(second.shares.front().affiliateId, AffiliateId("a-2"));
        QCOMPARE(second.shares.front().amount.amount(), 600);
    }

    void splitsByTheCampaignsModel()
    {
        track(interaction(InteractionType::View, "c-linear", "a-1", "u-1", ago(3)));
        track(interaction(InteractionType::Click, "c-linear", "a-2", "u-1", ago(2)));
        track(interaction(InteractionType::Like, "c-linear", "a-3", "u-1", ago(2)));
        const auto order = track(purchase("c-linear", "a-1", "u-1", "A-1", 100, ago(1)));
        QVERIFY(attribute(order).ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kConversionAttributed), size_t(1));
        const auto reply = m_fixture->sink().received(types::kConversionAttributed).back();
        std::int64_t total = 0;
        for (const auto& share : reply.payload["shares"])
            total += share["amount"]["amount"].get<std::int64_t>();
        QCOMPARE(reply.payload["shares"].size(), size_t(3));
        QCOMPARE(reply.payload["shares"][0]["amount"]["amount"].get<std::int64_t>(), 34);
        QCOMPARE(total, 100);
    }

    void leavesTouchpointsOutsideTheCampaignsWindowOut()
    {
        track(interaction(InteractionType::Click, "c-short", "a-1", "u-1", ago(30)));  // window is 1 day
        track(interaction(InteractionType::Click, "c-short", "a-2", "u-1", ago(10)));
        const auto order = track(purchase("c-short", "a-3", "u-1", "A-1", 100, ago(1)));
        QVERIFY(attribute(order).ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kConversionAttributed), size_t(1));
        const auto reply = m_fixture->sink().received(types::kConversionAttributed).back();
        QCOMPARE(reply.payload["shares"][0]["affiliateId"].get<std::string>(), std::string("a-2"));
        QCOMPARE(reply.payload["touchpointIds"].size(), size_t(1));
    }

    void followsAnAnonymousVisitorFromTheLinkToThePurchase()
    {
        const auto link = service().createLink(CampaignId("c-1"), AffiliateId("a-3"), "https://shop.example");
        const auto followed = service().followLink(link->code, {});
        QVERIFY(followed.ok());
        // A purchase within 3 s of the click would be click injection (fraud_rules.h).
        m_fixture->clock().advance(std::chrono::seconds(10));
        auto anonymous = interaction(InteractionType::Purchase, "c-1", "a-1", "x");
        anonymous.userId.reset();
        anonymous.anonymousId = followed->anonymousId;
        anonymous.orderId = "A-1";
        anonymous.amount = Money::of(300, "USD").value();
        const auto order = service().track(anonymous);
        QVERIFY(order.ok());
        QVERIFY(attribute(order->id.str()).ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kConversionAttributed), size_t(1));
        const auto reply = m_fixture->sink().received(types::kConversionAttributed).back();
        QCOMPARE(reply.payload["shares"][0]["affiliateId"].get<std::string>(), std::string("a-3"));
    }

    void joinsTheDevicesAnonymousTouchpointsToTheUserWhoPays()
    {
        auto anonymousClick = interaction(InteractionType::Click, "c-1", "a-2", "x", ago(3));
        anonymousClick.userId.reset();
        anonymousClick.anonymousId = "device-1";
        const auto clickId = track(anonymousClick);
        auto otherUsersClick = interaction(InteractionType::Click, "c-1", "a-3", "u-other", ago(2));
        otherUsersClick.anonymousId = "device-1";  // same device, someone else logged in
        track(otherUsersClick);
        auto order = purchase("c-1", "a-1", "u-1", "A-1", 500, ago(1));
        order.anonymousId = "device-1";
        const auto orderId = track(order);
        QVERIFY(attribute(orderId).ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kConversionAttributed), size_t(1));
        const auto reply = m_fixture->sink().received(types::kConversionAttributed).back();
        QCOMPARE(idsIn(reply.payload["touchpointIds"]), std::vector<std::string>{clickId});
    }

    // Ingest leaves journey steps pending and merges them many at a time (journey_steps.h): a
    // journey holds its steps whether they were merged before its purchase or were still pending.
    void findsTheJourneyWhetherItsStepsWereMergedOrStillPending()
    {
        const auto merged = track(interaction(InteractionType::Click, "c-1", "a-1", "u-1", ago(3)));
        std::vector<dto::InteractionInput> crowd;  // enough steps of others to make ingest merge
        for (std::int64_t i = 0; i < kJourneyStepsPerMerge; ++i)
            crowd.push_back(interaction(InteractionType::View, "c-1", "a-3", "crowd-" + std::to_string(i), ago(3)));
        for (const auto& result : service().trackBatch(crowd))
            QVERIFY(result.ok());
        QVERIFY(rows("journey_pending") < kJourneyStepsPerMerge);
        QCOMPARE(rows("journey_steps WHERE interaction_id = '" + merged + "'"), 1);
        const auto pending = track(interaction(InteractionType::Lead, "c-1", "a-2", "u-1", ago(2)));
        QCOMPARE(rows("journey_pending WHERE interaction_id = '" + pending + "'"), 1);
        const auto orderId = track(purchase("c-1", "a-1", "u-1", "A-1", 1000, ago(1)));

        QVERIFY(attribute(orderId).ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kConversionAttributed), size_t(1));
        const auto reply = m_fixture->sink().received(types::kConversionAttributed).back();
        QCOMPARE(idsIn(reply.payload["touchpointIds"]), (std::vector<std::string>{merged, pending}));
        QCOMPARE(rows("journey_pending"), 0);  // merged by the attribution, before it read the journey
        QCOMPARE(rows("journey_steps WHERE visitor = 'uu-1'"), 3);
    }

    void answersUnattributedWhenNothingEarnsTheConversion()
    {
        const auto lonely = track(purchase("c-1", "a-1", "u-1", "A-1", 100, ago(1)));
        QVERIFY(attribute(lonely).ok());
        QVERIFY(m_fixture
                    ->deliver(message(types::kCampaignPaused, "c-2",
                                      {{"campaignId", "c-2"}, {"state", "paused"}, {"at", formatRfc3339(now())}},
                                      now()))
                    .ok());
        track(interaction(InteractionType::Click, "c-2", "a-1", "u-1", ago(2)));
        const auto paused = track(purchase("c-2", "a-1", "u-1", "A-1", 100, ago(1)));
        QVERIFY(attribute(paused).ok());
        QVERIFY(attribute("no-such-conversion").ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kConversionUnattributed), size_t(3));
        const auto replies = m_fixture->sink().received(types::kConversionUnattributed);
        QCOMPARE(replies[0].payload["reason"].get<std::string>(), std::string("no_touchpoints"));
        QCOMPARE(replies[1].payload["reason"].get<std::string>(), std::string("campaign_not_active"));
        QCOMPARE(replies[2].payload["reason"].get<std::string>(), std::string("unknown_conversion"));
        QVERIFY(replies[2].payload["campaignId"].is_null());
        QCOMPARE(replies[1].payload["amount"]["amount"].get<std::int64_t>(), 100);
        QVERIFY(service().conversion(InteractionId(paused))->outcome == AttributionOutcome::Unattributed);
    }

    void aRepeatedCommandAnswersTheStoredOutcomeAndAnEchoIsIgnored()
    {
        track(interaction(InteractionType::Click, "c-1", "a-1", "u-1", ago(3)));
        const auto order = track(purchase("c-1", "a-1", "u-1", "A-1", 100, ago(1)));
        const auto command = message(types::kAttributeConversion, order, {{"conversionId", order}}, now(), "saga-1");
        QVERIFY(m_fixture->deliver(command).ok());
        QVERIFY(m_fixture->deliver(command).ok());  // the same message again: the inbox drops it
        // A touchpoint that arrives late must not change an outcome already given.
        track(interaction(InteractionType::Click, "c-1", "a-2", "u-1", ago(2)));
        QVERIFY(attribute(order).ok());  // a new command for the same conversion
        QTRY_COMPARE(m_fixture->service().database().relay().depth().value(), std::int64_t(0));
        const auto replies = m_fixture->sink().received(types::kConversionAttributed);
        QCOMPARE(replies.size(), size_t(2));
        QCOMPARE(replies[1].payload, replies[0].payload);
        QVERIFY(replies[1].causationId != replies[0].causationId);
    }

    void revertsAnAttributionOnceAndSaysWhetherThereWasOne()
    {
        track(interaction(InteractionType::Click, "c-1", "a-1", "u-1", ago(3)));
        const auto order = track(purchase("c-1", "a-1", "u-1", "A-1", 100, ago(1)));
        const auto unattributed = track(purchase("c-1", "a-1", "u-9", "A-2", 100, ago(1)));
        QVERIFY(attribute(order).ok());
        QVERIFY(attribute(unattributed).ok());
        QVERIFY(m_fixture->command(types::kRevertAttribution, order, {{"conversionId", order}}).ok());
        const auto revertedAt = service().conversion(InteractionId(order))->revertedAt;
        QCOMPARE(revertedAt, std::optional(now()));
        m_fixture->clock().advance(std::chrono::minutes{1});
        QVERIFY(m_fixture->command(types::kRevertAttribution, order, {{"conversionId", order}}).ok());
        QVERIFY(m_fixture->command(types::kRevertAttribution, unattributed, {{"conversionId", unattributed}}).ok());
        QVERIFY(m_fixture->command(types::kRevertAttribution, "nope", {{"conversionId", "nope"}}).ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kAttributionReverted), size_t(4));
        const auto replies = m_fixture->sink().received(types::kAttributionReverted);
        const json::Json reverted{{"conversionId", order}, {"campaignId", "c-1"}, {"reverted", true}};
        QCOMPARE(replies[0].payload, reverted);
        QCOMPARE(replies[1].payload, reverted);
        QCOMPARE(replies[2].payload["reverted"].get<bool>(), false);
        QVERIFY(replies[3].payload["campaignId"].is_null());
        QCOMPARE(service().conversion(InteractionId(order))->revertedAt, revertedAt);  // not moved by the repeat
    }

    void discardsTheJourneyAndThePurchaseAndTakesThemOutOfTheStats()
    {
        const auto click = track(interaction(InteractionType::Click, "c-1", "a-1", "u-1", ago(3)));
        const auto view = track(interaction(InteractionType::View, "c-1", "a-2", "u-1", ago(2)));
        track(interaction(InteractionType::Click, "c-1", "a-1", "u-2", ago(2)));  // not in the journey
        const auto order = track(purchase("c-1", "a-2", "u-1", "A-1", 2500, ago(1)));
        QVERIFY(attribute(order).ok());
        const auto today = std::chrono::floor<std::chrono::days>(now());
        const std::vector<dto::DailyCount> before{{"2026-11-22", InteractionType::Click, 2},
                                                  {"2026-11-22", InteractionType::Purchase, 1},
                                                  {"2026-11-22", InteractionType::View, 1}};
        QVERIFY(service().dailyStats(CampaignId("c-1"), today, today).value() == before);

        QVERIFY(m_fixture->command(types::kDiscardInteractions, order, {{"conversionId", order}, {"reason", "fraud"}})
                    .ok());
        QVERIFY(m_fixture->command(types::kDiscardInteractions, order, {{"conversionId", order}, {"reason", "again"}})
                    .ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kInteractionsDiscarded), size_t(2));
        const auto replies = m_fixture->sink().received(types::kInteractionsDiscarded);
        const json::Json expected{{"conversionId", order},
                                  {"campaignId", "c-1"},
                                  {"interactionIds", {click, view, order}},
                                  {"reason", "fraud"}};
        QCOMPARE(replies[0].payload, expected);
        QCOMPARE(replies[1].payload, expected);  // the stored discard, not a second one

        const std::vector<dto::DailyCount> after{{"2026-11-22", InteractionType::Click, 1}};
        QVERIFY(service().dailyStats(CampaignId("c-1"), today, today).value() == after);
        QVERIFY(service().series(CampaignId("c-1"), now() - std::chrono::hours{4}, now())->size() == 1);
        const auto partner = service().affiliateStats(AffiliateId("a-2"));
        QVERIFY(partner->empty());  // its view and its purchase revenue are gone
        QCOMPARE(service().getInteraction(InteractionId(order))->state, domain::InteractionState::Discarded);
        QCOMPARE(service()
                     .listInteractions({.campaignId = CampaignId("c-1"), .state = domain::InteractionState::Discarded}, {})
                     ->items.size(),
                 size_t(3));
        QCOMPARE(service().conversion(InteractionId(order))->discardedIds.size(), size_t(3));
    }

    void discardsBeforeAttributionWithTheJourneyAsItStands()
    {
        const auto click = track(interaction(InteractionType::Click, "c-1", "a-1", "u-1", ago(3)));
        const auto order = track(purchase("c-1", "a-1", "u-1", "A-1", 100, ago(1)));
        QVERIFY(m_fixture->command(types::kDiscardInteractions, order, {{"conversionId", order}, {"reason", "manual"}})
                    .ok());
        QVERIFY(m_fixture->command(types::kDiscardInteractions, "nope", {{"conversionId", "nope"}, {"reason", "x"}})
                    .ok());
        // A discarded purchase earns nothing, even if the saga asks afterwards.
        QVERIFY(attribute(order).ok());
        QTRY_COMPARE(m_fixture->sink().count(types::kInteractionsDiscarded), size_t(2));
        const auto replies = m_fixture->sink().received(types::kInteractionsDiscarded);
        QCOMPARE(idsIn(replies[0].payload["interactionIds"]), (std::vector<std::string>{click, order}));
        QVERIFY(replies[1].payload["interactionIds"].empty());
        QTRY_COMPARE(m_fixture->sink().count(types::kConversionUnattributed), size_t(1));
        const auto unattributed = m_fixture->sink().received(types::kConversionUnattributed).back();
        QCOMPARE(unattributed.payload["reason"].get<std::string>(), std::string("conversion_discarded"));
    }

    void aMalformedCommandEndsInTheDeadLetters()
    {
        QVERIFY(m_fixture->command(types::kAttributeConversion, "x", json::Json::object()).ok());
        const auto letters = m_fixture->service().consumer().deadLetters();
        QVERIFY(letters.ok());
        QCOMPARE(letters->size(), size_t(1));
        QCOMPARE(letters->front().message.type, std::string(types::kAttributeConversion));
    }

private:
    TrackingService& service() { return m_fixture->service(); }
    UtcTime now() const { return m_fixture->clock().now(); }
    UtcTime ago(int hours) const { return now() - std::chrono::hours{hours}; }

    std::string track(const dto::InteractionInput& input)
    {
        const auto tracked = service().track(input);
        if (!tracked)
            qFatal("track failed: %s", tracked.error().message.c_str());
        return tracked->id.str();
    }

    // Rows of `from` (a table and its WHERE clause), read on a connection of the test's own.
    std::int64_t rows(const std::string& from)
    {
        auto reader = storage::Database::open(m_fixture->databasePath().string(), {.readOnly = true});
        if (!reader)
            qFatal("cannot read the tracking database");
        auto count = reader->prepare("SELECT COUNT(*) FROM " + from);
        count.step();
        return count.int64At(0);
    }

    Status attribute(const std::string& conversionId)
    {
        return m_fixture->command(types::kAttributeConversion, conversionId, {{"conversionId", conversionId}});
    }

    std::unique_ptr<TrackingFixture> m_fixture;
};

QTEST_GUILESS_MAIN(TestTrackingConversions)
#include "tst_tracking_conversions.moc"
