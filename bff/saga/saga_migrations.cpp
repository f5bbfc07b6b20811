#include "bff/saga/saga_migrations.h"

#include "bff/events/event_tables.h"

namespace alpes::saga {

std::span<const storage::Migration> migrations()
{
    // `campaigns` is the saga's own copy of what it needs of a campaign (its hold period), kept
    // from CampaignCreated and CampaignUpdated. A saga's steps are its timeline: the forward
    // actions at positions 0-4, the compensations after them. A running step's due_at is when
    // its reply is overdue (or, with resend_due, when its next attempt goes out); the runner looks
    // for due timers through the partial indexes, so they stay as small as the sagas in flight.
    static constexpr storage::Migration kMigrations[] = {
        {1, "event tables", events::kEventTablesSql},
        {2, "saga log", R"sql(
CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    hold_period_seconds INTEGER NOT NULL CHECK (hold_period_seconds > 0),
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE sagas (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('started', 'attributed', 'reserved', 'completed', 'unattributed',
                                         'compensating', 'compensated', 'failed')),
    conversion_id TEXT NOT NULL UNIQUE,
    campaign_id TEXT NOT NULL,
    affiliate_id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    ended_at INTEGER,
    error TEXT,
    compensation_scope TEXT CHECK (compensation_scope IN ('payment', 'full')),
    compensation_trigger TEXT,
    compensation_reason TEXT,
    fraud_rule TEXT,
    fraud_detail TEXT,
    reserved_at INTEGER,
    confirm_at INTEGER,
    aborted_at INTEGER
) WITHOUT ROWID;
CREATE INDEX sagas_state ON sagas(state, id);
CREATE INDEX sagas_campaign ON sagas(campaign_id, id);
CREATE INDEX sagas_confirm_due ON sagas(confirm_at) WHERE confirm_at IS NOT NULL;
CREATE TABLE steps (
    saga_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    service TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'compensation')),
    state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed', 'skipped')),
    started_at INTEGER,
    ended_at INTEGER,
    attempts INTEGER NOT NULL,
    error TEXT,
    outcome TEXT,
    command_ids TEXT NOT NULL,
    reply_id TEXT,
    payload TEXT,
    due_at INTEGER,
    resend_due INTEGER NOT NULL,
    last_sent_at INTEGER,
    may_have_effect INTEGER NOT NULL,
    PRIMARY KEY (saga_id, position)
) WITHOUT ROWID;
CREATE INDEX steps_due ON steps(due_at) WHERE due_at IS NOT NULL;
)sql"},
    };
    return kMigrations;
}

}  // namespace alpes::saga
