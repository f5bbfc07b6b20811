#include "bff/services/tracking/tracking_migrations.h"

#include "bff/events/event_tables.h"
#include "bff/services/tracking/journey_steps.h"

namespace alpes::services::tracking {

std::span<const storage::Migration> migrations()
{
    static constexpr storage::Migration kMigrations[] = {
        {1, "event tables", events::kEventTablesSql},
        // The log is the source of truth; every other table of this migration can be rebuilt from
        // it. Indexes are few on purpose: each one is paid for by every ingested interaction.
        {2, "interactions", R"sql(
CREATE TABLE interaction_log (
    seq INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    logged_at INTEGER NOT NULL
);
CREATE TRIGGER interaction_log_no_update BEFORE UPDATE ON interaction_log
BEGIN SELECT RAISE(ABORT, 'the interaction log is append-only'); END;
CREATE TRIGGER interaction_log_no_delete BEFORE DELETE ON interaction_log
BEGIN SELECT RAISE(ABORT, 'the interaction log is append-only'); END;

CREATE TABLE interactions (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    affiliate_id TEXT NOT NULL,
    user_id TEXT,
    anonymous_id TEXT,
    ip TEXT,
    user_agent TEXT,
    occurred_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    url TEXT,
    referrer TEXT,
    device TEXT,
    utm_source TEXT,
    utm_medium TEXT,
    utm_campaign TEXT,
    utm_content TEXT,
    utm_term TEXT,
    click_id TEXT,
    order_id TEXT,
    amount INTEGER,
    currency TEXT,
    state TEXT NOT NULL,
    flags TEXT,
    saga_id TEXT
) WITHOUT ROWID;
CREATE INDEX interactions_campaign ON interactions(campaign_id, id);
CREATE INDEX interactions_affiliate ON interactions(affiliate_id, id);
CREATE INDEX interactions_user ON interactions(campaign_id, user_id, occurred_at) WHERE user_id IS NOT NULL;
CREATE INDEX interactions_anonymous ON interactions(campaign_id, anonymous_id, occurred_at)
    WHERE anonymous_id IS NOT NULL;
CREATE UNIQUE INDEX interactions_order ON interactions(campaign_id, order_id) WHERE order_id IS NOT NULL;

CREATE TABLE daily_stats (
    campaign_id TEXT NOT NULL,
    day INTEGER NOT NULL,
    type TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, day, type)
) WITHOUT ROWID;
CREATE INDEX daily_stats_day ON daily_stats(day);
CREATE TABLE minute_stats (
    campaign_id TEXT NOT NULL,
    minute INTEGER NOT NULL,
    type TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, minute, type)
) WITHOUT ROWID;
CREATE TABLE affiliate_stats (
    affiliate_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    type TEXT NOT NULL,
    count INTEGER NOT NULL,
    revenue INTEGER NOT NULL,
    currency TEXT,
    PRIMARY KEY (affiliate_id, campaign_id, type)
) WITHOUT ROWID;

CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    currency TEXT NOT NULL,
    model TEXT NOT NULL,
    window_days INTEGER NOT NULL,
    half_life_days REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE affiliates (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    user_id TEXT
) WITHOUT ROWID;

CREATE TABLE links (
    code TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL,
    affiliate_id TEXT NOT NULL,
    destination TEXT NOT NULL,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE conversions (
    conversion_id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL,
    outcome TEXT,
    reason TEXT,
    model TEXT,
    attributed_at INTEGER,
    reverted_at INTEGER,
    discarded_at INTEGER,
    discard_reason TEXT
) WITHOUT ROWID;
CREATE TABLE journey_touchpoints (
    conversion_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    interaction_id TEXT NOT NULL,
    affiliate_id TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    weight REAL NOT NULL,
    PRIMARY KEY (conversion_id, position)
) WITHOUT ROWID;
CREATE TABLE attribution_shares (
    conversion_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    affiliate_id TEXT NOT NULL,
    weight REAL NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    PRIMARY KEY (conversion_id, position)
) WITHOUT ROWID;
CREATE TABLE discarded_interactions (
    conversion_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    interaction_id TEXT NOT NULL,
    PRIMARY KEY (conversion_id, position)
) WITHOUT ROWID;
)sql"},
        // The fraud rules: a conversion judged fraud keeps the rule that fired, and the velocity
        // rules count a purchaser's purchases of the last hour across campaigns. The indexes hold
        // purchases only, so ingest of the other interactions does not pay for them.
        {3, "fraud rules", R"sql(
ALTER TABLE conversions ADD COLUMN fraud_rule TEXT;
ALTER TABLE conversions ADD COLUMN fraud_detail TEXT;
CREATE INDEX interactions_purchases_by_user ON interactions(user_id, occurred_at)
    WHERE type = 'purchase' AND user_id IS NOT NULL;
CREATE INDEX interactions_purchases_by_ip ON interactions(ip, occurred_at) WHERE type = 'purchase' AND ip IS NOT NULL;
)sql"},
        // The aggregated views read a campaign's partners and every campaign's recent minutes. Only
        // a new projection row touches these indexes (a counter's update does not), so ingest
        // hardly pays for them.
        {4, "projection indexes for aggregated views", R"sql(
CREATE INDEX affiliate_stats_campaign ON affiliate_stats(campaign_id);
CREATE INDEX minute_stats_minute ON minute_stats(minute);
)sql"},
        // Journeys leave the read model's indexes for a table of their own, filled many steps at a
        // time (journey_steps.h): the two indexes cost ingest a page written per interaction.
        {5, "journey steps", R"sql(
CREATE TABLE journey_steps (
    campaign_id TEXT NOT NULL,
    visitor TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    interaction_id TEXT NOT NULL,
    PRIMARY KEY (campaign_id, visitor, occurred_at, interaction_id)
) WITHOUT ROWID;
CREATE TABLE journey_pending (
    campaign_id TEXT NOT NULL,
    visitor TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    interaction_id TEXT NOT NULL
);
DROP INDEX interactions_user;
DROP INDEX interactions_anonymous;
)sql"},
        {6, "journey steps of the interactions stored before", kFillJourneyStepsSql},
    };
    return kMigrations;
}

}  // namespace alpes::services::tracking
