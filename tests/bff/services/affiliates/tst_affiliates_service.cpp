#include "bff/events/consumer.h"
#include "bff/events/embedded_bus.h"
#include "bff/events/event_tables.h"
#include "bff/messages/message_types.h"
#include "bff/services/affiliates/affiliates_service.h"
#include "tests/support/service_under_test.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::services;
using namespace alpes::services::affiliates;

namespace {

dto::AffiliateRegistration registration(std::string email)
{
    dto::AffiliateRegistration r;
    r.name = "Ana Ruiz";
    r.email = std::move(email);
    r.kind = domain::AffiliateKind::Influencer;
    r.platform = domain::Platform::Instagram;
    r.followers = 1000;
    return r;
}

}  // namespace

class TestAffiliatesService : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_service.open("affiliates", m_clock));
    }
    void cleanup()
    {
        m_service.close();
    }

    void registersAPendingPartnerAndFindsIt()
    {
        const auto created = m_service->registerAffiliate(registration("ana@example.com"));
        QVERIFY(created.ok());
        QVERIFY(created->state == domain::AffiliateState::Pending);
        const auto found = m_service->get(created->id);
        QVERIFY(found.ok());
        QCOMPARE(found->email, std::string("ana@example.com"));
    }

    void refusesASecondPartnerWithTheSameEmail()
    {
        QVERIFY(m_service->registerAffiliate(registration("ana@example.com")).ok());
        const auto duplicate = m_service->registerAffiliate(registration("ana@example.com"));
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().code, ErrorCode::Conflict);
        QCOMPARE(duplicate.error().fields.front().field, std::string("email"));
    }

    void walksTheLifecycleAndRefusesWrongSteps()
    {
        const auto id = m_service->registerAffiliate(registration("ana@example.com"))->id;
        QCOMPARE(m_service->suspend(id, "too early").error().code, ErrorCode::Conflict);
        QVERIFY(m_service->approve(id).ok());
        QCOMPARE(m_service->suspend(id, "").error().code, ErrorCode::Validation);
        const auto suspended = m_service->suspend(id, "fake followers");
        QVERIFY(suspended.ok());
        QCOMPARE(suspended->suspensionReason, std::optional<std::string>("fake followers"));
        const auto reinstated = m_service->reinstate(id);
        QVERIFY(reinstated.ok());
        QVERIFY(reinstated->state == domain::AffiliateState::Active);
        QVERIFY(!reinstated->suspensionReason);
    }

    void unknownIdIsNotFound()
    {
        QCOMPARE(m_service->get(AffiliateId("nope")).error().code, ErrorCode::NotFound);
        QCOMPARE(m_service->approve(AffiliateId("nope")).error().code, ErrorCode::NotFound);
    }

    void listsNewestFirstAcrossPagesWithFilters()
    {
        for (int i = 0; i < 7; ++i) {
            auto r = registration("p" + std::to_string(i) + "@example.com");
            r.name = "Partner " + std::to_string(i);
            const auto created = m_service->registerAffiliate(r);
            QVERIFY(created.ok());
            if (i % 2 == 0)
                QVERIFY(m_service->approve(created->id).ok());
        }
        std::vector<std::string> seen;
        PageRequest page{.limit = 3};
        for (;;) {
            const auto result = m_service->list({}, page);
            QVERIFY(result.ok());
            for (const auto& a : result->items)
                seen.push_back(a.name);
            if (!result->nextCursor)
                break;
            page.after = decodeCursor(*result->nextCursor).value();
        }
        const std::vector<std::string> expected{"Partner 6", "Partner 5", "Partner 4", "Partner 3",
                                                "Partner 2", "Partner 1", "Partner 0"};
        QCOMPARE(seen, expected);
        const auto active = m_service->list({.state = domain::AffiliateState::Active}, {.limit = 50});
        QCOMPARE(active->items.size(), size_t(4));
        const auto searched = m_service->list({.query = std::string("partner 3")}, {.limit = 50});
        QCOMPARE(searched->items.size(), size_t(1));
    }

    void publishesEveryChangeThroughTheOutbox()
    {
        std::vector<std::string> received;
        messages::Upcaster upcaster;
        auto sinkDb = storage::Database::open((m_service.dir() / "sink.db").string());
        QVERIFY(sinkDb.ok());
        QVERIFY(storage::migrate(sinkDb.value(), std::array{storage::Migration{1, "events", events::kEventTablesSql}}).ok());
        storage::GroupCommitWriter sinkWriter(std::move(sinkDb).value(), {});
        events::Consumer sink({.name = "sink",
                               .types = {"AffiliateRegistered", "AffiliateApproved", "AffiliateSuspended"}},
                              sinkWriter, upcaster, [&](storage::Database&, const messages::Envelope& e) -> Status {
                                  received.push_back(e.type);
                                  return {};
                              });
        m_service.bus().subscribe(sink);
        m_service->database().start();
        const auto id = m_service->registerAffiliate(registration("ana@example.com"))->id;
        QVERIFY(m_service->approve(id).ok());
        QVERIFY(m_service->suspend(id, "spam").ok());
        QTRY_COMPARE(received.size(), size_t(3));
        const std::vector<std::string> expected{"AffiliateRegistered", "AffiliateApproved", "AffiliateSuspended"};
        QCOMPARE(received, expected);
        m_service->database().stopPublishing(std::chrono::milliseconds{500});
    }

private:
    SystemClock m_clock;
    testing::ServiceUnderTest<AffiliatesService> m_service;
};

QTEST_GUILESS_MAIN(TestAffiliatesService)
#include "tst_affiliates_service.moc"
