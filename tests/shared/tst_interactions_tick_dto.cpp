#include "shared/dto/interactions_tick.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;

namespace {

dto::InteractionsTick sampleTick()
{
    dto::InteractionsTick tick;
    tick.at = parseRfc3339("2026-11-22T18:00:01.000Z").value();
    tick.counts = {{CampaignId("c-1"), domain::InteractionType::Click, 12},
                   {CampaignId("c-2"), domain::InteractionType::Purchase, 1}};
    dto::Interaction interaction;
    interaction.id = InteractionId("0193a6c8-0000-7000-8000-000000000001");
    interaction.campaignId = CampaignId("c-1");
    interaction.affiliateId = AffiliateId("a-1");
    interaction.type = domain::InteractionType::Click;
    interaction.occurredAt = parseRfc3339("2026-11-22T18:00:00.500Z").value();
    interaction.receivedAt = parseRfc3339("2026-11-22T18:00:00.600Z").value();
    tick.recent = {interaction};
    return tick;
}

}  // namespace

class TestInteractionsTickDto : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aTickSurvivesTheWire()
    {
        const auto tick = sampleTick();
        const auto json = toJson(tick);
        QCOMPARE(json["counts"][0], (Json{{"campaignId", "c-1"}, {"type", "click"}, {"count", 12}}));
        const auto decoded = dto::decodeInteractionsTick(Json::parse(json.dump()));
        QVERIFY(decoded.ok());
        QVERIFY(*decoded == tick);
    }

    void aSampleThatDoesNotDecodeIsLeftOutButTheCountsStay()
    {
        auto json = toJson(sampleTick());
        json["recent"].push_back(Json{{"id", 7}});
        const auto decoded = dto::decodeInteractionsTick(json);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->recent.size(), size_t{1});
        QCOMPARE(decoded->counts.size(), size_t{2});
    }

    void reportsEveryWrongCount()
    {
        auto json = toJson(sampleTick());
        json["counts"][0]["type"] = "glance";
        json["counts"][1]["count"] = -1;
        const auto decoded = dto::decodeInteractionsTick(json);
        QVERIFY(!decoded.ok());
        std::vector<std::string> fields;
        for (const auto& error : decoded.error().fields)
            fields.push_back(error.field);
        const std::vector<std::string> expected{"counts[0].type", "counts[1].count"};
        QCOMPARE(fields, expected);
    }
};

QTEST_APPLESS_MAIN(TestInteractionsTickDto)
#include "tst_interactions_tick_dto.moc"
