#pragma once

#include "shared/core/result.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alpes {

// Lists answer a page of items and an opaque cursor for the next one (product.md §3).
struct PageRequest {
    static constexpr size_t kDefaultLimit = 50;
    static constexpr size_t kMaxLimit = 500;

    size_t limit = kDefaultLimit;
    // The sort key of the last item already seen, decoded from the client's cursor.
    std::optional<std::string> after;
};

template <typename T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> nextCursor;
};

// A cursor is the base64url form of the last item's sort key, so clients cannot build one by hand
// by accident and the key's shape can change without breaking them.
std::string encodeCursor(std::string_view sortKey);
Result<std::string> decodeCursor(std::string_view cursor);

// Trims `rows` (fetched with limit + 1) to the limit and sets the next cursor from the last kept item.
template <typename T, typename KeyOf>
Page<T> makePage(std::vector<T> rows, size_t limit, KeyOf keyOf)
{
    Page<T> page;
    if (rows.size() > limit) {
        rows.resize(limit);
        if (!rows.empty())  // a zero limit has no last item to continue from
            page.nextCursor = encodeCursor(keyOf(rows.back()));
    }
    page.items = std::move(rows);
    return page;
}

}  // namespace alpes
