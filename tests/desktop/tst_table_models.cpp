#include "desktop/models/affiliate_table_model.h"
#include "desktop/models/campaign_table_model.h"
#include "desktop/models/commission_table_model.h"
#include "desktop/models/csv_exporter.h"
#include "desktop/models/interaction_feed_model.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace alpes;
using namespace alpes::console;

namespace {

Money usd(std::int64_t minor) { return Money::of(minor, "USD").value(); }

dto::Campaign campaign(const std::string& id, const std::string& name, std::int64_t budget)
{
    dto::Campaign c;
    c.id = CampaignId(id);
    c.name = name;
    c.brand.name = "Brand";
    c.budget = usd(budget);
    c.spent = usd(0);
    c.startsAt = fromEpochMillis(1'700'000'000'000);
    c.endsAt = fromEpochMillis(1'800'000'000'000);
    return c;
}

dto::Interaction interaction(int n)
{
    dto::Interaction i;
    i.id = InteractionId("i-" + std::to_string(n));
    i.campaignId = CampaignId("c-1");
    i.affiliateId = AffiliateId("a-1");
    i.userId = "u-" + std::to_string(n);
    i.receivedAt = fromEpochMillis(1'700'000'000'000 + n);
    return i;
}

}  // namespace

class TestTableModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void campaignModelPassesTheTesterThroughResetAppendAndUpsert()
    {
        CampaignTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecords({campaign("c-1", "Summer", 100000), campaign("c-2", "Winter", 5000)});
        QCOMPARE(model.rowCount(), 2);
        model.appendRecords({campaign("c-3", "Spring", 700), campaign("c-1", "Summer sale", 100000)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, CampaignTableModel::Name).data().toString(), QStringLiteral("Summer sale"));
        auto changed = campaign("c-2", "Winter", 5000);
        changed.state = domain::CampaignState::Active;
        model.upsert(changed);
        QCOMPARE(model.index(1, CampaignTableModel::State).data().toString(), QStringLiteral("Active"));
        QCOMPARE(model.index(1, 0).data(kIdRole).toString(), QStringLiteral("c-2"));
        model.setRecords({});
        QCOMPARE(model.rowCount(), 0);
    }

    void campaignsSortByAmountNotByText()
    {
        CampaignTableModel model;
        model.setRecords({campaign("c-1", "A", 100000), campaign("c-2", "B", 5000), campaign("c-3", "C", 90000)});
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSortRole(kSortRole);
        proxy.sort(CampaignTableModel::Budget);
        QCOMPARE(proxy.index(0, CampaignTableModel::Name).data().toString(), QStringLiteral("B"));
        QCOMPARE(proxy.index(2, CampaignTableModel::Name).data().toString(), QStringLiteral("A"));
        proxy.setFilterKeyColumn(-1);
        proxy.setFilterFixedString(QStringLiteral("C"));
        QCOMPARE(proxy.rowCount(), 1);
    }

    void affiliateModelShowsTheSuspensionReason()
    {
        AffiliateTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        dto::Affiliate a;
        a.id = AffiliateId("a-1");
        a.name = "Ana";
        a.email = "ana@example.com";
        a.state = domain::AffiliateState::Suspended;
        a.suspensionReason = "fraud";
        model.setRecords({a});
        QCOMPARE(model.index(0, AffiliateTableModel::State).data().toString(), QStringLiteral("Suspended (fraud)"));
    }

    void commissionModelNamesCampaignsAndPartnersItKnows()
    {
        NameDirectory names;
        names.set(QStringLiteral("c-1"), QStringLiteral("Summer"));
        CommissionTableModel model(names);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        dto::Commission c;
        c.id = CommissionId("k-1");
        c.campaignId = CampaignId("c-1");
        c.affiliateId = AffiliateId("0123456789abcdef");
        c.amount = usd(1250);
        model.setRecords({c});
        QCOMPARE(model.index(0, CommissionTableModel::Campaign).data().toString(), QStringLiteral("Summer"));
        QCOMPARE(model.index(0, CommissionTableModel::Partner).data().toString(), QStringLiteral("01234567"));
        QVERIFY(model.index(0, CommissionTableModel::Amount).data().toString().contains(QStringLiteral("USD")));
    }

    void feedKeepsOnlyTheNewestRowsNewestFirst()
    {
        NameDirectory names;
        InteractionFeedModel model(names, 5);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.prepend({interaction(1), interaction(2), interaction(3)});
        QCOMPARE(model.rowCount(), 3);
        model.prepend({interaction(4), interaction(5), interaction(6), interaction(7)});
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, 0).data(kIdRole).toString(), QStringLiteral("i-7"));
        QCOMPARE(model.index(4, 0).data(kIdRole).toString(), QStringLiteral("i-3"));
        std::vector<dto::Interaction> many;
        for (int n = 10; n < 30; ++n)
            many.push_back(interaction(n));
        model.prepend(many);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, 0).data(kIdRole).toString(), QStringLiteral("i-29"));
        QCOMPARE(model.index(4, 0).data(kIdRole).toString(), QStringLiteral("i-25"));
    }

    void csvQuotesWhatNeedsQuotingAndFollowsTheProxy()
    {
        CampaignTableModel model;
        model.setRecords({campaign("c-1", "Sale, \"big\"", 100), campaign("c-2", "Plain", 200)});
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterFixedString(QStringLiteral("Plain"));
        proxy.setFilterKeyColumn(CampaignTableModel::Name);
        const QString all = CsvExporter::toCsv(model);
        QVERIFY(all.startsWith(QStringLiteral("Name,Brand,")));
        QVERIFY(all.contains(QStringLiteral("\"Sale, \"\"big\"\"\",Brand")));
        QCOMPARE(all.count(QStringLiteral("\r\n")), 3);
        QCOMPARE(CsvExporter::toCsv(proxy).count(QStringLiteral("\r\n")), 2);
    }
};

QTEST_MAIN(TestTableModels)
#include "tst_table_models.moc"
