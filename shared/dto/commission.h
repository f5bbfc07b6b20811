#pragma once

#include "shared/core/money.h"
#include "shared/core/result.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"
#include "shared/domain/vocabulary.h"
#include "shared/json/json_decoder.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace alpes::dto {

// One commission as GET /commissions/{id} shows it (product.md §2 Commission).
struct Commission {
    CommissionId id;
    ConversionId conversionId;
    CampaignId campaignId;
    AffiliateId affiliateId;
    Money amount;
    domain::CommissionState state = domain::CommissionState::Reserved;
    UtcTime reservedAt{};
    std::optional<UtcTime> confirmedAt;
    std::optional<UtcTime> revertedAt;
    std::optional<std::string> reason;  // why it was reverted
};

json::Json toJson(const Commission& commission);
Result<Commission> decodeCommission(const json::Json& body);

// POST /commissions/confirm-batch: either explicit ids or every reserved commission reserved
// before a time, never both, so a client cannot confirm more than it meant to.
inline constexpr size_t kMaxConfirmBatchIds = 500;

struct ConfirmBatchRequest {
    std::vector<CommissionId> ids;
    std::optional<UtcTime> olderThan;
};

Result<ConfirmBatchRequest> decodeConfirmBatchRequest(const json::Json& body);
json::Json toJson(const ConfirmBatchRequest& request);

// A commission a batch left alone; reason is `not_found`, `already_confirmed` or `already_reverted`.
struct SkippedCommission {
    CommissionId id;
    std::string reason;
};

struct ConfirmBatchResult {
    std::vector<CommissionId> confirmed;
    std::vector<SkippedCommission> skipped;
};

json::Json toJson(const ConfirmBatchResult& result);

// GET /commissions/stats: per state, how many and how much. Amounts are summed per currency
// (one entry per currency, ordered by code) because minor units of two currencies never add up.
struct CommissionTotals {
    std::int64_t count = 0;
    std::vector<Money> amounts;

    friend bool operator==(const CommissionTotals&, const CommissionTotals&) = default;
};

struct CommissionStats {
    CommissionTotals reserved;
    CommissionTotals confirmed;
    CommissionTotals reverted;

    friend bool operator==(const CommissionStats&, const CommissionStats&) = default;

    CommissionTotals& of(domain::CommissionState state);
    const CommissionTotals& of(domain::CommissionState state) const;
};

// {"reserved": {"count": 2, "amounts": [{"amount": 1200, "currency": "USD"}]}, "confirmed": ..., "reverted": ...}
json::Json toJson(const CommissionStats& stats);
Result<CommissionStats> decodeCommissionStats(const json::Json& body);

}  // namespace alpes::dto
