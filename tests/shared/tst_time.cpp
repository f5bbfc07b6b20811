#include "shared/core/time.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;

class TestTime : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formatsUtcWithMilliseconds()
    {
        QCOMPARE(formatRfc3339(fromEpochMillis(0)), std::string("1970-01-01T00:00:00.000Z"));
        QCOMPARE(formatRfc3339(fromEpochMillis(1795370400123)), std::string("2026-11-22T18:00:00.123Z"));
    }

    void parsesWhatItFormats()
    {
        const UtcTime time = fromEpochMillis(1795370400123);
        QCOMPARE(parseRfc3339(formatRfc3339(time)).value(), time);
    }

    void parsesOffsetsAndFractions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("millis");
        QTest::newRow("no fraction") << QStringLiteral("2026-11-22T18:00:00Z") << qint64(1795370400000);
        QTest::newRow("microseconds truncated") << QStringLiteral("2026-11-22T18:00:00.123999Z") << qint64(1795370400123);
        QTest::newRow("one digit") << QStringLiteral("2026-11-22T18:00:00.5Z") << qint64(1795370400500);
        QTest::newRow("positive offset") << QStringLiteral("2026-11-22T19:30:00.000+01:30") << qint64(1795370400000);
        QTest::newRow("negative offset") << QStringLiteral("2026-11-22T13:00:00-05:00") << qint64(1795370400000);
        QTest::newRow("leap day") << QStringLiteral("2024-02-29T00:00:00Z") << qint64(1709164800000);
    }
    void parsesOffsetsAndFractions()
    {
        QFETCH(QString, text);
        QFETCH(qint64, millis);
        const auto parsed = parseRfc3339(text.toStdString());
        QVERIFY2(parsed.ok(), qPrintable(text));
        QCOMPARE(toEpochMillis(parsed.value()), millis);
    }

    void refusesWhatIsNotAnInstant_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("date only") << QStringLiteral("2026-11-22");
        QTest::newRow("no zone") << QStringLiteral("2026-11-22T18:00:00");
        QTest::newRow("february 30") << QStringLiteral("2026-02-30T00:00:00Z");
        QTest::newRow("not a leap year") << QStringLiteral("2026-02-29T00:00:00Z");
        QTest::newRow("hour 24") << QStringLiteral("2026-11-22T24:00:00Z");
        QTest::newRow("month 13") << QStringLiteral("2026-13-01T00:00:00Z");
        QTest::newRow("trailing junk") << QStringLiteral("2026-11-22T18:00:00Zjunk");
        QTest::newRow("empty fraction") << QStringLiteral("2026-11-22T18:00:00.Z");
        QTest::newRow("bad offset") << QStringLiteral("2026-11-22T18:00:00+5");
        QTest::newRow("words") << QStringLiteral("yesterday at noon");
    }
    void refusesWhatIsNotAnInstant()
    {
        QFETCH(QString, text);
        QVERIFY(!parseRfc3339(text.toStdString()).ok());
    }
};

QTEST_APPLESS_MAIN(TestTime)
#include "tst_time.moc"
