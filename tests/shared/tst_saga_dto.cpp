#include "shared/dto/saga.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;

namespace {

dto::SagaDetail sampleSaga()
{
    dto::SagaDetail saga;
    saga.saga.id = SagaId("0193a6c8-0000-7000-8000-000000000001");
    saga.saga.type = "conversion";
    saga.saga.state = dto::SagaState::Compensated;
    saga.saga.conversionId = ConversionId("0193a6c8-0000-7000-8000-000000000002");
    saga.saga.campaignId = CampaignId("0193a6c8-0000-7000-8000-000000000003");
    saga.saga.affiliateId = AffiliateId("0193a6c8-0000-7000-8000-000000000004");
    saga.saga.orderId = "A-1001";
    saga.saga.amount = Money::of(12990, "USD").value();
    saga.saga.startedAt = parseRfc3339("2026-11-22T18:00:00.000Z").value();
    saga.saga.updatedAt = parseRfc3339("2026-11-22T18:00:01.250Z").value();
    saga.saga.endedAt = saga.saga.updatedAt;
    saga.saga.compensation =
        dto::Compensation{dto::CompensationScope::Full, dto::CompensationTrigger::Fraud, "click injection", "click_injection",
                          "purchase 1 s after the click"};
    dto::SagaStep attribute;
    attribute.name = dto::StepName::Attribute;
    attribute.service = "tracking";
    attribute.state = dto::StepState::Done;
    attribute.startedAt = saga.saga.startedAt;
    attribute.endedAt = saga.saga.updatedAt;
    attribute.attempts = 2;
    attribute.commandIds = {"c-1", "c-2"};
    attribute.replyId = "r-1";
    attribute.payload = Json{{"conversionId", saga.saga.conversionId.str()}};
    dto::SagaStep revert;
    revert.name = dto::StepName::RevertAttribution;
    revert.service = "tracking";
    revert.kind = dto::StepKind::Compensation;
    revert.state = dto::StepState::Failed;
    revert.error = "timed out";
    saga.steps = {attribute, revert};
    return saga;
}

}  // namespace

class TestSagaDto : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aSagaWithItsStepsSurvivesTheWire()
    {
        const auto saga = sampleSaga();
        const auto decoded = dto::decodeSagaDetail(Json::parse(toJson(saga).dump()));
        QVERIFY(decoded.ok());
        QVERIFY(decoded->saga == saga.saga);
        QVERIFY(decoded->steps == saga.steps);
    }

    void aSummaryIsTheDetailWithoutSteps()
    {
        const auto saga = sampleSaga();
        const auto json = toJson(saga.saga);
        QVERIFY(!json.contains("steps"));
        const auto decoded = dto::decodeSagaSummary(json);
        QVERIFY(decoded.ok());
        QVERIFY(*decoded == saga.saga);
    }

    void aStepChangeSurvivesTheWire()
    {
        const dto::StepChange change{SagaId("s-1"), dto::StepName::ReserveBudget, dto::StepState::Running,
                                     parseRfc3339("2026-11-22T18:00:00.000Z").value()};
        const auto decoded = dto::decodeStepChange(toJson(change));
        QVERIFY(decoded.ok());
        QVERIFY(*decoded == change);
    }

    void reportsEveryWrongFieldOfATimeline()
    {
        auto json = toJson(sampleSaga());
        json["state"] = "sleeping";
        json["steps"][1]["kind"] = "undo";
        json.erase("amount");
        const auto decoded = dto::decodeSagaDetail(json);
        QVERIFY(!decoded.ok());
        std::vector<std::string> fields;
        for (const auto& error : decoded.error().fields)
            fields.push_back(error.field);
        const std::vector<std::string> expected{"state", "amount", "steps[1].kind"};
        QCOMPARE(fields, expected);
    }
};

QTEST_APPLESS_MAIN(TestSagaDto)
#include "tst_saga_dto.moc"
