#include "bff/services/commissions/commission_rules.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::services::commissions;
using domain::CommissionState;

Q_DECLARE_METATYPE(CommissionState)
Q_DECLARE_METATYPE(CommissionAction)

class TestCommissionRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Every (state, action) pair: the three allowed transitions and the three refused ones.
    void transitions_data()
    {
        QTest::addColumn<CommissionState>("from");
        QTest::addColumn<CommissionAction>("action");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<CommissionState>("to");
        QTest::newRow("confirm reserved") << CommissionState::Reserved << CommissionAction::Confirm << true << CommissionState::Confirmed;
        QTest::newRow("revert reserved") << CommissionState::Reserved << CommissionAction::Revert << true << CommissionState::Reverted;
        QTest::newRow("revert confirmed") << CommissionState::Confirmed << CommissionAction::Revert << true << CommissionState::Reverted;
        QTest::newRow("confirm confirmed") << CommissionState::Confirmed << CommissionAction::Confirm << false << CommissionState::Confirmed;
        QTest::newRow("confirm reverted") << CommissionState::Reverted << CommissionAction::Confirm << false << CommissionState::Reverted;
        QTest::newRow("revert reverted") << CommissionState::Reverted << CommissionAction::Revert << false << CommissionState::Reverted;
    }
    void transitions()
    {
        QFETCH(CommissionState, from);
        QFETCH(CommissionAction, action);
        QFETCH(bool, allowed);
        QFETCH(CommissionState, to);
        const auto next = transition(from, action);
        QCOMPARE(next.ok(), allowed);
        if (allowed)
            QVERIFY(next.value() == to);
        else
            QCOMPARE(next.error().code, ErrorCode::Conflict);
    }

    void aRefusalNamesTheStateTheCommissionIsIn()
    {
        const auto refused = transition(CommissionState::Reverted, CommissionAction::Confirm);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message, std::string("Cannot confirm a commission that is reverted"));
    }
};

QTEST_APPLESS_MAIN(TestCommissionRules)
#include "tst_commission_rules.moc"
