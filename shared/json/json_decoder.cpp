#include "shared/json/json_decoder.h"

#include <cmath>

namespace alpes::json {

Result<Json> parse(std::string_view text, int maxDepth)
{
    if (text.empty())
        return Error::validation("", "The body is empty; a JSON document is required");
    bool tooDeep = false;
    const Json::parser_callback_t limitDepth = [&](int depth, Json::parse_event_t, Json&) {
        if (depth > maxDepth)
            tooDeep = true;
        return !tooDeep;
    };
    try {
        Json value = Json::parse(text.begin(), text.end(), limitDepth);
        if (tooDeep)
            return Error::validation("", "The JSON document is nested more than " + std::to_string(maxDepth) +
                                             " levels deep");
        return value;
    } catch (const Json::parse_error& error) {
        if (tooDeep)
            return Error::validation("", "The JSON document is nested more than " + std::to_string(maxDepth) +
                                             " levels deep");
        return Error::validation("", "Malformed JSON at byte " + std::to_string(error.byte));
    } catch (const Json::out_of_range&) {
        // A number beyond double's range (1e400) is well-formed JSON that nlohmann refuses to hold.
        return Error::validation("", "The JSON document holds a number too large to represent");
    }
}

void FieldErrors::add(std::string field, std::string message)
{
    m_errors.push_back({std::move(field), std::move(message)});
}

Status FieldErrors::status() const
{
    if (m_errors.empty())
        return {};
    return Error::validation(m_errors);
}

std::string joinPath(std::string_view parent, std::string_view key)
{
    if (parent.empty())
        return std::string(key);
    if (!key.empty() && key.front() == '[')
        return std::string(parent) + std::string(key);
    return std::string(parent) + "." + std::string(key);
}

ObjectReader::ObjectReader(const Json& value, std::string path, FieldErrors& errors)
    : m_value(value), m_path(std::move(path)), m_errors(errors)
{
    if (!m_value.is_object()) {
        m_errors.add(m_path, "Must be a JSON object");
        m_valid = false;
    }
}

std::string ObjectReader::pathOf(std::string_view key) const
{
    return joinPath(m_path, key);
}

void ObjectReader::fail(std::string_view key, std::string message)
{
    m_errors.add(pathOf(key), std::move(message));
}

bool ObjectReader::has(std::string_view key) const
{
    return m_valid && m_value.contains(key) && !m_value.at(std::string(key)).is_null();
}

const Json* ObjectReader::raw(std::string_view key) const
{
    if (!has(key))
        return nullptr;
    return &m_value.at(std::string(key));
}

const Json* ObjectReader::find(std::string_view key, bool required, Json::value_t expectedType,
                               std::string_view typeName)
{
    m_seen.emplace(key);
    if (!m_valid)
        return nullptr;
    const auto it = m_value.find(key);
    if (it == m_value.end() || it->is_null()) {
        if (required)
            fail(key, "Is required");
        return nullptr;
    }
    const bool numberExpected = expectedType == Json::value_t::number_integer;
    const bool typeOk = numberExpected ? it->is_number() : it->type() == expectedType;
    if (!typeOk) {
        fail(key, "Must be " + std::string(typeName));
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool required, size_t minLength,
                                                size_t maxLength)
{
    const Json* value = find(key, required, Json::value_t::string, "a string");
    if (!value)
        return std::nullopt;
    std::string text = value->get<std::string>();
    // Length in characters (code points), not bytes: "Zoë" is three characters.
    size_t characters = 0;
    for (const unsigned char c : text)
        if ((c & 0xC0) != 0x80)
            ++characters;
    if (characters < minLength) {
        fail(key, minLength == 1 ? "Must not be empty" : "Must be at least " + std::to_string(minLength) + " characters");
        return std::nullopt;
    }
    if (characters > maxLength) {
        fail(key, "Must be at most " + std::to_string(maxLength) + " characters");
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, bool required, std::int64_t min,
                                                  std::int64_t max)
{
    const Json* value = find(key, required, Json::value_t::number_integer, "an integer");
    if (!value)
        return std::nullopt;
    std::int64_t number = 0;
    if (value->is_number_unsigned()) {
        const auto unsignedValue = value->get<std::uint64_t>();
        if (unsignedValue > static_cast<std::uint64_t>(INT64_MAX)) {
            fail(key, "Is too large");
            return std::nullopt;
        }
        number = static_cast<std::int64_t>(unsignedValue);
    } else if (value->is_number_integer()) {
        number = value->get<std::int64_t>();
    } else {
        fail(key, "Must be an integer");
        return std::nullopt;
    }
    if (number < min || number > max) {
        fail(key, number < min ? "Must be at least " + std::to_string(min) : "Must be at most " + std::to_string(max));
        return std::nullopt;
    }
    return number;
}

std::optional<double> ObjectReader::number(std::string_view key, bool required, double min, double max)
{
    const Json* value = find(key, required, Json::value_t::number_integer, "a number");
    if (!value)
        return std::nullopt;
    const double number = value->get<double>();
    if (!std::isfinite(number) || number < min || number > max) {
        fail(key, "Must be between " + Json(min).dump() + " and " + Json(max).dump());
        return std::nullopt;
    }
    return number;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required)
{
    const Json* value = find(key, required, Json::value_t::boolean, "true or false");
    if (!value)
        return std::nullopt;
    return value->get<bool>();
}

std::optional<UtcTime> ObjectReader::time(std::string_view key, bool required)
{
    const auto text = string(key, required, 1, 64);
    if (!text)
        return std::nullopt;
    auto parsed = parseRfc3339(*text);
    if (!parsed) {
        fail(key, parsed.error().message);
        return std::nullopt;
    }
    return *parsed;
}

std::optional<Money> ObjectReader::money(std::string_view key, bool required)
{
    auto reader = object(key, required);
    if (!reader)
        return std::nullopt;
    const auto amount = reader->integer("amount", true);
    const auto currency = reader->string("currency", true, 3, 3);
    reader->rejectUnknownFields();
    if (currency && !Money::isCurrencyCode(*currency)) {
        reader->fail("currency", "Must be a three-letter ISO-4217 code such as USD");
        return std::nullopt;
    }
    if (!amount || !currency)
        return std::nullopt;
    return Money::of(*amount, *currency).value();
}

std::optional<std::vector<std::string>> ObjectReader::stringArray(std::string_view key, bool required,
                                                                  size_t maxItems, size_t maxLength)
{
    const Json* value = find(key, required, Json::value_t::array, "an array of strings");
    if (!value)
        return std::nullopt;
    if (value->size() > maxItems) {
        fail(key, "Must hold at most " + std::to_string(maxItems) + " items");
        return std::nullopt;
    }
    std::vector<std::string> items;
    bool allValid = true;
    for (size_t i = 0; i < value->size(); ++i) {
        const Json& item = (*value)[i];
        const std::string itemKey = std::string(key) + "[" + std::to_string(i) + "]";
        if (!item.is_string() || item.get_ref<const std::string&>().empty() ||
            item.get_ref<const std::string&>().size() > maxLength) {
            fail(itemKey, "Must be a non-empty string of at most " + std::to_string(maxLength) + " characters");
            allValid = false;
            continue;
        }
        items.push_back(item.get<std::string>());
    }
    if (!allValid)
        return std::nullopt;
    return items;
}

std::optional<ObjectReader> ObjectReader::object(std::string_view key, bool required)
{
    const Json* value = find(key, required, Json::value_t::object, "a JSON object");
    if (!value)
        return std::nullopt;
    return ObjectReader(*value, pathOf(key), m_errors);
}

void ObjectReader::rejectUnknownFields()
{
    if (!m_valid)
        return;
    for (const auto& [name, value] : m_value.items())
        if (!m_seen.contains(name))
            fail(name, "Is not a known field");
}

}  // namespace alpes::json
