#pragma once

#include "bff/services/marketing/campaign_rules.h"
#include "bff/storage/database.h"
#include "shared/core/money.h"
#include "shared/core/strong_id.h"
#include "shared/core/time.h"

#include <cstdint>
#include <optional>

namespace alpes::services::marketing {

enum class LedgerState { Reserved, Released, Refused };
inline constexpr domain::EnumNames<LedgerState, 3> kLedgerStates{{{{LedgerState::Reserved, "reserved"},
                                                                    {LedgerState::Released, "released"},
                                                                    {LedgerState::Refused, "refused"}}}};

// One conversion's line in a campaign's budget: at most one per conversion, so a repeated
// ReserveBudget finds it and answers with what it recorded. `spentAfter` and `remainingAfter` are
// the numbers of that first answer.
struct LedgerEntry {
    ConversionId conversionId;
    CampaignId campaignId;
    Money amount;
    LedgerState state = LedgerState::Reserved;
    std::optional<BudgetRefusal> refusal;
    Money spentAfter;
    Money remainingAfter;
    UtcTime requestedAt{};
    std::optional<UtcTime> releasedAt;
};

// The SQL of the budget ledger, on one connection. A campaign's spent is the sum of its entries
// that are still reserved; only the writer changes entries, so checking and reserving in one
// writer unit cannot overspend.
// Thread-safety: none; it lives inside one writer unit or one read, on that connection.
class BudgetLedger {
public:
    explicit BudgetLedger(storage::Database& db) : m_db(db) {}

    std::optional<LedgerEntry> find(const ConversionId& conversion);
    void insert(const LedgerEntry& entry);
    void markReleased(const ConversionId& conversion, UtcTime at);
    // The campaign's live reservations, in minor units of its budget's currency.
    std::int64_t liveTotal(const CampaignId& campaign);

private:
    storage::Database& m_db;
};

}  // namespace alpes::services::marketing
