#pragma once

#include "shared/core/result.h"
#include "shared/core/time.h"
#include "shared/json/json_decoder.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace alpes::messages {

// The one envelope every event and command travels in (product.md §4).
// `correlationId` is the saga id when a saga is involved; `key` orders delivery (per-key order).
struct Envelope {
    std::string id;
    std::string type;
    int version = 1;
    UtcTime occurredAt{};
    std::string source;
    std::string correlationId;
    std::string causationId;
    std::string key;
    json::Json payload = json::Json::object();

    friend bool operator==(const Envelope&, const Envelope&) = default;
};

// A new message with a fresh id and the given time. causation/correlation are optional.
Envelope makeEnvelope(std::string type, int version, std::string source, std::string key, json::Json payload,
                      UtcTime occurredAt);

json::Json toJson(const Envelope& envelope);
std::string serialize(const Envelope& envelope);
// The same text, with `payloadJson` (the envelope's payload already encoded, e.g. for a log) put
// in as it is instead of encoding the payload again: ingest writes every payload twice.
std::string serialize(const Envelope& envelope, std::string_view payloadJson);
// Reads an envelope; unknown envelope fields are ignored (forward compatibility).
Result<Envelope> envelopeFromJson(const json::Json& value);
Result<Envelope> deserialize(std::string_view text);

// Schema evolution: each message type has a current version; a step upgrades a payload from
// version v to v+1. A reader upcasts older messages step by step and refuses newer ones.
// Built at start-up, then read-only (thread-safe to read).
class Upcaster {
public:
    using Step = std::function<json::Json(json::Json payload)>;

    void setCurrentVersion(const std::string& type, int version);
    void addStep(const std::string& type, int fromVersion, Step step);
    int currentVersion(const std::string& type) const;

    // Brings the envelope to the current version of its type. Unknown types pass unchanged.
    Status upcast(Envelope& envelope) const;

private:
    std::map<std::string, int, std::less<>> m_current;
    std::map<std::pair<std::string, int>, Step> m_steps;
};

}  // namespace alpes::messages
