#include "bff/events/embedded_bus.h"
#include "bff/events/outbox.h"
#include "bff/events/outbox_relay.h"
#include "tests/support/event_fixture.h"
#include "tests/support/temp_data_dir.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <atomic>
#include <map>

using namespace alpes;
using namespace alpes::events;
using messages::Envelope;

namespace {

// Wraps the embedded bus and, while armed, reports failure after delivering: exactly what a crash
// between "consumers applied" and "outbox rows deleted" looks like to the relay.
class FlakyBus final : public MessageBus {
public:
    void subscribe(Consumer& consumer) override { m_inner.subscribe(consumer); }
    Status publish(std::span<const Envelope> messages) override
    {
        Status delivered = m_inner.publish(messages);
        if (delivered && m_failuresLeft.fetch_sub(1) > 0)
            return Error::unavailable("injected: lost the acknowledgement");
        return delivered;
    }
    std::atomic<int> m_failuresLeft{0};

private:
    EmbeddedBus m_inner;
};

}  // namespace

class TestOutboxRelay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<testing::TempDataDir>();
        m_producer = std::make_unique<testing::EventDatabase>(testing::EventDatabase::open(m_dir->path() / "p.db"));
        m_sink = std::make_unique<testing::EventDatabase>(testing::EventDatabase::open(
            m_dir->path() / "s.db",
            "CREATE TABLE seen (seq INTEGER PRIMARY KEY AUTOINCREMENT, msg_key TEXT, value INTEGER)"));
        m_bus = std::make_unique<FlakyBus>();
        m_consumer = std::make_unique<Consumer>(
            Consumer::Options{.name = "sink", .types = {"Step"}}, *m_sink->writer, m_upcaster,
            [](storage::Database& db, const Envelope& e) -> Status {
                db.prepare("INSERT INTO seen(msg_key, value) VALUES (?, ?)")
                    .bindAll(e.key, e.payload.at("value").get<std::int64_t>())
                    .run();
                return {};
            });
        m_bus->subscribe(*m_consumer);
        m_relay = std::make_unique<OutboxRelay>(
            OutboxRelay::Options{.name = "test-relay", .batchSize = 64, .retryBackoff = std::chrono::milliseconds{5}},
            *m_producer->writer, *m_producer->readers, *m_bus);
        m_producer->writer->setCommitListener([relay = m_relay.get()] { relay->notify(); });
    }
    void cleanup()
    {
        // The producer's writer calls the relay after each commit: stop both before freeing either
        // (found by the asan preset: the relay's own last delete commit notified a freed relay).
        m_relay->stop(std::chrono::milliseconds{0});
        m_producer->writer->stop();
        m_relay.reset();
        m_consumer.reset();
        m_bus.reset();
        m_sink.reset();
        m_producer.reset();
        m_dir.reset();
    }

    void deliversEverythingInOrderPerKeyAndEmptiesTheOutbox()
    {
        m_relay->start();
        produce(1000, 7);
        QTRY_COMPARE_WITH_TIMEOUT(m_sink->count("SELECT COUNT(*) FROM seen"), 1000, 20000);
        QTRY_COMPARE(m_relay->depth().value(), 0);
        QCOMPARE(m_relay->published(), 1000u);
        checkOrderPerKey();
    }

    void aLostAcknowledgementMeansRedeliveryThatTheInboxDrops()
    {
        m_bus->m_failuresLeft = 3;
        m_relay->start();
        produce(300, 3);
        QTRY_COMPARE_WITH_TIMEOUT(m_relay->depth().value(), 0, 20000);
        QCOMPARE(m_sink->count("SELECT COUNT(*) FROM seen"), 300);
        QCOMPARE(m_sink->count("SELECT COUNT(DISTINCT value) FROM seen"), 300);
        checkOrderPerKey();
    }

    void stopDrainsWhatIsCommitted()
    {
        produce(500, 5);  // before the relay runs at all
        m_relay->start();
        m_relay->stop(std::chrono::milliseconds{10000});
        QCOMPARE(m_sink->count("SELECT COUNT(*) FROM seen"), 500);
    }

private:
    // Commits `count` messages spread over `keys` keys, each unit writing several at once.
    void produce(int count, int keys)
    {
        for (int start = 0; start < count; start += 10) {
            const Status written = m_producer->writer->run([&](storage::Database& db) -> Status {
                for (int i = start; i < std::min(start + 10, count); ++i)
                    appendToOutbox(db, messages::makeEnvelope("Step", 1, "producer", "key-" + std::to_string(i % keys),
                                                              json::Json{{"value", i}}, fromEpochMillis(i)));
                return {};
            });
            QVERIFY(written.ok());
        }
    }

    void checkOrderPerKey()
    {
        const auto ordered = m_sink->readers->read([](storage::Database& db) -> Result<bool> {
            std::map<std::string, std::int64_t> last;
            auto stmt = db.prepare("SELECT msg_key, value FROM seen ORDER BY seq");
            while (stmt.step()) {
                auto [it, fresh] = last.try_emplace(stmt.textAt(0), -1);
                if (stmt.int64At(1) <= it->second)
                    return false;
                it->second = stmt.int64At(1);
            }
            return true;
        });
        QVERIFY(ordered.value());
    }

    std::unique_ptr<testing::TempDataDir> m_dir;
    std::unique_ptr<testing::EventDatabase> m_producer;
    std::unique_ptr<testing::EventDatabase> m_sink;
    messages::Upcaster m_upcaster;
    std::unique_ptr<FlakyBus> m_bus;
    std::unique_ptr<Consumer> m_consumer;
    std::unique_ptr<OutboxRelay> m_relay;
};

QTEST_GUILESS_MAIN(TestOutboxRelay)
#include "tst_outbox_relay.moc"
