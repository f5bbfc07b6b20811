#include "desktop/net/sse_parser.h"

#include <QtTest>

using namespace alpes::console;

namespace {

const QByteArray kStream = QByteArrayLiteral(
    "\xEF\xBB\xBF: keep-alive\r\n"
    "retry: 2500\r\n"
    "id: 41\r\n"
    "event: interactions\r\n"
    "data: {\"at\":\"2026-11-22T18:00:00.000Z\",\r\n"
    "data: \"counts\":[]}\r\n"
    "\r\n"
    "id: 42\n"
    "event: saga\n"
    "data:{\"sagaId\":\"s-1\",\"state\":\"done\"}\n"
    "\n"
    "event: kpis\r"
    "data: {}\r"
    "\r"
    "data: ignored, no blank line yet");

std::vector<SseEvent> parseInChunks(const QByteArray& stream, const QList<qsizetype>& cuts)
{
    SseParser parser;
    std::vector<SseEvent> events;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        for (SseEvent& event : parser.feed(stream.mid(from, cut - from)))
            events.push_back(std::move(event));
        from = cut;
    }
    for (SseEvent& event : parser.feed(stream.mid(from)))
        events.push_back(std::move(event));
    return events;
}

void checkEvents(const std::vector<SseEvent>& events)
{
    QCOMPARE(events.size(), size_t{3});
    QCOMPARE(events[0].event, QStringLiteral("interactions"));
    QCOMPARE(events[0].id, QStringLiteral("41"));
    QCOMPARE(events[0].data, QByteArrayLiteral("{\"at\":\"2026-11-22T18:00:00.000Z\",\n\"counts\":[]}"));
    QCOMPARE(events[1].event, QStringLiteral("saga"));
    QCOMPARE(events[1].id, QStringLiteral("42"));
    QCOMPARE(events[1].data, QByteArrayLiteral("{\"sagaId\":\"s-1\",\"state\":\"done\"}"));
    QCOMPARE(events[2].event, QStringLiteral("kpis"));
    QCOMPARE(events[2].id, QStringLiteral("42"));  // the last id carries over
    QCOMPARE(events[2].data, QByteArrayLiteral("{}"));
}

}  // namespace

class TestSseParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesAWholeStreamWithEveryLineEnding()
    {
        SseParser parser;
        checkEvents(parser.feed(kStream));
        QCOMPARE(parser.lastEventId(), QStringLiteral("42"));
        QCOMPARE(parser.retryMillis().value_or(-1), 2500);
    }

    void givesTheSameEventsWhenSplitAtAnyPosition()
    {
        for (qsizetype cut = 0; cut <= kStream.size(); ++cut) {
            checkEvents(parseInChunks(kStream, {cut}));
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("split at %1").arg(cut)));
        }
    }

    void givesTheSameEventsWhenSplitAtAnyTwoPositions()
    {
        for (qsizetype first = 0; first <= kStream.size(); first += 3)
            for (qsizetype second = first; second <= kStream.size(); ++second) {
                checkEvents(parseInChunks(kStream, {first, second}));
                if (QTest::currentTestFailed())
                    QFAIL(qPrintable(QStringLiteral("split at %1 and %2").arg(first).arg(second)));
            }
    }

    void givesTheSameEventsFedOneByteAtATime()
    {
        QList<qsizetype> cuts;
        for (qsizetype i = 1; i < kStream.size(); ++i)
            cuts << i;
        checkEvents(parseInChunks(kStream, cuts));
    }

    void dropsAHalfReceivedEventWhenTheStreamResetsButKeepsTheId()
    {
        SseParser parser;
        QCOMPARE(parser.feed("id: 7\nevent: saga\ndata: {}\n\nid: 8\ndata: {\"half\"").size(), size_t{1});
        parser.resetStream();
        const auto events = parser.feed("data: {}\n\n");
        QCOMPARE(events.size(), size_t{1});
        QCOMPARE(events[0].event, QStringLiteral("message"));
        QCOMPARE(events[0].data, QByteArrayLiteral("{}"));
        QCOMPARE(parser.lastEventId(), QStringLiteral("8"));
    }

    void ignoresEventsWithoutData()
    {
        SseParser parser;
        QVERIFY(parser.feed("event: kpis\n\n: comment\n\n").empty());
    }
};

QTEST_APPLESS_MAIN(TestSseParser)
#include "tst_sse_parser.moc"
