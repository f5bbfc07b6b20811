#pragma once

#include "bff/services/tracking/attribution.h"
#include "bff/services/tracking/reference_copies.h"
#include "bff/storage/database.h"
#include "shared/dto/interaction.h"

#include <vector>

namespace alpes::services::tracking {

// The journey of one purchase (product.md §2): the recorded views, clicks, likes and leads of the
// same user on the same campaign, inside the campaign's window before the purchase and after that
// user's previous purchase there, so that each purchase is attributed on its own journey.
//
// "The same user": touchpoints with the purchase's userId; and, through the purchase's anonymousId,
// the touchpoints of that device that carry no other userId (a visitor who clicks a link
// anonymously and logs in to pay is still one journey). Oldest first.
//
// Kept apart from attribution so that rules which judge a journey (fraud) can run on it too.
std::vector<Touchpoint> buildJourney(storage::Database& db, const dto::Interaction& purchase,
                                     const CampaignCopy& campaign);

}  // namespace alpes::services::tracking
