#pragma once

#include "bff/http/route.h"
#include "shared/core/paging.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/enum_names.h"

#include <chrono>
#include <optional>
#include <string>

namespace alpes::api {

// Reads query parameters strictly, collecting every wrong one as a field error (named after the
// parameter), like the JSON decoders do for bodies. Not thread-safe; one per request.
class QueryReader {
public:
    explicit QueryReader(const http::RequestContext& request) : m_request(request) {}

    PageRequest page();
    std::optional<std::string> text(const std::string& name, size_t maxLength = 200);
    std::optional<UtcTime> time(const std::string& name);
    std::optional<std::chrono::sys_days> day(const std::string& name);

    template <typename E, size_t N>
    std::optional<E> enumeration(const std::string& name, const domain::EnumNames<E, N>& names)
    {
        const auto value = text(name, 100);
        if (!value)
            return std::nullopt;
        auto parsed = names.parse(*value);
        if (!parsed)
            m_errors.push_back({name, "Must be one of: " + names.allowed()});
        return parsed;
    }

    template <typename Id>
    std::optional<Id> id(const std::string& name)
    {
        const auto value = text(name, 100);
        return value ? std::optional(Id(*value)) : std::nullopt;
    }

    // Ok, or the Validation error naming every wrong parameter.
    Status status() const;
    void fail(std::string name, std::string message) { m_errors.push_back({std::move(name), std::move(message)}); }

private:
    const http::RequestContext& m_request;
    std::vector<FieldError> m_errors;
};

// Whether text is well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF): what a JSON string may hold, so what may be stored or echoed in an answer.
bool isUtf8(std::string_view text);

// {"items": [...], "nextCursor": ...} with each item encoded by `encode`.
template <typename T, typename Encode>
json::Json pageJson(const Page<T>& page, Encode encode)
{
    json::Json items = json::Json::array();
    for (const auto& item : page.items)
        items.push_back(encode(item));
    return json::Json{{"items", std::move(items)},
                      {"nextCursor", page.nextCursor ? json::Json(*page.nextCursor) : json::Json(nullptr)}};
}

// {"items": [...]} for a list that is not paged (stats).
template <typename Rows>
json::Json itemsJson(const Rows& rows)
{
    json::Json items = json::Json::array();
    for (const auto& row : rows)
        items.push_back(toJson(row));
    return json::Json{{"items", std::move(items)}};
}

// The decoded JSON body, or the error to answer.
template <typename Decode>
auto decodeBody(const http::RequestContext& request, Decode decode) -> decltype(decode(std::declval<json::Json>()))
{
    auto body = request.jsonBody();
    if (!body)
        return std::move(body).error();
    return decode(body.value());
}

// The handler's usual tail: the error as is, or the value encoded with `status`.
template <typename T, typename Encode>
Result<http::Reply> replyWith(Result<T> result, Encode encode, int status = 200)
{
    if (!result)
        return std::move(result).error();
    return http::Reply::json(encode(result.value()), status);
}

// Encodes any DTO with its shared converter (found by argument-dependent lookup).
inline constexpr auto kToJson = [](const auto& value) { return toJson(value); };

// {"reason": "..."} (1–500 characters, nothing else): why a partner is suspended or a conversion
// flagged as fraud.
Result<std::string> decodeReasonBody(const json::Json& body);

// Partner isolation (product.md §3): a partner may see only its own affiliate's data. These answer
// NotFound rather than Forbidden for another partner's ids, so ids cannot be probed.
std::optional<AffiliateId> ownAffiliate(const http::RequestContext& request);
Status checkOwnAffiliate(const http::RequestContext& request, const AffiliateId& affiliateId, std::string_view what);

}  // namespace alpes::api
