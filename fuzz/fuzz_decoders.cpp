// libFuzzer target: every decoder of untrusted text in shared/ and the commissions service's
// messages. The first byte picks the decoder, the rest is its input. A decoder may refuse
// anything; what it accepts must encode again and decode to an accepted value (the console reads
// what the server writes), and nothing may crash, leak or hit undefined behaviour.
#include "bff/services/commissions/commission_messages.h"
#include "shared/core/paging.h"
#include "shared/core/time.h"
#include "shared/dto/affiliate.h"
#include "shared/dto/auth.h"
#include "shared/dto/campaign.h"
#include "shared/dto/commission.h"
#include "shared/dto/interaction.h"
#include "shared/dto/problem.h"
#include "shared/dto/saga.h"
#include "shared/json/json_decoder.h"
#include "shared/messages/envelope.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <vector>

namespace {

using namespace alpes;
using alpes::json::Json;

[[noreturn]] void broken(const char* what)
{
    std::fprintf(stderr, "fuzz_decoders: %s\n", what);
    std::abort();
}

// A fixed "now" keeps the interaction rules (30 days back, 5 minutes ahead) deterministic.
const UtcTime kNow = parseRfc3339("2026-11-23T12:00:00Z").value();

// Decodes; when accepted, encodes and decodes the result again, which must be accepted too.
template <typename Decode>
void roundTrip(const Json& value, Decode decode)
{
    auto decoded = decode(value);
    if (!decoded)
        return;
    if constexpr (requires { toJson(decoded.value()); }) {
        const Json encoded = toJson(decoded.value());
        (void)encoded.dump();  // throws on invalid UTF-8: a decoder let some through
        if (!decode(encoded))
            broken("an accepted value does not decode again after encoding");
    }
}

using JsonDecoder = std::function<void(const Json&)>;

const std::vector<JsonDecoder>& jsonDecoders()
{
    namespace commissions = services::commissions;
    static const std::vector<JsonDecoder> decoders{
        [](const Json& v) { roundTrip(v, dto::decodeAffiliateRegistration); },
        [](const Json& v) { roundTrip(v, dto::decodeAffiliate); },
        [](const Json& v) { roundTrip(v, dto::decodeLoginRequest); },
        [](const Json& v) { roundTrip(v, dto::decodeSession); },
        [](const Json& v) { roundTrip(v, dto::decodeMe); },
        [](const Json& v) { roundTrip(v, dto::decodeNewUser); },
        [](const Json& v) { roundTrip(v, dto::decodeUser); },
        [](const Json& v) { roundTrip(v, dto::decodeNewApiKey); },
        [](const Json& v) { roundTrip(v, dto::decodeCampaignDraft); },
        [](const Json& v) { roundTrip(v, dto::decodeCampaignPatch); },
        [](const Json& v) { roundTrip(v, dto::decodeCampaign); },
        [](const Json& v) { roundTrip(v, dto::decodeCommission); },
        [](const Json& v) { roundTrip(v, dto::decodeConfirmBatchRequest); },
        [](const Json& v) { roundTrip(v, [](const Json& j) { return dto::decodeInteractionInput(j, kNow); }); },
        [](const Json& v) { roundTrip(v, dto::decodeInteraction); },
        [](const Json& v) { roundTrip(v, dto::decodeDailyCount); },
        [](const Json& v) { roundTrip(v, dto::decodeMinuteCount); },
        [](const Json& v) { roundTrip(v, dto::decodeAffiliateCampaignStats); },
        [](const Json& v) { roundTrip(v, dto::decodeProblem); },
        [](const Json& v) { roundTrip(v, dto::decodeSagaSummary); },
        [](const Json& v) { roundTrip(v, dto::decodeSagaDetail); },
        [](const Json& v) { roundTrip(v, dto::decodeStepChange); },
        [](const Json& v) { roundTrip(v, commissions::decodeReserveCommission); },
        [](const Json& v) { roundTrip(v, commissions::decodeConfirmCommission); },
        [](const Json& v) { roundTrip(v, commissions::decodeRevertCommission); },
        [](const Json& v) { roundTrip(v, commissions::decodeCommissionReserved); },
        [](const Json& v) { roundTrip(v, commissions::decodeCommissionConfirmed); },
        [](const Json& v) { roundTrip(v, commissions::decodeCommissionReverted); },
        [](const Json& v) { roundTrip(v, commissions::decodeAffiliateStatusChange); },
        [](const Json& v) { roundTrip(v, messages::envelopeFromJson); },
    };
    return decoders;
}

// Decoders of plain text; the selector bytes after the JSON decoders pick these.
void decodeText(unsigned selector, std::string_view text)
{
    switch (selector % 3) {
    case 0: {
        // A cursor is opaque to clients: any text must be refused or decoded, and every sort key
        // must survive encoding.
        (void)decodeCursor(text);
        auto back = decodeCursor(encodeCursor(text));
        if (!text.empty() && text.size() <= 384 && (!back || back.value() != text))
            broken("a cursor does not decode to the sort key it was made from");
        break;
    }
    case 1: {
        auto time = parseRfc3339(text);
        if (!time)
            break;
        auto again = parseRfc3339(formatRfc3339(time.value()));
        if (!again || again.value() != time.value())
            broken("a parsed time does not format and parse back to itself");
        break;
    }
    default: {
        auto envelope = messages::deserialize(text);
        if (!envelope)
            break;
        auto again = messages::deserialize(messages::serialize(envelope.value()));
        if (!again || again.value() != envelope.value())
            broken("an envelope does not serialize and deserialize back to itself");
        break;
    }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const unsigned selector = data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto& decoders = jsonDecoders();
    if (selector < decoders.size()) {
        auto value = json::parse(text);
        if (value)
            decoders[selector](value.value());
    } else {
        decodeText(selector - static_cast<unsigned>(decoders.size()), text);
    }
    return 0;
}
