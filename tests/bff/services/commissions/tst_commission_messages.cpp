#include "bff/services/commissions/commission_messages.h"
#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::services::commissions;
using alpes::json::Json;

namespace {

std::vector<std::string> fieldsOf(const Error& error)
{
    std::vector<std::string> fields;
    for (const auto& field : error.fields)
        fields.push_back(field.field);
    return fields;
}

std::vector<std::string> idsOf(const std::vector<CommissionId>& ids)
{
    std::vector<std::string> out;
    for (const auto& id : ids)
        out.push_back(id.str());
    return out;
}

}  // namespace

// Version 1 samples of every payload commissions reads or writes stay readable (product.md §4).
class TestCommissionMessages : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsAV1ReserveCommission()
    {
        const auto command = decodeReserveCommission(Json::parse(R"({"conversionId": "conv-1", "campaignId": "camp-1",
            "shares": [{"affiliateId": "a-1", "amount": {"amount": 9000, "currency": "USD"}, "weight": 0.9},
                       {"affiliateId": "a-2", "amount": {"amount": 1000, "currency": "USD"}, "weight": 0.1}],
            "model": "linear"})"));
        QVERIFY(command.ok());
        QCOMPARE(command->conversionId.str(), std::string("conv-1"));
        QCOMPARE(command->shares.size(), size_t(2));
        QCOMPARE(command->shares[1].affiliateId.str(), std::string("a-2"));
        QCOMPARE(command->shares[1].amount.amount(), std::int64_t{1000});
        QVERIFY(command->final);  // written before `final` existed: it decides at once
        const auto again = decodeReserveCommission(toJson(*command));
        QVERIFY(again.ok());
        QCOMPARE(toJson(*again), toJson(*command));
        auto notFinal = *command;
        notFinal.final = false;
        QCOMPARE(decodeReserveCommission(toJson(notFinal))->final, false);
    }

    void reportsEveryWrongFieldOfAReserveCommission()
    {
        const auto refused = decodeReserveCommission(Json::parse(R"({"conversionId": "conv-1",
            "shares": [{"affiliateId": "a-1", "amount": {"amount": 9000, "currency": "USD"}},
                       {"amount": {"amount": 1000, "currency": "usd"}}]})"));
        QVERIFY(!refused.ok());
        QCOMPARE(fieldsOf(refused.error()),
                 (std::vector<std::string>{"campaignId", "shares[1].affiliateId", "shares[1].amount.currency"}));
    }

    void refusesAReserveCommissionWithoutShares()
    {
        const auto refused =
            decodeReserveCommission(Json::parse(R"({"conversionId": "c", "campaignId": "k", "shares": []})"));
        QVERIFY(!refused.ok());
        QCOMPARE(fieldsOf(refused.error()), std::vector<std::string>{"shares"});
    }

    void readsV1ConfirmAndRevertCommands()
    {
        const auto confirm = decodeConfirmCommission(Json::parse(R"({"conversionId": "conv-1"})"));
        QVERIFY(confirm.ok());
        QCOMPARE(confirm->conversionId.str(), std::string("conv-1"));
        const auto revert = decodeRevertCommission(Json::parse(R"({"conversionId": "conv-1", "reason": "fraud"})"));
        QVERIFY(revert.ok());
        QCOMPARE(revert->reason, std::string("fraud"));
        QVERIFY(!decodeRevertCommission(Json::parse(R"({"conversionId": "conv-1"})")).ok());
    }

    void readsAV1CommissionReserved()
    {
        const auto reserved = decodeCommissionReserved(Json::parse(R"({"conversionId": "conv-1", "campaignId": "camp-1",
            "total": {"amount": 1000, "currency": "USD"},
            "commissions": [{"commissionId": "c-1", "affiliateId": "a-1", "amount": {"amount": 1000, "currency": "USD"}}]})"));
        QVERIFY(reserved.ok());
        QCOMPARE(reserved->total.amount(), std::int64_t{1000});
        QCOMPARE(reserved->commissions.front().commissionId.str(), std::string("c-1"));
        QVERIFY(!reserved->reason);
        QCOMPARE(decodeCommissionReserved(toJson(*reserved))->commissions.size(), size_t(1));
    }

    void readsAV1CommissionReservedThatReservedNothing()
    {
        const auto reserved = decodeCommissionReserved(Json::parse(R"({"conversionId": "conv-1", "campaignId": "camp-1",
            "total": {"amount": 0, "currency": "USD"}, "commissions": [], "reason": "unknown_campaign"})"));
        QVERIFY(reserved.ok());
        QCOMPARE(*reserved->reason, std::string(kReasonUnknownCampaign));
    }

    void readsV1ConfirmedAndRevertedEvents()
    {
        const auto confirmed = decodeCommissionConfirmed(
            Json::parse(R"({"conversionId": "conv-1", "campaignId": "camp-1", "commissionIds": ["c-1", "c-2"]})"));
        QVERIFY(confirmed.ok());
        QCOMPARE(idsOf(confirmed->commissionIds), (std::vector<std::string>{"c-1", "c-2"}));
        QCOMPARE(confirmed->campaignId->str(), std::string("camp-1"));
        const auto reverted = decodeCommissionReverted(
            Json::parse(R"({"conversionId": "conv-1", "campaignId": null, "commissionIds": [], "reason": "fraud"})"));
        QVERIFY(reverted.ok());
        QVERIFY(!reverted->campaignId);
        QVERIFY(reverted->commissionIds.empty());
        QCOMPARE(toJson(*reverted)["campaignId"], Json(nullptr));
    }

    void readsTheAffiliatesStatusEvents()
    {
        const auto change =
            decodeAffiliateStatusChange(Json::parse(R"({"affiliateId": "a-1", "status": "suspended", "reason": "spam"})"));
        QVERIFY(change.ok());
        QVERIFY(change->status == domain::AffiliateState::Suspended);
        QVERIFY(!decodeAffiliateStatusChange(Json::parse(R"({"affiliateId": "a-1", "status": "gone"})")).ok());
    }
};

QTEST_APPLESS_MAIN(TestCommissionMessages)
#include "tst_commission_messages.moc"
