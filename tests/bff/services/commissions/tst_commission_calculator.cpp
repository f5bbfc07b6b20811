#include "bff/services/commissions/commission_calculator.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <numeric>

using namespace alpes;
using namespace alpes::services::commissions;
using domain::CommissionTerms;
using domain::CommissionType;

Q_DECLARE_METATYPE(CommissionTerms)

namespace {

Money usd(std::int64_t minorUnits)
{
    return Money::of(minorUnits, "USD").value();
}

std::optional<Money> optionalUsd(std::int64_t minorUnits)
{
    return minorUnits < 0 ? std::nullopt : std::optional<Money>(usd(minorUnits));
}

// A negative clamp means "none".
CommissionTerms percent(std::int64_t ratePpm, std::int64_t minimum = -1, std::int64_t maximum = -1)
{
    return CommissionTerms{.type = CommissionType::Percent, .ratePpm = ratePpm, .minimum = optionalUsd(minimum),
                           .maximum = optionalUsd(maximum)};
}

CommissionTerms fixed(std::int64_t amount, std::int64_t minimum = -1, std::int64_t maximum = -1)
{
    return CommissionTerms{.type = CommissionType::Fixed, .fixedAmount = usd(amount), .minimum = optionalUsd(minimum),
                           .maximum = optionalUsd(maximum)};
}

std::vector<AttributedShare> sharesOf(const QList<qint64>& amounts)
{
    std::vector<AttributedShare> shares;
    for (qsizetype i = 0; i < amounts.size(); ++i)
        shares.push_back({AffiliateId("p" + std::to_string(i)), usd(amounts[i])});
    return shares;
}

QList<qint64> amountsOf(const std::vector<CalculatedCommission>& commissions)
{
    QList<qint64> amounts;
    for (const auto& commission : commissions)
        amounts.push_back(commission.amount.amount());
    return amounts;
}

std::vector<std::string> fieldsOf(const Error& error)
{
    std::vector<std::string> fields;
    for (const auto& field : error.fields)
        fields.push_back(field.field);
    return fields;
}

}  // namespace

