#include "bff/api/request_parsing.h"

#include <httplib.h>

namespace alpes::api {

bool isUtf8(std::string_view text)
{
    for (size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        // The length of the sequence and the range of its second byte (RFC 3629, table 3-7).
        size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (i + length > text.size())
            return false;
        for (size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF))
                return false;
        }
        i += length;
    }
    return true;
}

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
    // ?limit=1&limit=500: which one the client meant is a guess; refuse instead.
    if (m_request.rawRequest().get_param_value_count(name.c_str()) > 1) {
        fail(name, "Must be given once");
        return std::nullopt;
    }
    if (!isUtf8(*value)) {
        fail(name, "Must be UTF-8 text");
        return std::nullopt;
    }
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
