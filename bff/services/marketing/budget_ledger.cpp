#include "bff/services/marketing/budget_ledger.h"

#include "bff/services/marketing/stored_values.h"

namespace alpes::services::marketing {

std::optional<LedgerEntry> BudgetLedger::find(const ConversionId& conversion)
{
    auto stmt = m_db.prepare("SELECT campaign_id, amount, currency, state, reason, spent_after, remaining_after,"
                             " requested_at, released_at FROM budget_ledger WHERE conversion_id = ?");
    stmt.bind(1, conversion.str());
    if (!stmt.step())
        return std::nullopt;
    const std::string currency = stmt.textAt(2);
    LedgerEntry entry;
    entry.conversionId = conversion;
    entry.campaignId = CampaignId(stmt.textAt(0));
    entry.amount = storedMoney(stmt.int64At(1), currency);
    entry.state = storedEnum(kLedgerStates, stmt.textAt(3));
    if (auto reason = stmt.optionalTextAt(4))
        entry.refusal = storedEnum(kBudgetRefusals, *reason);
    entry.spentAfter = storedMoney(stmt.int64At(5), currency);
    entry.remainingAfter = storedMoney(stmt.int64At(6), currency);
    entry.requestedAt = fromEpochMillis(stmt.int64At(7));
    if (auto released = stmt.optionalInt64At(8))
        entry.releasedAt = fromEpochMillis(*released);
    return entry;
}

void BudgetLedger::insert(const LedgerEntry& entry)
{
    m_db.prepare("INSERT INTO budget_ledger(conversion_id, campaign_id, amount, currency, state, reason, spent_after,"
                 " remaining_after, requested_at, released_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(entry.conversionId.str(), entry.campaignId.str(), entry.amount.amount(), entry.amount.currency(),
                 kLedgerStates.name(entry.state),
                 entry.refusal ? std::optional<std::string_view>(kBudgetRefusals.name(*entry.refusal)) : std::nullopt,
                 entry.spentAfter.amount(), entry.remainingAfter.amount(), toEpochMillis(entry.requestedAt),
                 entry.releasedAt ? std::optional<std::int64_t>(toEpochMillis(*entry.releasedAt)) : std::nullopt)
        .run();
}

void BudgetLedger::markReleased(const ConversionId& conversion, UtcTime at)
{
    m_db.prepare("UPDATE budget_ledger SET state = ?, released_at = ? WHERE conversion_id = ?")
        .bindAll(kLedgerStates.name(LedgerState::Released), toEpochMillis(at), conversion.str())
        .run();
}

std::int64_t BudgetLedger::liveTotal(const CampaignId& campaign)
{
    // Kept by the ledger's triggers (migration 3): the sum of the campaign's live reservations.
    auto stmt = m_db.prepare("SELECT amount FROM budget_reserved WHERE campaign_id = ?");
    stmt.bind(1, campaign.str());
    return stmt.step() ? stmt.int64At(0) : 0;
}

}  // namespace alpes::services::marketing
