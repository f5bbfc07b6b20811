#pragma once

#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/core/time.h"
#include "shared/domain/enum_names.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace alpes::json {

using Json = nlohmann::json;

// Parses text as JSON, refusing invalid UTF-8 and nesting deeper than maxDepth.
Result<Json> parse(std::string_view text, int maxDepth = 32);

// Collects every wrong field of one document, so a client learns all its mistakes at once.
// Fields are reported as JSON paths: "amount.currency", "items[3].type".
class FieldErrors {
public:
    void add(std::string field, std::string message);
    bool empty() const { return m_errors.empty(); }
    const std::vector<FieldError>& list() const { return m_errors; }
    // The validation Error carrying every field, or ok when there is none.
    Status status() const;

private:
    std::vector<FieldError> m_errors;
};

// Reads one JSON object strictly: a getter that finds a missing, mistyped or out-of-range value
// records a FieldError and returns nullopt, and decoding carries on. Not thread-safe; short-lived.
class ObjectReader {
public:
    ObjectReader(const Json& value, std::string path, FieldErrors& errors);

    bool valid() const { return m_valid; }
    bool has(std::string_view key) const;

    std::optional<std::string> string(std::string_view key, bool required, size_t minLength = 0,
                                       size_t maxLength = 1000);
    std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min = INT64_MIN,
                                        std::int64_t max = INT64_MAX);
    std::optional<double> number(std::string_view key, bool required, double min, double max);
    std::optional<bool> boolean(std::string_view key, bool required);
    std::optional<UtcTime> time(std::string_view key, bool required);
    std::optional<Money> money(std::string_view key, bool required);
    std::optional<std::vector<std::string>> stringArray(std::string_view key, bool required, size_t maxItems,
                                                        size_t maxLength = 200);

    // A value with a fixed set of spellings, read through its EnumNames table (shared/domain/enum_names.h);
    // an unknown spelling is reported with the allowed ones.
    template <typename E, size_t N>
    std::optional<E> enumeration(std::string_view key, bool required, const domain::EnumNames<E, N>& names)
    {
        const auto text = string(key, required, 1, 100);
        if (!text)
            return std::nullopt;
        auto parsed = names.parse(*text);
        if (!parsed)
            fail(key, "Must be one of: " + names.allowed());
        return parsed;
    }

    // A nested object; the returned reader is invalid (and an error recorded when required) when absent.
    std::optional<ObjectReader> object(std::string_view key, bool required);
    const Json* raw(std::string_view key) const;

    // Reports each member that no getter asked for. Used for requests, not for messages
    // (message readers ignore unknown fields so that newer producers stay readable).
    void rejectUnknownFields();

    std::string pathOf(std::string_view key) const;
    void fail(std::string_view key, std::string message);

private:
    const Json* find(std::string_view key, bool required, Json::value_t expectedType, std::string_view typeName);

    const Json& m_value;
    std::string m_path;
    FieldErrors& m_errors;
    std::set<std::string, std::less<>> m_seen;
    bool m_valid = true;
};

std::string joinPath(std::string_view parent, std::string_view key);

}  // namespace alpes::json
