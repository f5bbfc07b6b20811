#include "shared/core/paging.h"
#include "shared/core/uuid.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;

class TestPaging : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cursorRoundTripsAnyKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("uuid") << QString::fromStdString(newUuidV7());
        QTest::newRow("one byte") << QStringLiteral("a");
        QTest::newRow("two bytes") << QStringLiteral("ab");
        QTest::newRow("composite") << QStringLiteral("2026-11-22|0190-abc");
    }
    void cursorRoundTripsAnyKey()
    {
        QFETCH(QString, key);
        const std::string cursor = encodeCursor(key.toStdString());
        QCOMPARE(decodeCursor(cursor).value(), key.toStdString());
    }

    void refusesCursorsItDidNotIssue()
    {
        QVERIFY(!decodeCursor("").ok());
        QVERIFY(!decodeCursor("not a cursor!").ok());
        QVERIFY(!decodeCursor(std::string(600, 'A')).ok());
        QCOMPARE(decodeCursor("***").error().fields.front().field, std::string("cursor"));
    }

    void makePageTrimsAndPointsAtTheLastKeptItem()
    {
        auto page = makePage(std::vector<int>{1, 2, 3}, 2, [](int v) { return std::to_string(v); });
        QCOMPARE(page.items.size(), size_t(2));
        QVERIFY(page.nextCursor);
        QCOMPARE(decodeCursor(*page.nextCursor).value(), std::string("2"));
        auto last = makePage(std::vector<int>{1, 2}, 2, [](int v) { return std::to_string(v); });
        QVERIFY(!last.nextCursor);
    }

    void uuidsAreVersion7AndTimeOrdered()
    {
        const std::string a = newUuidV7();
        QTest::qWait(2);
        const std::string b = newUuidV7();
        QVERIFY(isUuid(a));
        QCOMPARE(a[14], '7');
        QVERIFY(a < b);
        QVERIFY(!isUuid("0190-not-a-uuid"));
        // Many in one millisecond still come out in order (the 12-bit counter).
        std::string previous = newUuidV7();
        for (int i = 0; i < 20000; ++i) {
            std::string next = newUuidV7();
            QVERIFY(previous < next);
            previous = std::move(next);
        }
    }
};

QTEST_APPLESS_MAIN(TestPaging)
#include "tst_paging.moc"
