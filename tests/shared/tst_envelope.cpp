#include "shared/messages/envelope.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::messages;

class TestEnvelope : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripsEveryField()
    {
        Envelope envelope = makeEnvelope("CommissionReserved", 1, "commissions", "conv-1",
                                         json::Json{{"amount", 5}}, fromEpochMillis(1795370400123));
        envelope.correlationId = "saga-1";
        envelope.causationId = "cmd-1";
        const auto decoded = deserialize(serialize(envelope));
        QVERIFY(decoded.ok());
        QVERIFY(decoded.value() == envelope);
    }

    void aPayloadEncodedBeforehandGivesTheSameText()
    {
        auto envelope = makeEnvelope("InteractionTracked", 1, "tracking", "k\"payload\":null",
                                     json::Json{{"amount", 12}, {"nested", {{"payload", nullptr}}}},
                                     fromEpochMillis(1'700'000'000'000));
        envelope.causationId = "c\"payload\":null,";
        QCOMPARE(serialize(envelope, envelope.payload.dump()), toJson(envelope).dump());
        QCOMPARE(deserialize(serialize(envelope, envelope.payload.dump())).value(), envelope);
    }

    void ignoresUnknownEnvelopeFields()
    {
        const auto decoded = deserialize(
            R"({"id":"m1","type":"X","version":1,"occurredAt":"2026-11-22T18:00:00.000Z","source":"s",)"
            R"("key":"k","payload":{},"addedLater":42})");
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value().correlationId, std::string());
    }

    void reportsEveryMissingEnvelopeField()
    {
        const auto decoded = deserialize(R"({"payload": []})");
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().fields.size(), size_t(6));  // id, type, version, occurredAt, source, payload
    }

    void upcastsOldVersionsStepByStep()
    {
        Upcaster upcaster;
        upcaster.setCurrentVersion("Thing", 3);
        upcaster.addStep("Thing", 1, [](json::Json p) { p["b"] = p["a"].get<int>() * 2; return p; });
        upcaster.addStep("Thing", 2, [](json::Json p) { p["c"] = p["b"].get<int>() + 1; return p; });
        Envelope v1 = makeEnvelope("Thing", 1, "s", "k", json::Json{{"a", 5}}, fromEpochMillis(0));
        QVERIFY(upcaster.upcast(v1).ok());
        QCOMPARE(v1.version, 3);
        QCOMPARE(v1.payload["c"].get<int>(), 11);
    }

    void refusesVersionsNewerThanTheReader()
    {
        Upcaster upcaster;
        upcaster.setCurrentVersion("Thing", 1);
        Envelope v2 = makeEnvelope("Thing", 2, "s", "k", json::Json::object(), fromEpochMillis(0));
        QVERIFY(!upcaster.upcast(v2).ok());
    }

    void passesCurrentAndUnknownTypesUnchanged()
    {
        Upcaster upcaster;
        Envelope unknown = makeEnvelope("Unknown", 1, "s", "k", json::Json{{"x", 1}}, fromEpochMillis(0));
        const Envelope before = unknown;
        QVERIFY(upcaster.upcast(unknown).ok());
        QVERIFY(unknown == before);
    }

    void givesEveryMessageAFreshId()
    {
        const auto a = makeEnvelope("T", 1, "s", "k", {}, fromEpochMillis(0));
        const auto b = makeEnvelope("T", 1, "s", "k", {}, fromEpochMillis(0));
        QVERIFY(a.id != b.id);
    }
};

QTEST_APPLESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
