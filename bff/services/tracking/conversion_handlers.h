#pragma once

#include "bff/services/tracking/fraud_rules.h"
#include "bff/services/tracking/tracking_views.h"
#include "bff/storage/database.h"
#include "shared/core/time.h"
#include "shared/messages/envelope.h"

#include <optional>

namespace alpes::services::tracking {

// The tracking steps of the conversion saga (docs/messages.md, Tracking). Each runs on the writer
// thread inside the consumer's transaction and replies through the outbox with the command's
// correlationId and causationId = the command's id. A repeated command answers from the stored
// state and changes nothing more; an unknown conversion is answered, not failed.

// AttributeConversion {conversionId} → ConversionAttributed, ConversionUnattributed, or FraudDetected
// {conversionId, campaignId, rule, detail} when one of `rules` fires on the purchase and its journey.
Status attributeConversion(storage::Database& db, const messages::Envelope& command, const Clock& clock,
                           const FraudRules& rules);
// RevertAttribution {conversionId} → AttributionReverted {..., reverted: whether one was undone}.
Status revertAttribution(storage::Database& db, const messages::Envelope& command, const Clock& clock);
// DiscardInteractions {conversionId, reason} → InteractionsDiscarded: the journey and the purchase.
Status discardConversionInteractions(storage::Database& db, const messages::Envelope& command, const Clock& clock);

// The purchase with its journey and outcome; nullopt when no purchase has this id.
std::optional<ConversionView> loadConversion(storage::Database& db, const ConversionId& id);

}  // namespace alpes::services::tracking
