#pragma once

#include <cstdint>
#include <optional>

namespace alpes::console {

// What a table model offers TableFilterProxy so that numeric columns (amounts, times, counts) sort
// without going through data(): the default comparison builds two QVariants per comparison via
// the model's data(), checkIndex and the sort role, and a sorted proxy places each 500-row page of
// a 10,000-row list with thousands of comparisons inside one slot (issue 6's event-loop budget).
// Same thread as the model (GUI thread only).
class NumericSortKeys {
public:
    virtual ~NumericSortKeys() = default;

    // The number that row sorts by in that column, or nothing when the column sorts by its text.
    virtual std::optional<std::int64_t> numericSortKey(int row, int column) const = 0;
};

}  // namespace alpes::console
