#include "bff/services/marketing/marketing_migrations.h"

#include "bff/events/event_tables.h"

namespace alpes::services::marketing {

std::span<const storage::Migration> migrations()
{
    // Commission amounts are stored without a currency: they are always in the budget's.
    // `affiliates` is marketing's own copy of the partner registry, fed by the affiliates events.
    // The budget ledger keeps one row per conversion: its live reservation, a released one, or the
    // refusal, together with the numbers of the first reply, so that a repeated command answers the same.
    // Its campaign_id is no foreign key: a refusal for a campaign marketing does not know is recorded too.
    static constexpr storage::Migration kMigrations[] = {
        {1, "event tables", events::kEventTablesSql},
        {2, "campaigns", R"sql(
CREATE TABLE brands (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    brand_id TEXT NOT NULL REFERENCES brands(id),
    kind TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
    budget_amount INTEGER NOT NULL CHECK (budget_amount > 0),
    currency TEXT NOT NULL,
    commission_type TEXT NOT NULL,
    commission_rate_ppm INTEGER NOT NULL,
    commission_amount INTEGER,
    commission_minimum INTEGER,
    commission_maximum INTEGER,
    attribution_model TEXT NOT NULL,
    attribution_window_days INTEGER NOT NULL,
    attribution_half_life_days REAL NOT NULL,
    hold_period_seconds INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX campaigns_state ON campaigns(state, ends_at);
CREATE TABLE affiliates (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE enrollments (
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    affiliate_id TEXT NOT NULL REFERENCES affiliates(id),
    enrolled_at INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, affiliate_id)
);
CREATE TABLE budget_ledger (
    conversion_id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    currency TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('reserved', 'released', 'refused')),
    reason TEXT,
    spent_after INTEGER NOT NULL,
    remaining_after INTEGER NOT NULL,
    requested_at INTEGER NOT NULL,
    released_at INTEGER
);
CREATE INDEX budget_ledger_live ON budget_ledger(campaign_id, amount) WHERE state = 'reserved';
)sql"},
    };
    return kMigrations;
}

}  // namespace alpes::services::marketing