class TestCommissionCalculator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Worked examples: terms, the shares' amounts in cents, and the commission each share earns.
    void appliesTheTermsToEachShare_data()
    {
        QTest::addColumn<CommissionTerms>("terms");
        QTest::addColumn<QList<qint64>>("shares");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("10 % of 129.90") << percent(100000) << QList<qint64>{12990} << QList<qint64>{1299};
        QTest::newRow("percent: half a cent rounds up") << percent(100000) << QList<qint64>{12345} << QList<qint64>{1235};
        QTest::newRow("percent: under half a cent rounds down") << percent(100000) << QList<qint64>{12344} << QList<qint64>{1234};
        QTest::newRow("12.5 % of each of three shares") << percent(125000) << QList<qint64>{1000, 333, 7}
                                                       << QList<qint64>{125, 42, 1};
        QTest::newRow("percent raised to the minimum") << percent(50000, 100) << QList<qint64>{1000} << QList<qint64>{100};
        QTest::newRow("percent capped at the maximum") << percent(100000, -1, 2500) << QList<qint64>{100000}
                                                      << QList<qint64>{2500};
        QTest::newRow("percent inside the clamps is left alone") << percent(100000, 100, 2500) << QList<qint64>{5000}
                                                                << QList<qint64>{500};
        QTest::newRow("clamps apply per share, at both ends") << percent(100000, 100, 2500)
                                                             << QList<qint64>{500, 5000, 90000}
                                                             << QList<qint64>{100, 500, 2500};
        QTest::newRow("fixed on a single share") << fixed(500) << QList<qint64>{12990} << QList<qint64>{500};
        QTest::newRow("fixed split in proportion") << fixed(1000) << QList<qint64>{3000, 1000} << QList<qint64>{750, 250};
        QTest::newRow("fixed split in thirds: the first tie takes the cent") << fixed(1000) << QList<qint64>{100, 100, 100}
                                                                            << QList<qint64>{334, 333, 333};
        QTest::newRow("fixed split: the largest remainder takes the cent") << fixed(10) << QList<qint64>{3, 3, 1}
                                                                          << QList<qint64>{4, 4, 2};
        QTest::newRow("fixed split then capped") << fixed(1000, -1, 400) << QList<qint64>{50, 50} << QList<qint64>{400, 400};
        QTest::newRow("fixed split then raised") << fixed(100, 10) << QList<qint64>{99, 1} << QList<qint64>{99, 10};
        QTest::newRow("percent: a zero share earns zero, not the minimum") << percent(100000, 50) << QList<qint64>{1000, 0}
                                                                          << QList<qint64>{100, 0};
        QTest::newRow("fixed: a zero share gets no part") << fixed(1000, 100) << QList<qint64>{500, 0, 500}
                                                         << QList<qint64>{500, 0, 500};
        QTest::newRow("fixed: nothing to split when every share is zero") << fixed(1000) << QList<qint64>{0, 0}
                                                                         << QList<qint64>{0, 0};
    }
    void appliesTheTermsToEachShare()
    {
        QFETCH(CommissionTerms, terms);
        QFETCH(QList<qint64>, shares);
        QFETCH(QList<qint64>, expected);
        const auto input = sharesOf(shares);
        const auto commissions = calculateCommissions(terms, input);
        QVERIFY(commissions.ok());
        QCOMPARE(amountsOf(*commissions), expected);
        for (size_t i = 0; i < input.size(); ++i) {
            QCOMPARE(commissions->at(i).affiliateId.str(), input[i].affiliateId.str());
            QCOMPARE(commissions->at(i).amount.currency(), std::string("USD"));
        }
    }

    void aFixedSplitNeverLosesOrInventsAMinorUnit()
    {
        // A deterministic pseudo-random walk over share counts and sizes (seeded LCG).
        std::uint64_t state = 42;
        const auto next = [&state](std::uint64_t bound) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            return static_cast<std::int64_t>((state >> 33) % bound);
        };
        for (int round = 0; round < 500; ++round) {
            const std::int64_t amount = 1 + next(100000);
            QList<qint64> shares;
            const auto count = 1 + next(7);
            for (std::int64_t i = 0; i < count; ++i)
                shares.push_back(1 + next(50000));
            const auto commissions = calculateCommissions(fixed(amount), sharesOf(shares));
            QVERIFY(commissions.ok());
            const auto parts = amountsOf(*commissions);
            QCOMPARE(std::accumulate(parts.begin(), parts.end(), qint64{0}), amount);
        }
    }

    void aFixedSplitOfHugeAmountsStaysExact()
    {
        const std::int64_t huge = 4'000'000'000'000'000'000;
        const auto commissions = calculateCommissions(fixed(huge), sharesOf({huge, huge, huge}));
        QVERIFY(commissions.ok());
        QCOMPARE(amountsOf(*commissions),
                 (QList<qint64>{1'333'333'333'333'333'334, 1'333'333'333'333'333'333, 1'333'333'333'333'333'333}));
    }

    void noSharesEarnNothing()
    {
        const auto commissions = calculateCommissions(percent(100000), {});
        QVERIFY(commissions.ok());
        QVERIFY(commissions->empty());
    }

    void refusesSharesInMixedCurrencies()
    {
        auto shares = sharesOf({1000, 1000});
        shares[1].amount = Money::of(1000, "EUR").value();
        const auto refused = calculateCommissions(percent(100000), shares);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Validation);
        QCOMPARE(fieldsOf(refused.error()), std::vector<std::string>{"shares[1].amount.currency"});
    }

    void refusesTermsInAnotherCurrencyThanTheShares()
    {
        auto terms = fixed(500, 100);
        terms.minimum = Money::of(100, "EUR").value();
        const auto refused = calculateCommissions(terms, sharesOf({1000}));
        QVERIFY(!refused.ok());
        QCOMPARE(fieldsOf(refused.error()), std::vector<std::string>{"commission.minimum.currency"});
    }

    void refusesANegativeShare()
    {
        const auto refused = calculateCommissions(percent(100000), sharesOf({1000, -5}));
        QVERIFY(!refused.ok());
        QCOMPARE(fieldsOf(refused.error()), std::vector<std::string>{"shares[1].amount.amount"});
    }
};

QTEST_APPLESS_MAIN(TestCommissionCalculator)
#include "tst_commission_calculator.moc"
