#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace alpes::domain {

// The wire spellings of an enum, declared once: a fixed table that both directions read.
template <typename E, size_t N>
struct EnumNames {
    std::array<std::pair<E, std::string_view>, N> entries;

    constexpr std::string_view name(E value) const
    {
        for (const auto& [candidate, text] : entries)
            if (candidate == value)
                return text;
        return {};
    }

    constexpr std::optional<E> parse(std::string_view text) const
    {
        for (const auto& [candidate, spelling] : entries)
            if (spelling == text)
                return candidate;
        return std::nullopt;
    }

    // "a, b, c": for validation messages.
    std::string allowed() const
    {
        std::string list;
        for (const auto& [candidate, text] : entries) {
            if (!list.empty())
                list += ", ";
            list += text;
        }
        return list;
    }
};

}  // namespace alpes::domain
