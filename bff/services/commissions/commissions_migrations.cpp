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
        // Counts and amounts by campaign, partner, state and currency, kept by triggers as
        // commissions are stored and change state (they are never deleted, and only their state
        // changes): the statistics behind the overviews read a few rows, not every commission.
        {3, "commission statistics", R"sql(
CREATE TABLE commission_stats (
    campaign_id TEXT NOT NULL,
    affiliate_id TEXT NOT NULL,
    state TEXT NOT NULL,
    currency TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (campaign_id, affiliate_id, state, currency)
) WITHOUT ROWID;
CREATE INDEX commission_stats_affiliate ON commission_stats(affiliate_id);
INSERT INTO commission_stats(campaign_id, affiliate_id, state, currency, count, amount)
    SELECT campaign_id, affiliate_id, state, currency, COUNT(*), SUM(amount) FROM commissions
    GROUP BY campaign_id, affiliate_id, state, currency;
CREATE TRIGGER commission_stats_on_insert AFTER INSERT ON commissions
BEGIN
    INSERT INTO commission_stats(campaign_id, affiliate_id, state, currency, count, amount)
        VALUES (NEW.campaign_id, NEW.affiliate_id, NEW.state, NEW.currency, 1, NEW.amount)
        ON CONFLICT(campaign_id, affiliate_id, state, currency)
        DO UPDATE SET count = count + 1, amount = amount + excluded.amount;
END;
CREATE TRIGGER commission_stats_on_state AFTER UPDATE OF state ON commissions WHEN OLD.state <> NEW.state
BEGIN
    UPDATE commission_stats SET count = count - 1, amount = amount - OLD.amount
        WHERE campaign_id = OLD.campaign_id AND affiliate_id = OLD.affiliate_id AND state = OLD.state
          AND currency = OLD.currency;
    INSERT INTO commission_stats(campaign_id, affiliate_id, state, currency, count, amount)
        VALUES (NEW.campaign_id, NEW.affiliate_id, NEW.state, NEW.currency, 1, NEW.amount)
        ON CONFLICT(campaign_id, affiliate_id, state, currency)
        DO UPDATE SET count = count + 1, amount = amount + excluded.amount;
END;
)sql"},
    };
    return kMigrations;
}

}  // namespace alpes::services::commissions
