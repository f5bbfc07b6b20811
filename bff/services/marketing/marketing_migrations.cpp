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
        // Each ReserveBudget needs the campaign's spent total. Summing its live reservations grew
        // with every reservation (bench_saga_throughput); the total is kept instead, by triggers in
        // the transaction that changes the ledger, so no code path can forget it. The partial index
        // that served the sum has no reader left.
        {3, "running reserved totals", R"sql(
CREATE TABLE budget_reserved (
    campaign_id TEXT PRIMARY KEY,
    amount INTEGER NOT NULL CHECK (amount >= 0)
) WITHOUT ROWID;
INSERT INTO budget_reserved(campaign_id, amount)
    SELECT campaign_id, SUM(amount) FROM budget_ledger WHERE state = 'reserved' GROUP BY campaign_id;
CREATE TRIGGER budget_reserved_on_insert AFTER INSERT ON budget_ledger WHEN NEW.state = 'reserved'
BEGIN
    INSERT INTO budget_reserved(campaign_id, amount) VALUES (NEW.campaign_id, NEW.amount)
        ON CONFLICT(campaign_id) DO UPDATE SET amount = amount + excluded.amount;
END;
CREATE TRIGGER budget_reserved_on_update AFTER UPDATE OF state, amount, campaign_id ON budget_ledger
BEGIN
    UPDATE budget_reserved SET amount = amount - OLD.amount
        WHERE OLD.state = 'reserved' AND campaign_id = OLD.campaign_id;
    INSERT INTO budget_reserved(campaign_id, amount) SELECT NEW.campaign_id, NEW.amount WHERE NEW.state = 'reserved'
        ON CONFLICT(campaign_id) DO UPDATE SET amount = amount + excluded.amount;
END;
CREATE TRIGGER budget_reserved_on_delete AFTER DELETE ON budget_ledger WHEN OLD.state = 'reserved'
BEGIN
    UPDATE budget_reserved SET amount = amount - OLD.amount WHERE campaign_id = OLD.campaign_id;
END;
DROP INDEX budget_ledger_live;
)sql"},
    };
    return kMigrations;
}

}  // namespace alpes::services::marketing
