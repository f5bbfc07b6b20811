#include "bff/services/commissions/commission_rules.h"
#include "tests/support/transition_table.h"

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
        testing::addTransitionColumns<CommissionState, CommissionAction>();
        QTest::newRow("confirm reserved") << CommissionState::Reserved << CommissionAction::Confirm << true << CommissionState::Confirmed;
        QTest::newRow("revert reserved") << CommissionState::Reserved << CommissionAction::Revert << true << CommissionState::Reverted;
        QTest::newRow("revert confirmed") << CommissionState::Confirmed << CommissionAction::Revert << true << CommissionState::Reverted;
        QTest::newRow("confirm confirmed") << CommissionState::Confirmed << CommissionAction::Confirm << false << CommissionState::Confirmed;
        QTest::newRow("confirm reverted") << CommissionState::Reverted << CommissionAction::Confirm << false << CommissionState::Reverted;
        QTest::newRow("revert reverted") << CommissionState::Reverted << CommissionAction::Revert << false << CommissionState::Reverted;
    }
    void transitions()
    {
        testing::checkTransitionRow<CommissionState, CommissionAction>(transition, domain::kCommissionStates);
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
