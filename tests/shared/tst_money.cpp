#include "shared/core/money.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using alpes::ErrorCode;
using alpes::Money;

class TestMoney : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesCurrencyThatIsNotThreeUppercaseLetters_data()
    {
        QTest::addColumn<QString>("currency");
        QTest::newRow("empty") << QString();
        QTest::newRow("lowercase") << QStringLiteral("usd");
        QTest::newRow("two letters") << QStringLiteral("US");
        QTest::newRow("four letters") << QStringLiteral("USDT");
        QTest::newRow("digits") << QStringLiteral("U5D");
    }
    void refusesCurrencyThatIsNotThreeUppercaseLetters()
    {
        QFETCH(QString, currency);
        const auto money = Money::of(100, currency.toStdString());
        QVERIFY(!money.ok());
        QCOMPARE(money.error().code, ErrorCode::Validation);
    }

    void addsAndSubtractsInOneCurrency()
    {
        const Money a = Money::of(12990, "USD").value();
        const Money b = Money::of(10, "USD").value();
        QCOMPARE(a.plus(b).value().amount(), 13000);
        QCOMPARE(a.minus(b).value().amount(), 12980);
        QCOMPARE(b.minus(a).value().amount(), -12980);
    }

    void refusesMixedCurrencies()
    {
        const Money usd = Money::of(100, "USD").value();
        const Money eur = Money::of(100, "EUR").value();
        QVERIFY(!usd.plus(eur).ok());
        QVERIFY(!usd.minus(eur).ok());
        QCOMPARE(usd.plus(eur).error().fields.front().field, std::string("currency"));
    }

    void refusesOverflowInsteadOfWrapping()
    {
        const Money big = Money::of(INT64_MAX, "USD").value();
        const Money small = Money::of(INT64_MIN, "USD").value();
        const Money one = Money::of(1, "USD").value();
        QVERIFY(!big.plus(one).ok());
        QVERIFY(!small.minus(one).ok());
        QVERIFY(!big.scaled(2, 1).ok());
        QVERIFY(big.scaled(1, 1).ok());
    }

    void scalesWithHalfAwayFromZeroRounding_data()
    {
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<qint64>("numerator");
        QTest::addColumn<qint64>("denominator");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("10 percent") << qint64(12990) << qint64(100000) << qint64(1000000) << qint64(1299);
        QTest::newRow("half rounds up") << qint64(5) << qint64(1) << qint64(2) << qint64(3);
        QTest::newRow("negative half rounds down") << qint64(-5) << qint64(1) << qint64(2) << qint64(-3);
        QTest::newRow("below half rounds down") << qint64(4) << qint64(1) << qint64(3) << qint64(1);
        QTest::newRow("zero") << qint64(0) << qint64(7) << qint64(3) << qint64(0);
        QTest::newRow("large without intermediate overflow")
            << qint64(INT64_MAX / 2) << qint64(2) << qint64(3) << qint64(3074457345618258602);
    }
    void scalesWithHalfAwayFromZeroRounding()
    {
        QFETCH(qint64, amount);
        QFETCH(qint64, numerator);
        QFETCH(qint64, denominator);
        QFETCH(qint64, expected);
        QCOMPARE(Money::of(amount, "EUR").value().scaled(numerator, denominator).value().amount(), expected);
    }

    void refusesNonPositiveDenominator()
    {
        QVERIFY(!Money::of(1, "EUR").value().scaled(1, 0).ok());
    }

    void formatsForPeople()
    {
        QCOMPARE(Money::of(12990, "USD").value().toString(), std::string("129.90 USD"));
        QCOMPARE(Money::of(-5, "USD").value().toString(), std::string("-0.05 USD"));
        QCOMPARE(Money::of(INT64_MIN, "USD").value().toString(), std::string("-92233720368547758.08 USD"));
    }
};

QTEST_APPLESS_MAIN(TestMoney)
#include "tst_money.moc"
