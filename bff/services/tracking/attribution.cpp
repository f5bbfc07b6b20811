#include "bff/services/tracking/attribution.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace alpes::services::tracking {
namespace {

using domain::AttributionModel;

// Weights are integers so that splitting money by them is exact arithmetic, not rounding luck.
using Weight = std::int64_t;
__extension__ using Int128 = __int128;

// Time-decay weights are 2^(-age/halfLife), kept to nine digits: finer than any minor unit.
constexpr double kDecayScale = 1e9;
constexpr double kMillisPerDay = 86'400'000.0;

std::vector<Weight> modelWeights(const domain::AttributionSettings& settings, std::span<const Touchpoint> journey)
{
    const size_t count = journey.size();
    std::vector<Weight> weights(count, 0);
    switch (settings.model) {
    case AttributionModel::LastTouch:
        weights.back() = 1;
        break;
    case AttributionModel::FirstTouch:
        weights.front() = 1;
        break;
    case AttributionModel::Linear:
        std::fill(weights.begin(), weights.end(), 1);
        break;
    case AttributionModel::PositionBased:
        if (count <= 2) {
            std::fill(weights.begin(), weights.end(), 1);
        } else {
            // 40 % each to the first and the last, 20 % shared by the middle: in units of
            // 1 / (10 × middle) that is 4 × middle, 4 × middle and 2 for each middle one.
            const auto middle = static_cast<Weight>(count - 2);
            std::fill(weights.begin(), weights.end(), 2);
            weights.front() = weights.back() = 4 * middle;
        }
        break;
    case AttributionModel::TimeDecay: {
        // Measured from the newest touchpoint rather than the conversion: the ratios are the same
        // and the newest weight is always the full scale, so the total can never round to zero.
        const double halfLifeMillis = settings.halfLifeDays * kMillisPerDay;
        const UtcTime newest = journey.back().occurredAt;
        for (size_t i = 0; i < count; ++i) {
            const auto olderBy = static_cast<double>((newest - journey[i].occurredAt).count());
            weights[i] = std::llround(kDecayScale * std::exp2(-olderBy / halfLifeMillis));
        }
        break;
    }
    }
    return weights;
}

struct AffiliateWeight {
    Weight weight = 0;
    UtcTime latest{};
};

}  // namespace

UtcTime windowStart(UtcTime conversionAt, int windowDays)
{
    return conversionAt - std::chrono::days{windowDays};
}

Attribution attribute(const domain::AttributionSettings& settings, std::span<const Touchpoint> touchpoints,
                      UtcTime conversionAt, const Money& amount)
{
    const UtcTime from = windowStart(conversionAt, settings.windowDays);
    std::vector<Touchpoint> journey;
    std::copy_if(touchpoints.begin(), touchpoints.end(), std::back_inserter(journey),
                 [&](const Touchpoint& t) { return t.occurredAt >= from && t.occurredAt <= conversionAt; });
    std::sort(journey.begin(), journey.end(), [](const Touchpoint& a, const Touchpoint& b) {
        return std::tie(a.occurredAt, a.interactionId) < std::tie(b.occurredAt, b.interactionId);
    });
    Attribution result;
    if (journey.empty())
        return result;

    const std::vector<Weight> weights = modelWeights(settings, journey);
    const Weight total = std::accumulate(weights.begin(), weights.end(), Weight{0});
    std::map<AffiliateId, AffiliateWeight> byAffiliate;
    for (size_t i = 0; i < journey.size(); ++i) {
        result.touchpoints.push_back({journey[i], static_cast<double>(weights[i]) / static_cast<double>(total)});
        auto& affiliate = byAffiliate[journey[i].affiliateId];
        affiliate.weight += weights[i];
        affiliate.latest = std::max(affiliate.latest, journey[i].occurredAt);
    }

    struct Split {
        AffiliateId affiliateId;
        AffiliateWeight weight;
        std::int64_t minorUnits = 0;
        Int128 remainder = 0;
    };
    std::vector<Split> splits;
    std::int64_t allocated = 0;
    for (const auto& [affiliateId, weight] : byAffiliate) {
        if (weight.weight == 0)
            continue;  // a zero-weight touchpoint (last touch's earlier ones) earns nothing
        const Int128 product = static_cast<Int128>(amount.amount()) * weight.weight;
        const auto quota = static_cast<std::int64_t>(product / total);
        splits.push_back({affiliateId, weight, quota, product % total});
        allocated += quota;
    }
    std::sort(splits.begin(), splits.end(), [](const Split& a, const Split& b) {
        if (a.remainder != b.remainder)
            return a.remainder > b.remainder;
        if (a.weight.latest != b.weight.latest)
            return a.weight.latest > b.weight.latest;
        return a.affiliateId < b.affiliateId;
    });
    // Fewer minor units are left than there are affiliates, so one each is enough.
    for (std::int64_t left = amount.amount() - allocated, i = 0; left > 0; --left, ++i)
        ++splits[static_cast<size_t>(i)].minorUnits;

    for (const Split& split : splits)
        result.shares.push_back({split.affiliateId,
                                 static_cast<double>(split.weight.weight) / static_cast<double>(total),
                                 Money::of(split.minorUnits, amount.currency()).value()});
    std::sort(result.shares.begin(), result.shares.end(), [](const AffiliateShare& a, const AffiliateShare& b) {
        if (a.amount.amount() != b.amount.amount())
            return a.amount.amount() > b.amount.amount();
        return a.affiliateId < b.affiliateId;
    });
    return result;
}

}  // namespace alpes::services::tracking
