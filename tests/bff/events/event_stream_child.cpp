// A producer and a consumer with their own databases, joined by the real outbox relay and bus.
//   event_stream_child DIR produce   commits messages from 4 threads until killed, printing
//                                    "ack N" for every value whose commit it was told about;
//   event_stream_child DIR drain     delivers what is left in the outbox, then exits.
#include "bff/events/embedded_bus.h"
#include "bff/events/outbox.h"
#include "bff/events/outbox_relay.h"
#include "tests/support/event_fixture.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace alpes;

int main(int argc, char** argv)
{
    if (argc != 3)
        return 2;
    const std::filesystem::path dir = argv[1];
    const std::string mode = argv[2];

    auto producer = testing::EventDatabase::open(dir / "producer.db",
                                                 "CREATE TABLE produced (message_id TEXT PRIMARY KEY, value INTEGER)");
    auto sink = testing::EventDatabase::open(
        dir / "sink.db",
        "CREATE TABLE applied (message_id TEXT NOT NULL, value INTEGER NOT NULL);"  // no UNIQUE: a repeat would show
        "CREATE TABLE total (n INTEGER NOT NULL); INSERT INTO total VALUES (0);");
    messages::Upcaster upcaster;
    events::EmbeddedBus bus;
    events::Consumer consumer({.name = "sink", .types = {"Counted"}}, *sink.writer, upcaster,
                              [](storage::Database& db, const messages::Envelope& e) -> Status {
                                  db.prepare("INSERT INTO applied(message_id, value) VALUES (?, ?)")
                                      .bindAll(e.id, e.payload.at("value").get<std::int64_t>())
                                      .run();
                                  db.prepare("UPDATE total SET n = n + 1").run();
                                  return {};
                              });
    bus.subscribe(consumer);
    events::OutboxRelay relay({.name = "child-relay", .batchSize = 50}, *producer.writer, *producer.readers, bus);
    producer.writer->setCommitListener([&relay] { relay.notify(); });
    relay.start();

    if (mode == "drain") {
        relay.stop(std::chrono::milliseconds{60000});
        return relay.depth().value() == 0 ? 0 : 1;
    }

    // Values continue after what earlier runs committed, so they stay unique across restarts.
    std::atomic<std::int64_t> next{producer.count("SELECT COALESCE(MAX(value), 0) FROM produced") + 1};
    std::mutex printing;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (;;) {
                const std::int64_t value = next++;
                const Status committed = producer.writer->run([&](storage::Database& db) -> Status {
                    auto message = messages::makeEnvelope("Counted", 1, "child", "k" + std::to_string(value % 8),
                                                          json::Json{{"value", value}}, SystemClock().now());
                    db.prepare("INSERT INTO produced(message_id, value) VALUES (?, ?)").bindAll(message.id, value).run();
                    events::appendToOutbox(db, message);
                    return {};
                });
                if (committed) {
                    std::lock_guard lock(printing);
                    std::printf("ack %lld\n", static_cast<long long>(value));
                    std::fflush(stdout);
                }
            }
        });
    for (auto& thread : threads)
        thread.join();  // never: the parent kills us
    return 0;
}
