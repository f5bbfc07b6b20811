#include "bff/api/request_parsing.h"

namespace alpes::api {

PageRequest QueryReader::page()
{
    PageRequest page;
    if (auto limit = text("limit", 20)) {
        try {
            size_t used = 0;
            const long long value = std::stoll(*limit, &used);
            if (used != limit->size() || value < 1 || value > static_cast<long long>(PageRequest::kMaxLimit))
                throw std::out_of_range("limit");
            page.limit = static_cast<size_t>(value);
        } catch (const std::exception&) {
            fail("limit", "Must be a whole number from 1 to " + std::to_string(PageRequest::kMaxLimit));
        }
    }
    if (auto cursor = text("cursor", 400)) {
        auto after = decodeCursor(*cursor);
        if (after)
            page.after = std::move(after).value();
        else
            fail("cursor", "Is not a cursor this API gave out");
    }
    return page;
}

std::optional<std::string> QueryReader::text(const std::string& name, size_t maxLength)
{
    auto value = m_request.query(name);
    if (!value)
        return std::nullopt;
    if (value->empty() || value->size() > maxLength) {
        fail(name, "Must be 1 to " + std::to_string(maxLength) + " characters");
        return std::nullopt;
    }
    return value;
}

std::optional<UtcTime> QueryReader::time(const std::string& name)
{
    const auto value = text(name, 40);
    if (!value)
        return std::nullopt;
    auto parsed = parseRfc3339(*value);
    if (!parsed) {
        fail(name, "Must be an RFC 3339 UTC time such as 2026-11-22T18:00:00.000Z");
        return std::nullopt;
    }
    return parsed.value();
}

std::optional<std::chrono::sys_days> QueryReader::day(const std::string& name)
{
    const auto value = text(name, 10);
    if (!value)
        return std::nullopt;
    auto parsed = parseRfc3339(*value + "T00:00:00Z");
    if (value->size() != 10 || !parsed) {
        fail(name, "Must be a day such as 2026-11-22");
        return std::nullopt;
    }
    return std::chrono::floor<std::chrono::days>(parsed.value());
}

Status QueryReader::status() const
{
    if (m_errors.empty())
        return {};
    return Error::validation(m_errors, "The query has invalid parameters");
}

Result<std::string> decodeReasonBody(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto reason = reader.string("reason", true, 1, 500);
    reader.rejectUnknownFields();
    if (!errors.empty())
        return errors.status().error();
    return std::move(*reason);
}

std::optional<AffiliateId> ownAffiliate(const http::RequestContext& request)
{
    const auto& principal = request.principal();
    if (principal && principal->isPartner())
        return principal->affiliateId.value_or(AffiliateId("-"));
    return std::nullopt;
}

Status checkOwnAffiliate(const http::RequestContext& request, const AffiliateId& affiliateId, std::string_view what)
{
    const auto own = ownAffiliate(request);
    if (own && *own != affiliateId)
        return Error::notFound("No " + std::string(what) + " with id " + request.param("id"));
    return {};
}

}  // namespace alpes::api
