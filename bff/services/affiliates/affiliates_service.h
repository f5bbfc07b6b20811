#pragma once

#include "bff/services/affiliates/affiliate_rules.h"
#include "bff/services/service_database.h"
#include "shared/core/paging.h"
#include "shared/dto/affiliate.h"

#include <memory>

namespace alpes::services::affiliates {

struct AffiliateFilter {
    std::optional<domain::AffiliateState> state;
    std::optional<domain::AffiliateKind> kind;
    std::optional<std::string> query;  // matches name or email
};

// The partner registry. Every change commits with its event in the outbox.
// Thread-safety: all methods may be called from any thread.
class AffiliatesService {
public:
    static constexpr std::string_view kName = "affiliates";

    static Result<std::unique_ptr<AffiliatesService>> open(const ServiceDatabase::Options& options,
                                                           events::MessageBus& bus, const Clock& clock);

    Result<dto::Affiliate> registerAffiliate(const dto::AffiliateRegistration& registration);
    Result<dto::Affiliate> approve(const AffiliateId& id);
    Result<dto::Affiliate> suspend(const AffiliateId& id, const std::string& reason);
    Result<dto::Affiliate> reinstate(const AffiliateId& id);

    Result<dto::Affiliate> get(const AffiliateId& id);
    Result<Page<dto::Affiliate>> list(const AffiliateFilter& filter, const PageRequest& page);

    ServiceDatabase& database() { return *m_db; }

private:
    AffiliatesService(std::unique_ptr<ServiceDatabase> db, const Clock& clock);
    Result<dto::Affiliate> changeState(const AffiliateId& id, AffiliateAction action,
                                       std::optional<std::string> reason);

    std::unique_ptr<ServiceDatabase> m_db;
    const Clock& m_clock;
};

}  // namespace alpes::services::affiliates
