#include "bff/services/tracking/journey_steps.h"

namespace alpes::services::tracking {

void appendJourneySteps(storage::Database& db, const dto::Interaction& interaction)
{
    if (!interaction.userId && !interaction.anonymousId)
        return;
    const std::int64_t occurredAt = toEpochMillis(interaction.occurredAt);
    // journey_pending is only ever emptied whole, and SQLite numbers a row of an empty table 1: the
    // last rowid is the number of pending steps.
    const auto appendStep = [&](std::string_view visitorKind, const std::string& visitor) {
        db.prepare("INSERT INTO journey_pending(campaign_id, visitor, occurred_at, interaction_id)"
                   " VALUES (?, ? || ?, ?, ?)")
            .bindAll(interaction.campaignId.str(), visitorKind, visitor, occurredAt, interaction.id.str())
            .run();
    };
    if (interaction.userId)
        appendStep("u", *interaction.userId);
    if (interaction.anonymousId)
        appendStep("a", *interaction.anonymousId);
    if (db.lastInsertRowId() >= kJourneyStepsPerMerge)
        mergeJourneySteps(db);
}

void mergeJourneySteps(storage::Database& db)
{
    // Sorted, so that the insert walks the index once from its first page to its last.
    db.prepare("INSERT INTO journey_steps(campaign_id, visitor, occurred_at, interaction_id)"
               " SELECT campaign_id, visitor, occurred_at, interaction_id FROM journey_pending ORDER BY 1, 2, 3, 4")
        .run();
    db.prepare("DELETE FROM journey_pending").run();
}

std::string purchaserStepsSql(std::string_view columns, std::string_view condition)
{
    const std::string select = "SELECT " + std::string(columns) +
                               " FROM journey_steps s JOIN interactions i ON i.id = s.interaction_id"
                               " WHERE s.campaign_id = ?1 AND ";
    return select + "s.visitor = 'u' || ?2 AND " + std::string(condition) + " UNION " + select +
           "s.visitor = 'a' || ?3 AND (i.user_id IS NULL OR ?2 IS NULL) AND " + std::string(condition);
}

}  // namespace alpes::services::tracking
