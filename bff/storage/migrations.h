#pragma once

#include "bff/storage/database.h"

#include <span>
#include <string_view>

namespace alpes::storage {

// One numbered schema change. Versions start at 1 and never change once released.
struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

// Applies, in one transaction each, the migrations above the recorded version, and records them
// in `schema_migrations`. Refuses a database that is newer than this program.
Status migrate(Database& db, std::span<const Migration> migrations);

int schemaVersion(Database& db);

}  // namespace alpes::storage
