#pragma once

#include "bff/storage/migrations.h"

#include <span>

namespace alpes::services::tracking {

std::span<const storage::Migration> migrations();

}  // namespace alpes::services::tracking
