#include "shared/dto/saga.h"

#include "shared/domain/campaign_terms.h"

#include <utility>

namespace alpes::dto {
namespace {

json::Json optionalText(const std::optional<std::string>& text)
{
    return text ? json::Json(*text) : json::Json(nullptr);
}

json::Json optionalTime(const std::optional<UtcTime>& time)
{
    return time ? json::Json(formatRfc3339(*time)) : json::Json(nullptr);
}

std::optional<Compensation> readCompensation(json::ObjectReader& parent)
{
    auto reader = parent.object("compensation", false);
    if (!reader || !reader->valid())
        return std::nullopt;
    auto scope = reader->enumeration("scope", true, kCompensationScopes);
    auto trigger = reader->enumeration("trigger", true, kCompensationTriggers);
    auto reason = reader->string("reason", true, 0, 2000);
    auto rule = reader->string("rule", false, 0, 200);
    auto detail = reader->string("detail", false, 0, 2000);
    if (!scope || !trigger || !reason)
        return std::nullopt;
    return Compensation{*scope, *trigger, std::move(*reason), std::move(rule), std::move(detail)};
}

std::optional<SagaStep> readStep(const json::Json& value, const std::string& path, json::FieldErrors& errors)
{
    json::ObjectReader reader(value, path, errors);
    auto name = reader.enumeration("name", true, kStepNames);
    auto service = reader.string("service", true, 1, 100);
    auto kind = reader.enumeration("kind", true, kStepKinds);
    auto state = reader.enumeration("state", true, kStepStates);
    auto startedAt = reader.time("startedAt", false);
    auto endedAt = reader.time("endedAt", false);
    auto attempts = reader.integer("attempts", true, 0, 1000000);
    auto error = reader.string("error", false, 0, 4000);
    auto outcome = reader.string("outcome", false, 0, 4000);
    auto commandIds = reader.stringArray("commandIds", false, 1000000, 200);
    auto replyId = reader.string("replyId", false, 0, 200);
    if (!name || !service || !kind || !state || !attempts)
        return std::nullopt;
    SagaStep step;
    step.name = *name;
    step.service = std::move(*service);
    step.kind = *kind;
    step.state = *state;
    step.startedAt = startedAt;
    step.endedAt = endedAt;
    step.attempts = static_cast<int>(*attempts);
    step.error = std::move(error);
    step.outcome = std::move(outcome);
    if (commandIds)
        step.commandIds = std::move(*commandIds);
    step.replyId = std::move(replyId);
    if (const auto* payload = reader.raw("payload"); payload && !payload->is_null())
        step.payload = *payload;
    return step;
}

std::optional<SagaSummary> readSummary(json::ObjectReader& reader)
{
    auto id = reader.string("id", true, 1, 100);
    auto type = reader.string("type", true, 1, 100);
    auto state = reader.enumeration("state", true, kSagaStates);
    auto conversionId = reader.string("conversionId", true, 1, 100);
    auto campaignId = reader.string("campaignId", true, 1, 100);
    auto affiliateId = reader.string("affiliateId", true, 1, 100);
    auto orderId = reader.string("orderId", true, 0, 200);
    auto amount = reader.money("amount", true);
    auto startedAt = reader.time("startedAt", true);
    auto updatedAt = reader.time("updatedAt", true);
    auto endedAt = reader.time("endedAt", false);
    auto error = reader.string("error", false, 0, 4000);
    auto compensation = readCompensation(reader);
    if (!id || !type || !state || !conversionId || !campaignId || !affiliateId || !orderId || !amount || !startedAt ||
        !updatedAt)
        return std::nullopt;
    SagaSummary saga;
    saga.id = SagaId(*id);
    saga.type = std::move(*type);
    saga.state = *state;
    saga.conversionId = ConversionId(*conversionId);
    saga.campaignId = CampaignId(*campaignId);
    saga.affiliateId = AffiliateId(*affiliateId);
    saga.orderId = std::move(*orderId);
    saga.amount = *amount;
    saga.startedAt = *startedAt;
    saga.updatedAt = *updatedAt;
    saga.endedAt = endedAt;
    saga.error = std::move(error);
    saga.compensation = std::move(compensation);
    return saga;
}

}  // namespace

json::Json toJson(const Compensation& compensation)
{
    return json::Json{{"scope", kCompensationScopes.name(compensation.scope)},
                      {"trigger", kCompensationTriggers.name(compensation.trigger)},
                      {"reason", compensation.reason},
                      {"rule", optionalText(compensation.rule)},
                      {"detail", optionalText(compensation.detail)}};
}

json::Json toJson(const SagaStep& step)
{
    return json::Json{{"name", kStepNames.name(step.name)},
                      {"service", step.service},
                      {"kind", kStepKinds.name(step.kind)},
                      {"state", kStepStates.name(step.state)},
                      {"startedAt", optionalTime(step.startedAt)},
                      {"endedAt", optionalTime(step.endedAt)},
                      {"attempts", step.attempts},
                      {"error", optionalText(step.error)},
                      {"outcome", optionalText(step.outcome)},
                      {"commandIds", step.commandIds},
                      {"replyId", optionalText(step.replyId)},
                      {"payload", step.payload ? *step.payload : json::Json(nullptr)}};
}

json::Json toJson(const SagaSummary& saga)
{
    return json::Json{{"id", saga.id.str()},
                      {"type", saga.type},
                      {"state", kSagaStates.name(saga.state)},
                      {"conversionId", saga.conversionId.str()},
                      {"campaignId", saga.campaignId.str()},
                      {"affiliateId", saga.affiliateId.str()},
                      {"orderId", saga.orderId},
                      {"amount", domain::toJson(saga.amount)},
                      {"startedAt", formatRfc3339(saga.startedAt)},
                      {"updatedAt", formatRfc3339(saga.updatedAt)},
                      {"endedAt", optionalTime(saga.endedAt)},
                      {"error", optionalText(saga.error)},
                      {"compensation", saga.compensation ? toJson(*saga.compensation) : json::Json(nullptr)}};
}

json::Json toJson(const SagaDetail& saga)
{
    auto out = toJson(saga.saga);
    json::Json steps = json::Json::array();
    for (const auto& step : saga.steps)
        steps.push_back(toJson(step));
    out["steps"] = std::move(steps);
    return out;
}

json::Json toJson(const StepChange& change)
{
    return json::Json{{"sagaId", change.sagaId.str()},
                      {"step", kStepNames.name(change.step)},
                      {"state", kStepStates.name(change.state)},
                      {"at", formatRfc3339(change.at)},
                      {"kind", kStepKinds.name(change.kind)},
                      {"sagaState", kSagaStates.name(change.sagaState)}};
}

Result<SagaSummary> decodeSagaSummary(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto saga = readSummary(reader);
    if (!errors.empty())
        return errors.status().error();
    return std::move(*saga);
}

Result<SagaDetail> decodeSagaDetail(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto saga = readSummary(reader);
    std::vector<SagaStep> steps;
    const auto* rawSteps = reader.raw("steps");
    if (!rawSteps || !rawSteps->is_array()) {
        reader.fail("steps", "Must be an array of steps");
    } else {
        for (size_t i = 0; i < rawSteps->size(); ++i)
            if (auto step = readStep((*rawSteps)[i], "steps[" + std::to_string(i) + "]", errors))
                steps.push_back(std::move(*step));
    }
    if (!errors.empty())
        return errors.status().error();
    return SagaDetail{std::move(*saga), std::move(steps)};
}

Result<StepChange> decodeStepChange(const json::Json& body)
{
    json::FieldErrors errors;
    json::ObjectReader reader(body, "", errors);
    auto sagaId = reader.string("sagaId", true, 1, 100);
    auto step = reader.enumeration("step", true, kStepNames);
    auto state = reader.enumeration("state", true, kStepStates);
    auto at = reader.time("at", true);
    auto kind = reader.enumeration("kind", true, kStepKinds);
    auto sagaState = reader.enumeration("sagaState", true, kSagaStates);
    if (!errors.empty())
        return errors.status().error();
    return StepChange{SagaId(*sagaId), *step, *state, *at, *kind, *sagaState};
}

}  // namespace alpes::dto
