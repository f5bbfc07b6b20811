#include "bff/events/consumer.h"
#include "tests/support/event_fixture.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::events;
using messages::Envelope;

namespace {

Envelope message(std::string type, int value)
{
    return messages::makeEnvelope(std::move(type), 1, "test", "k", json::Json{{"value", value}}, fromEpochMillis(0));
}

}  // namespace

class TestConsumer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        m_db = std::make_unique<testing::EventDatabase>(testing::EventDatabase::open(
            m_dir->path() / "c.db", "CREATE TABLE effects (message_id TEXT NOT NULL, value INTEGER NOT NULL)"));
        m_failUntilAttempt = 0;
        m_attempts = 0;
        m_consumer = std::make_unique<Consumer>(
            Consumer::Options{.name = "sink", .types = {"Counted"}, .maxAttempts = 3,
                              .firstBackoff = std::chrono::milliseconds{1}},
            *m_db->writer, m_upcaster, [this](storage::Database& db, const Envelope& e) -> Status {
                if (e.payload.value("poison", false) || ++m_attempts < m_failUntilAttempt)
                    return Error::internal("handler failed", "injected");
                db.prepare("INSERT INTO effects(message_id, value) VALUES (?, ?)")
                    .bindAll(e.id, e.payload.at("value").get<std::int64_t>())
                    .run();
                return {};
            });
    }
    void cleanup()
    {
        m_consumer.reset();
        m_db.reset();
        m_dir.reset();
    }

    void appliesEachMessageOnceEvenWhenDeliveredAgain()
    {
        const std::vector<Envelope> batch{message("Counted", 1), message("Counted", 2), message("Ignored", 3)};
        QVERIFY(m_consumer->deliver(batch).ok());
        QVERIFY(m_consumer->deliver(batch).ok());
        QVERIFY(m_consumer->deliver(std::vector<Envelope>{batch[1]}).ok());
        QCOMPARE(m_db->count("SELECT COUNT(*) FROM effects"), 2);
        QCOMPARE(m_db->count("SELECT SUM(value) FROM effects"), 3);
    }

    void skipsWhatItsPredicateRefusesWithoutAnInboxRowAndStillDedupesTheRest()
    {
        const auto odd = [](const Envelope& e) { return e.payload.at("value").get<int>() % 2 == 1; };
        Consumer oddOnly(Consumer::Options{.name = "odd", .types = {"Counted"}, .relevant = odd},
                         *m_db->writer, m_upcaster, [](storage::Database& db, const Envelope& e) -> Status {
                             db.prepare("INSERT INTO effects(message_id, value) VALUES (?, ?)")
                                 .bindAll(e.id, e.payload.at("value").get<std::int64_t>())
                                 .run();
                             return {};
                         });
        const std::vector<Envelope> batch{message("Counted", 1), message("Counted", 2), message("Counted", 3)};
        QVERIFY(oddOnly.deliver(batch).ok());
        QVERIFY(oddOnly.deliver(batch).ok());
        QCOMPARE(m_db->count("SELECT COUNT(*) FROM effects"), 2);
        QCOMPARE(m_db->count("SELECT SUM(value) FROM effects"), 4);
        QCOMPARE(m_db->count("SELECT COUNT(*) FROM inbox WHERE consumer = 'odd'"), 2);
    }

    void retriesATransientFailureWithoutDeadLettering()
    {
        m_failUntilAttempt = 3;  // fails twice, then works: within maxAttempts
        QVERIFY(m_consumer->deliver(std::vector<Envelope>{message("Counted", 5)}).ok());
        QCOMPARE(m_db->count("SELECT COUNT(*) FROM effects"), 1);
        QCOMPARE(m_db->count("SELECT COUNT(*) FROM dead_letters"), 0);
    }

    void deadLettersAPoisonMessageAndGoesOnWithTheOthers()
    {
        Envelope poison = message("Counted", 100);
        poison.payload["poison"] = true;
        const std::vector<Envelope> batch{message("Counted", 1), poison, message("Counted", 2)};
        QVERIFY(m_consumer->deliver(batch).ok());
        QCOMPARE(m_db->count("SELECT COUNT(*) FROM effects"), 2);
        const auto letters = m_consumer->deadLetters();
        QVERIFY(letters.ok());
        QCOMPARE(letters->size(), size_t(1));
        QCOMPARE(letters->front().message.id, poison.id);
        QCOMPARE(letters->front().attempts, 3);
        QVERIFY(letters->front().error.find("injected") != std::string::npos);
    }

    void replayAppliesADeadLetterOnceTheCauseIsGone()
    {
        Envelope poison = message("Counted", 7);
        poison.payload["poison"] = true;
        QVERIFY(m_consumer->deliver(std::vector<Envelope>{poison}).ok());
        QVERIFY(!m_consumer->replay(poison.id).ok());  // still poisonous: stays a dead letter
        QCOMPARE(m_consumer->deadLetters()->size(), size_t(1));

        // The cause is fixed (here: the stored message no longer carries the poison flag).
        QVERIFY(m_db->writer
                    ->run([&](storage::Database& db) -> Status {
                        Envelope cured = poison;
                        cured.payload.erase("poison");
                        db.prepare("UPDATE dead_letters SET body = ? WHERE message_id = ?")
                            .bindAll(messages::serialize(cured), poison.id)
                            .run();
                        return {};
                    })
                    .ok());
        QVERIFY(m_consumer->replay(poison.id).ok());
        QCOMPARE(m_consumer->deadLetters()->size(), size_t(0));
        QCOMPARE(m_db->count("SELECT COUNT(*) FROM effects"), 1);
        // Handled now: a late redelivery of the original is a duplicate.
        QVERIFY(m_consumer->deliver(std::vector<Envelope>{poison}).ok());
        QCOMPARE(m_db->count("SELECT COUNT(*) FROM effects"), 1);
        QCOMPARE(m_consumer->replay("unknown").error().code, ErrorCode::NotFound);
    }

    void upcastsOldMessagesBeforeApplying()
    {
        m_upcaster.setCurrentVersion("Counted", 2);
        m_upcaster.addStep("Counted", 1, [](json::Json p) {
            p["value"] = p.at("value").get<int>() * 10;
            return p;
        });
        QVERIFY(m_consumer->deliver(std::vector<Envelope>{message("Counted", 4)}).ok());
        QCOMPARE(m_db->count("SELECT SUM(value) FROM effects"), 40);
    }

private:
    std::unique_ptr<testing::TempDataDir> m_dir;
    std::unique_ptr<testing::EventDatabase> m_db;
    messages::Upcaster m_upcaster;
    std::unique_ptr<Consumer> m_consumer;
    int m_failUntilAttempt = 0;
    int m_attempts = 0;
};

QTEST_GUILESS_MAIN(TestConsumer)
#include "tst_consumer.moc"
