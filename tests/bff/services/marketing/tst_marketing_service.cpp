#include "bff/events/embedded_bus.h"
#include "bff/services/marketing/marketing_service.h"
#include "tests/bff/services/marketing/marketing_fixture.h"
#include "tests/support/service_under_test.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <set>

using namespace alpes;
using namespace alpes::services::marketing;
using domain::AffiliateState;
using domain::CampaignState;
using testing::at;
using testing::usd;
namespace types = alpes::messages::types;

namespace {

const UtcTime kStart = at("2026-06-01T12:00:00.000Z");

std::vector<std::string> idsOf(const std::vector<AffiliateId>& ids)
{
    std::vector<std::string> out;
    for (const auto& id : ids)
        out.push_back(id.str());
    return out;
}

std::vector<std::string> fieldsOf(const Error& error)
{
    std::vector<std::string> out;
    for (const auto& field : error.fields)
        out.push_back(field.field);
    return out;
}

}  // namespace

class TestMarketingService : public QObject {
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

    void createsADraftWithANewBrandAndNothingSpent()
    {
        const auto created = m_service->create(testing::draftAround(kStart));
        QVERIFY(created.ok());
        QVERIFY(created->state == CampaignState::Draft);
        QVERIFY(created->brand.id && !created->brand.id->empty());
        QCOMPARE(created->brand.name, std::string("Acme"));
        QVERIFY(created->spent == usd(0));
        QVERIFY(created->createdAt == kStart);
        const auto found = m_service->get(created->id);
        QVERIFY(found.ok());
        QVERIFY(dto::toJson(*found) == dto::toJson(*created));
        const auto events = testing::outbox(*m_service, types::kCampaignCreated);
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0].key, created->id.str());
        QVERIFY(events[0].payload == dto::toJson(*created));
        QVERIFY(dto::decodeCampaign(events[0].payload).ok());
    }

    void keepsTheStoredNameOfAKnownBrand()
    {
        const auto first = m_service->create(testing::draftAround(kStart));
        auto draft = testing::draftAround(kStart, "Winter sale");
        draft.brand = dto::Brand{first->brand.id, "Renamed"};
        const auto second = m_service->create(draft);
        QVERIFY(second.ok());
        QVERIFY(second->brand.id == first->brand.id);
        QCOMPARE(second->brand.name, std::string("Acme"));
    }

    void refusesAnUnknownBrandId()
    {
        auto draft = testing::draftAround(kStart);
        draft.brand.id = BrandId("no-such-brand");
        const auto created = m_service->create(draft);
        QCOMPARE(created.error().code, ErrorCode::Validation);
        QCOMPARE(fieldsOf(created.error()), std::vector<std::string>{"brand.id"});
        QVERIFY(testing::outbox(*m_service).empty());
    }

    void refusesADraftThatBreaksTheInvariants()
    {
        auto draft = testing::draftAround(kStart);
        draft.endsAt = draft.startsAt;
        const auto created = m_service->create(draft);
        QCOMPARE(created.error().code, ErrorCode::Validation);
        QCOMPARE(fieldsOf(created.error()), std::vector<std::string>{"endsAt"});
    }

    void unknownIdIsNotFound()
    {
        const CampaignId nope("nope");
        QCOMPARE(m_service->get(nope).error().code, ErrorCode::NotFound);
        QCOMPARE(m_service->activate(nope).error().code, ErrorCode::NotFound);
        QCOMPARE(m_service->update(nope, {}).error().code, ErrorCode::NotFound);
        QCOMPARE(m_service->enroll(nope, {AffiliateId("a")}).error().code, ErrorCode::NotFound);
        QCOMPARE(m_service->budget(nope).error().code, ErrorCode::NotFound);
    }

    void listsNewestFirstAcrossPagesWithoutDuplicates()
    {
        for (int i = 0; i < 7; ++i) {
            const auto created = m_service->create(testing::draftAround(kStart, "Campaign " + std::to_string(i)));
            QVERIFY(created.ok());
            if (i % 2 == 0)
                QVERIFY(m_service->activate(created->id).ok());
        }
        std::vector<std::string> seen;
        PageRequest page{.limit = 3};
        for (;;) {
            const auto result = m_service->list({}, page);
            QVERIFY(result.ok());
            QVERIFY(result->items.size() <= 3);
            for (const auto& c : result->items)
                seen.push_back(c.name);
            if (!result->nextCursor)
                break;
            page.after = decodeCursor(*result->nextCursor).value();
        }
        const std::vector<std::string> expected{"Campaign 6", "Campaign 5", "Campaign 4", "Campaign 3",
                                                "Campaign 2", "Campaign 1", "Campaign 0"};
        QCOMPARE(seen, expected);
    }

    void filtersByStateAndByNameInAnyCase()
    {
        const auto summer = m_service->create(testing::draftAround(kStart, "Summer Sale"));
        QVERIFY(m_service->create(testing::draftAround(kStart, "Winter sale")).ok());
        QVERIFY(m_service->create(testing::draftAround(kStart, "Spring")).ok());
        QVERIFY(m_service->activate(summer->id).ok());
        const auto active = m_service->list({.state = CampaignState::Active}, {});
        QCOMPARE(active->items.size(), size_t(1));
        QCOMPARE(active->items[0].name, std::string("Summer Sale"));
        const auto sales = m_service->list({.query = std::string("SALE")}, {});
        QCOMPARE(sales->items.size(), size_t(2));
        const auto none = m_service->list({.state = CampaignState::Draft, .query = std::string("summer")}, {});
        QVERIFY(none->items.empty());
    }

    void walksTheLifecycleAndPublishesEachStep()
    {
        const auto id = m_service->create(testing::draftAround(kStart))->id;
        QVERIFY(m_service->activate(id).ok());
        QVERIFY(m_service->pause(id).ok());
        QVERIFY(m_service->resume(id).ok());
        QCOMPARE(m_service->cancel(id).error().code, ErrorCode::Conflict);
        m_clock.advance(Millis(5));
        const auto finished = m_service->finish(id);
        QVERIFY(finished.ok());
        QVERIFY(finished->state == CampaignState::Finished);
        QVERIFY(finished->updatedAt == kStart + Millis(5));
        QVERIFY(m_service->get(id)->state == CampaignState::Finished);

        std::vector<std::string> published;
        for (const auto& message : testing::outbox(*m_service))
            published.push_back(message.type);
        const std::vector<std::string> expected{"CampaignCreated", "CampaignActivated", "CampaignPaused",
                                                "CampaignResumed", "CampaignFinished"};
        QCOMPARE(published, expected);
        const auto last = testing::outbox(*m_service, types::kCampaignFinished).at(0);
        QCOMPARE(last.key, id.str());
        QVERIFY(last.payload == (json::Json{{"campaignId", id.str()}, {"state", "finished"},
                                            {"at", "2026-06-01T12:00:00.005Z"}}));
    }

    void refusesActivationOnceTheEndHasPassed()
    {
        const auto id = m_service->create(testing::draftAround(kStart))->id;
        m_clock.advance(std::chrono::days(31));
        const auto activated = m_service->activate(id);
        QCOMPARE(activated.error().code, ErrorCode::Validation);
        QCOMPARE(fieldsOf(activated.error()), std::vector<std::string>{"endsAt"});
        QVERIFY(m_service->get(id)->state == CampaignState::Draft);
    }

    void finishesRunningCampaignsWhoseEndHasPassed()
    {
        auto early = testing::draftAround(kStart, "Ends soon");
        early.endsAt = kStart + std::chrono::hours(1);
        const auto active = m_service->create(early)->id;
        const auto paused = m_service->create(early)->id;
        const auto draft = m_service->create(early)->id;
        const auto later = m_service->create(testing::draftAround(kStart, "Ends later"))->id;
        for (const auto& id : {active, paused, later})
            QVERIFY(m_service->activate(id).ok());
        QVERIFY(m_service->pause(paused).ok());

        QCOMPARE(m_service->finishExpired().value(), size_t(0));
        m_clock.set(early.endsAt);
        QCOMPARE(m_service->finishExpired().value(), size_t(2));
        QVERIFY(m_service->get(active)->state == CampaignState::Finished);
        QVERIFY(m_service->get(paused)->state == CampaignState::Finished);
        QVERIFY(m_service->get(draft)->state == CampaignState::Draft);
        QVERIFY(m_service->get(later)->state == CampaignState::Active);
        std::set<std::string> finished;
        for (const auto& message : testing::outbox(*m_service, types::kCampaignFinished))
            finished.insert(message.payload.at("campaignId").get<std::string>());
        QVERIFY(finished == (std::set<std::string>{active.str(), paused.str()}));
        QCOMPARE(m_service->finishExpired().value(), size_t(0));
    }

    void updatesADraftAndPublishesTheWholeCampaign()
    {
        const auto created = m_service->create(testing::draftAround(kStart));
        m_clock.advance(Millis(10));
        const auto patch = dto::decodeCampaignPatch(json::Json::parse(
            R"({"name": "Summer 2", "brand": {"name": "Globex"}, "budget": {"amount": 900, "currency": "EUR"},
                "commission": {"type": "percent", "rate": 10}})"));
        const auto updated = m_service->update(created->id, patch.value());
        QVERIFY(updated.ok());
        QCOMPARE(updated->name, std::string("Summer 2"));
        QCOMPARE(updated->brand.name, std::string("Globex"));
        QVERIFY(updated->brand.id != created->brand.id);
        QVERIFY(updated->spent == Money::of(0, "EUR").value());
        QVERIFY(updated->updatedAt == kStart + Millis(10));
        QVERIFY(updated->createdAt == created->createdAt);
        QVERIFY(dto::toJson(*m_service->get(created->id)) == dto::toJson(*updated));
        const auto events = testing::outbox(*m_service, types::kCampaignUpdated);
        QCOMPARE(events.size(), size_t(1));
        QVERIFY(events[0].payload == dto::toJson(*updated));
    }

    void refusesToPatchWhatARunningCampaignReliesOn()
    {
        const auto id = m_service->create(testing::draftAround(kStart))->id;
        QVERIFY(m_service->activate(id).ok());
        dto::CampaignPatch patch;
        patch.name = "Renamed";
        patch.startsAt = kStart;
        const auto refused = m_service->update(id, patch);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QCOMPARE(fieldsOf(refused.error()), std::vector<std::string>{"startsAt"});
        QCOMPARE(m_service->get(id)->name, std::string("Summer sale"));
        QVERIFY(testing::outbox(*m_service, types::kCampaignUpdated).empty());
        patch.startsAt.reset();
        QCOMPARE(m_service->update(id, patch)->name, std::string("Renamed"));
        QVERIFY(m_service->finish(id).ok());
        QCOMPARE(m_service->update(id, patch).error().code, ErrorCode::Conflict);
    }

    void enrollsKnownPartnersOnceAndNamesTheUnknownOnes()
    {
        for (const char* id : {"a-1", "a-2", "a-3"})
            QVERIFY(testing::deliver(*m_service, testing::affiliateEvent(types::kAffiliateRegistered, AffiliateId(id),
                                                                         AffiliateState::Pending, kStart))
                        .ok());
        const auto id = m_service->create(testing::draftAround(kStart))->id;

        const auto unknown = m_service->enroll(id, {AffiliateId("a-1"), AffiliateId("x-1"), AffiliateId("a-2"),
                                                    AffiliateId("x-2")});
        QCOMPARE(unknown.error().code, ErrorCode::Validation);
        QCOMPARE(fieldsOf(unknown.error()), (std::vector<std::string>{"affiliateIds[1]", "affiliateIds[3]"}));
        QVERIFY(m_service->get(id)->affiliateIds.empty());

        const auto first = m_service->enroll(id, {AffiliateId("a-1"), AffiliateId("a-2"), AffiliateId("a-1")});
        QVERIFY(first.ok());
        QCOMPARE(idsOf(first->affiliateIds), (std::vector<std::string>{"a-1", "a-2"}));
        const auto second = m_service->enroll(id, {AffiliateId("a-2"), AffiliateId("a-3")});
        QCOMPARE(idsOf(second->affiliateIds), (std::vector<std::string>{"a-1", "a-2", "a-3"}));
        QVERIFY(m_service->enroll(id, {AffiliateId("a-3")}).ok());
        QCOMPARE(idsOf(m_service->get(id)->affiliateIds), (std::vector<std::string>{"a-1", "a-2", "a-3"}));

        const auto enrolled = testing::outbox(*m_service, types::kAffiliatesEnrolled);
        QCOMPARE(enrolled.size(), size_t(2));
        QVERIFY(enrolled[0].payload == (json::Json{{"campaignId", id.str()}, {"affiliateIds", {"a-1", "a-2"}}}));
        QVERIFY(enrolled[1].payload == (json::Json{{"campaignId", id.str()}, {"affiliateIds", {"a-3"}}}));
    }

    void refusesEmptyOrClosedEnrollment()
    {
        QVERIFY(testing::deliver(*m_service, testing::affiliateEvent(types::kAffiliateRegistered, AffiliateId("a-1"),
                                                                     AffiliateState::Pending, kStart))
                    .ok());
        const auto id = m_service->create(testing::draftAround(kStart))->id;
        QCOMPARE(m_service->enroll(id, {}).error().code, ErrorCode::Validation);
        QVERIFY(m_service->cancel(id).ok());
        QCOMPARE(m_service->enroll(id, {AffiliateId("a-1")}).error().code, ErrorCode::Conflict);
    }

    void learnsPartnersFromAnyOfTheirEvents()
    {
        // A partner first seen through a state change (its registration came before marketing existed).
        QVERIFY(testing::deliver(*m_service, testing::affiliateEvent(types::kAffiliateApproved, AffiliateId("a-9"),
                                                                     AffiliateState::Active, kStart))
                    .ok());
        const auto id = m_service->create(testing::draftAround(kStart))->id;
        QVERIFY(m_service->enroll(id, {AffiliateId("a-9")}).ok());
    }

    void deadLettersAPartnerEventItCannotRead()
    {
        auto broken = testing::affiliateEvent(types::kAffiliateSuspended, AffiliateId("a-1"),
                                              AffiliateState::Suspended, kStart);
        broken.payload.erase("status");
        QVERIFY(testing::deliver(*m_service, broken).ok());
        const auto letters = m_service->consumer().deadLetters();
        QVERIFY(letters.ok());
        QCOMPARE(letters->size(), size_t(1));
        QCOMPARE(letters->front().message.id, broken.id);
    }

private:
    testing::TestClock m_clock{kStart};
    testing::ServiceUnderTest<MarketingService> m_service;
};

QTEST_GUILESS_MAIN(TestMarketingService)
#include "tst_marketing_service.moc"
