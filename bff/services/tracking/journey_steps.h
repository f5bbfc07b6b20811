#pragma once

#include "bff/storage/database.h"
#include "shared/dto/interaction.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace alpes::services::tracking {

// Where a journey's touchpoints are found: the steps of each visitor on each campaign, by time.
//
// They are kept out of the read model's indexes on purpose. A visitor's interactions are spread
// over the whole of such an index, so an index on `interactions` made every ingest commit rewrite
// one of its pages per interaction, which cost ingest as much as all the rest of its commit
// (bench_tracking_ingest). Ingest appends each step to the end of journey_pending instead, and the
// steps join journey_steps sorted and many at a time, each page rewritten once for all the steps it
// takes. Journeys are read on the writer only (attribution, discards), which merges what is pending
// first: no journey is ever read without its latest steps.
//
// A step's visitor is 'u' followed by the userId, or 'a' followed by the anonymousId: an
// interaction that carries both is a step of each.

// Pending steps from which ingest merges them all in the same transaction. Small, because in a
// large journey_steps each merged step lands on a leaf of its own however many merge together, and
// the merging commit keeps its whole group waiting: 4,096 made single ingest's p99 260-300 ms on a
// million interactions, 256 makes it 19-28 ms, with 15 % more requests/s (benchmarks/results.md,
// session 9).
inline constexpr std::int64_t kJourneyStepsPerMerge = 256;

// Appends the interaction's steps to journey_pending; merges every pending step once there are
// kJourneyStepsPerMerge of them.
void appendJourneySteps(storage::Database& db, const dto::Interaction& interaction);

// Moves every pending step into journey_steps. Cheap when none is pending.
void mergeJourneySteps(storage::Database& db);

// A SELECT of `columns` from the purchaser's steps (table `s`) joined to their interactions (table
// `i`) on a campaign, where `condition` holds: ?1 campaign, ?2 userId, ?3 anonymousId. The steps of
// the userId, and through the anonymousId those that carry no other userId (see buildJourney);
// UNION drops an interaction both found. Read it after mergeJourneySteps().
std::string purchaserStepsSql(std::string_view columns, std::string_view condition);

// journey_steps from the read model alone (migration 6, and the rebuild of the projections, after
// emptying both tables).
inline constexpr std::string_view kFillJourneyStepsSql = R"sql(
INSERT INTO journey_steps(campaign_id, visitor, occurred_at, interaction_id)
    SELECT campaign_id, 'u' || user_id, occurred_at, id FROM interactions WHERE user_id IS NOT NULL
    UNION ALL
    SELECT campaign_id, 'a' || anonymous_id, occurred_at, id FROM interactions WHERE anonymous_id IS NOT NULL
    ORDER BY 1, 2, 3, 4;
)sql";

}  // namespace alpes::services::tracking
