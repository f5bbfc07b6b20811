#include "bff/services/affiliates/affiliates_migrations.h"

#include "bff/events/event_tables.h"

namespace alpes::services::affiliates {

std::span<const storage::Migration> migrations()
{
    static constexpr storage::Migration kMigrations[] = {
        {1, "event tables", events::kEventTablesSql},
        {2, "affiliates", R"sql(
CREATE TABLE affiliates (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    platform TEXT,
    followers INTEGER NOT NULL CHECK (followers >= 0),
    category TEXT NOT NULL,
    user_id TEXT,
    state TEXT NOT NULL,
    suspension_reason TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX affiliates_state ON affiliates(state, id);
)sql"},
    };
    return kMigrations;
}

}  // namespace alpes::services::affiliates
