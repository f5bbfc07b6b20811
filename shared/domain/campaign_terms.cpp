#include "shared/domain/campaign_terms.h"

#include <cmath>

namespace alpes::domain {

json::Json toJson(const Money& money)
{
    return json::Json{{"amount", money.amount()}, {"currency", money.currency()}};
}

json::Json toJson(const CommissionTerms& terms)
{
    json::Json out{{"type", kCommissionTypes.name(terms.type)}};
    if (terms.type == CommissionType::Percent)
        out["rate"] = static_cast<double>(terms.ratePpm) / 10000.0;
    if (terms.fixedAmount)
        out["amount"] = toJson(*terms.fixedAmount);
    if (terms.minimum)
        out["minimum"] = toJson(*terms.minimum);
    if (terms.maximum)
        out["maximum"] = toJson(*terms.maximum);
    return out;
}

json::Json toJson(const AttributionSettings& settings)
{
    json::Json out{{"model", kAttributionModels.name(settings.model)}, {"windowDays", settings.windowDays}};
    if (settings.model == AttributionModel::TimeDecay)
        out["halfLifeDays"] = settings.halfLifeDays;
    return out;
}

std::optional<CommissionTerms> readCommissionTerms(json::ObjectReader& parent, std::string_view key,
                                                   const std::optional<std::string>& currency)
{
    auto reader = parent.object(key, true);
    if (!reader)
        return std::nullopt;
    CommissionTerms terms;
    const auto type = reader->enumeration("type", true, kCommissionTypes);
    bool valid = type.has_value();
    if (type == CommissionType::Percent) {
        const auto rate = reader->number("rate", true, 0.0001, 100.0);
        valid = valid && rate.has_value();
        if (rate)
            terms.ratePpm = std::llround(*rate * 10000.0);
    } else if (type == CommissionType::Fixed) {
        terms.fixedAmount = reader->money("amount", true);
        if (terms.fixedAmount && terms.fixedAmount->amount() <= 0) {
            reader->fail("amount", "Must be greater than zero");
            valid = false;
        }
        valid = valid && terms.fixedAmount.has_value();
    }
    terms.minimum = reader->money("minimum", false);
    terms.maximum = reader->money("maximum", false);
    if (terms.minimum && terms.minimum->isNegative()) {
        reader->fail("minimum", "Must not be negative");
        valid = false;
    }
    if (terms.minimum && terms.maximum && terms.minimum->sameCurrency(*terms.maximum) &&
        terms.minimum->amount() > terms.maximum->amount()) {
        reader->fail("maximum", "Must not be less than minimum");
        valid = false;
    }
    if (currency) {
        const std::pair<const char*, const std::optional<Money>*> monies[] = {
            {"amount", &terms.fixedAmount}, {"minimum", &terms.minimum}, {"maximum", &terms.maximum}};
        for (const auto& [field, money] : monies) {
            if (*money && (*money)->currency() != *currency) {
                reader->fail(field, "Must be in the budget's currency (" + *currency + ")");
                valid = false;
            }
        }
    }
    reader->rejectUnknownFields();
    if (!valid)
        return std::nullopt;
    terms.type = *type;
    return terms;
}

std::optional<AttributionSettings> readAttributionSettings(json::ObjectReader& parent, std::string_view key)
{
    AttributionSettings settings;
    auto reader = parent.object(key, false);
    if (!reader)
        return parent.has(key) ? std::nullopt : std::optional<AttributionSettings>(settings);
    const auto model = reader->enumeration("model", false, kAttributionModels);
    const auto window = reader->integer("windowDays", false, 1, 365);
    const auto halfLife = reader->number("halfLifeDays", false, 0.01, 365.0);
    const bool failed = (reader->has("model") && !model) || (reader->has("windowDays") && !window) ||
                        (reader->has("halfLifeDays") && !halfLife);
    reader->rejectUnknownFields();
    if (failed)
        return std::nullopt;
    settings.model = model.value_or(AttributionModel::LastTouch);
    settings.windowDays = static_cast<int>(window.value_or(30));
    settings.halfLifeDays = halfLife.value_or(7.0);
    return settings;
}

}  // namespace alpes::domain
