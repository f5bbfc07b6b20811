#pragma once

#include "bff/storage/migrations.h"

#include <span>

namespace alpes::saga {

// The saga log's schema, in order.
std::span<const storage::Migration> migrations();

}  // namespace alpes::saga
