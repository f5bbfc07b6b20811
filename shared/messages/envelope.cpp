#include "shared/messages/envelope.h"

#include "shared/core/uuid.h"

namespace alpes::messages {

Envelope makeEnvelope(std::string type, int version, std::string source, std::string key, json::Json payload,
                      UtcTime occurredAt)
{
    Envelope envelope;
    envelope.id = newUuidV7();
    envelope.type = std::move(type);
    envelope.version = version;
    envelope.occurredAt = occurredAt;
    envelope.source = std::move(source);
    envelope.key = std::move(key);
    envelope.payload = std::move(payload);
    return envelope;
}

namespace {

// Every field but the payload, which is null.
json::Json headerJson(const Envelope& envelope)
{
    return json::Json{{"id", envelope.id},
                      {"type", envelope.type},
                      {"version", envelope.version},
                      {"occurredAt", formatRfc3339(envelope.occurredAt)},
                      {"source", envelope.source},
                      {"correlationId", envelope.correlationId},
                      {"causationId", envelope.causationId},
                      {"key", envelope.key},
                      {"payload", nullptr}};
}

}  // namespace

json::Json toJson(const Envelope& envelope)
{
    json::Json value = headerJson(envelope);
    value["payload"] = envelope.payload;
    return value;
}

std::string serialize(const Envelope& envelope)
{
    return serialize(envelope, envelope.payload.dump());
}

std::string serialize(const Envelope& envelope, std::string_view payloadJson)
{
    // The keys are written in order and every value before "payload" is a string, in which a quote
    // is escaped: the first `"payload":null` is the field itself.
    constexpr std::string_view kNull = "null";
    std::string text = headerJson(envelope).dump();
    const size_t at = text.find("\"payload\":null") + std::string_view("\"payload\":").size();
    text.replace(at, kNull.size(), payloadJson);
    return text;
}

Result<Envelope> envelopeFromJson(const json::Json& value)
{
    json::FieldErrors errors;
    json::ObjectReader reader(value, "", errors);
    Envelope envelope;
    auto id = reader.string("id", true, 1, 100);
    auto type = reader.string("type", true, 1, 100);
    auto version = reader.integer("version", true, 1, 1000);
    auto occurredAt = reader.time("occurredAt", true);
    auto source = reader.string("source", true, 1, 100);
    auto correlationId = reader.string("correlationId", false, 0, 200);
    auto causationId = reader.string("causationId", false, 0, 200);
    auto key = reader.string("key", false, 0, 200);
    auto payload = reader.object("payload", true);
    if (!errors.empty())
        return errors.status().error();
    envelope.id = std::move(*id);
    envelope.type = std::move(*type);
    envelope.version = static_cast<int>(*version);
    envelope.occurredAt = *occurredAt;
    envelope.source = std::move(*source);
    envelope.correlationId = correlationId.value_or("");
    envelope.causationId = causationId.value_or("");
    envelope.key = key.value_or("");
    envelope.payload = *reader.raw("payload");
    return envelope;
}

Result<Envelope> deserialize(std::string_view text)
{
    auto parsed = json::parse(text, 64);
    if (!parsed)
        return std::move(parsed).error();
    return envelopeFromJson(*parsed);
}

void Upcaster::setCurrentVersion(const std::string& type, int version)
{
    m_current[type] = version;
}

void Upcaster::addStep(const std::string& type, int fromVersion, Step step)
{
    m_steps[{type, fromVersion}] = std::move(step);
}

int Upcaster::currentVersion(const std::string& type) const
{
    const auto it = m_current.find(type);
    return it == m_current.end() ? 1 : it->second;
}

Status Upcaster::upcast(Envelope& envelope) const
{
    const int target = currentVersion(envelope.type);
    if (envelope.version > target)
        return Error::validation("version", envelope.type + " v" + std::to_string(envelope.version) +
                                                " is newer than this reader (v" + std::to_string(target) + ")");
    while (envelope.version < target) {
        const auto step = m_steps.find({envelope.type, envelope.version});
        if (step == m_steps.end())
            return Error::internal("No upcasting step for " + envelope.type + " v" +
                                   std::to_string(envelope.version));
        envelope.payload = step->second(std::move(envelope.payload));
        ++envelope.version;
    }
    return {};
}

}  // namespace alpes::messages
