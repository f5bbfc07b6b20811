#include "bff/services/affiliates/affiliate_rules.h"
#include "tests/support/transition_table.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::services::affiliates;
using domain::AffiliateState;

Q_DECLARE_METATYPE(AffiliateState)
Q_DECLARE_METATYPE(AffiliateAction)

class TestAffiliateRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Every (state, action) pair: the three allowed transitions and the six refused ones.
    void transitions_data()
    {
        testing::addTransitionColumns<AffiliateState, AffiliateAction>();
        QTest::newRow("approve pending") << AffiliateState::Pending << AffiliateAction::Approve << true << AffiliateState::Active;
        QTest::newRow("suspend active") << AffiliateState::Active << AffiliateAction::Suspend << true << AffiliateState::Suspended;
        QTest::newRow("reinstate suspended") << AffiliateState::Suspended << AffiliateAction::Reinstate << true << AffiliateState::Active;
        QTest::newRow("approve active") << AffiliateState::Active << AffiliateAction::Approve << false << AffiliateState::Active;
        QTest::newRow("approve suspended") << AffiliateState::Suspended << AffiliateAction::Approve << false << AffiliateState::Suspended;
        QTest::newRow("suspend pending") << AffiliateState::Pending << AffiliateAction::Suspend << false << AffiliateState::Pending;
        QTest::newRow("suspend suspended") << AffiliateState::Suspended << AffiliateAction::Suspend << false << AffiliateState::Suspended;
        QTest::newRow("reinstate pending") << AffiliateState::Pending << AffiliateAction::Reinstate << false << AffiliateState::Pending;
        QTest::newRow("reinstate active") << AffiliateState::Active << AffiliateAction::Reinstate << false << AffiliateState::Active;
    }
    void transitions()
    {
        testing::checkTransitionRow<AffiliateState, AffiliateAction>(transition, domain::kAffiliateStates);
    }
};

QTEST_APPLESS_MAIN(TestAffiliateRules)
#include "tst_affiliate_rules.moc"
