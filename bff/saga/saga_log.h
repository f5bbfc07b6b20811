#pragma once

#include "bff/saga/saga_record.h"
#include "bff/storage/database.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace alpes::saga {

// The SQL of the saga log on one connection: sagas, their steps, and the saga's copy of campaigns.
// Functions throw SqlError like any storage call; rows that do not read back are reported the same
// way (corruption).
// Thread-safety: none; it lives inside one writer unit or one read, on that connection.
class SagaLog {
public:
    explicit SagaLog(storage::Database& db) : m_db(db) {}

    std::optional<SagaRecord> load(const SagaId& id);
    std::optional<SagaId> sagaOf(const ConversionId& conversion);
    // Inserts a new saga or updates it, and writes back its new and changed steps.
    void save(SagaRecord& record);

    // The campaign's hold period, or the default one when the saga has no copy of the campaign.
    std::chrono::seconds holdPeriodOf(const CampaignId& campaign);
    // Keeps the newest copy (an older updatedAt never overwrites a newer one) and moves the end of
    // the hold period of the campaign's reserved sagas, so that shortening it applies at once.
    void saveCampaign(const CampaignId& campaign, std::int64_t holdPeriodSeconds, UtcTime updatedAt);

    // True while a command is still in the saga's outbox: committed, not yet delivered.
    bool stillQueued(const std::string& messageId);

    // Sagas with a step timer or a hold period that is due at `now`, soonest first.
    std::vector<SagaId> dueSagas(UtcTime now, size_t limit);

    std::vector<SagaSummary> list(const SagaFilter& filter, const std::optional<std::string>& after, size_t limit);
    std::map<SagaState, std::int64_t> countByState();

private:
    void saveStep(const SagaId& saga, size_t position, const StepRecord& step);

    storage::Database& m_db;
};

}  // namespace alpes::saga
