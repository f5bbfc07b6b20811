#include "bff/services/commissions/commissions_migrations.h"

#include "bff/events/event_tables.h"

namespace alpes::services::commissions {

std::span<const storage::Migration> migrations()
{
    // campaigns and affiliates are this service's own copies, kept from the other services' events.
    // A reservation is one conversion's ReserveCommission outcome, kept even when nobody earned, so
    // that a repeated command gets the same answer; settled_at is set once the saga has confirmed
    // or reverted it. Terms' amounts are in the campaign's currency.
    static constexpr storage::Migration kMigrations[] = {
        {1, "event tables", events::kEventTablesSql},
        {2, "commissions", R"sql(
CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    currency TEXT NOT NULL,
    terms_type TEXT NOT NULL,
    rate_ppm INTEGER NOT NULL,
    fixed_amount INTEGER,
    minimum_amount INTEGER,
    maximum_amount INTEGER,
    hold_period_seconds INTEGER NOT NULL CHECK (hold_period_seconds > 0),
    updated_at INTEGER NOT NULL
);
CREATE TABLE affiliates (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL
);
CREATE TABLE reservations (
    conversion_id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL,
    currency TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    reserved_at INTEGER NOT NULL,
    settled_at INTEGER
);
CREATE INDEX reservations_open ON reservations(reserved_at) WHERE settled_at IS NULL;
CREATE TABLE commissions (
    id TEXT PRIMARY KEY,
    conversion_id TEXT NOT NULL REFERENCES reservations(conversion_id),
    campaign_id TEXT NOT NULL,
    affiliate_id TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    currency TEXT NOT NULL,
    state TEXT NOT NULL,
    reserved_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    reverted_at INTEGER,
    reason TEXT
);
CREATE INDEX commissions_conversion ON commissions(conversion_id);
CREATE INDEX commissions_state ON commissions(state, id);
CREATE INDEX commissions_campaign ON commissions(campaign_id, id);
CREATE INDEX commissions_affiliate ON commissions(affiliate_id, id);
CREATE INDEX commissions_reserved ON commissions(state, reserved_at);
)sql"},
    };
    return kMigrations;
}

}  // namespace alpes::services::commissions
