#pragma once

#include "bff/gateway/gateway_database.h"
#include "shared/core/time.h"

#include <chrono>
#include <optional>
#include <string>

namespace alpes::gateway {

// The first answer to each (caller, Idempotency-Key), kept so that a retried write gets the same
// answer instead of doing the work twice (product.md §3). A key is claimed before the work runs,
// so two concurrent requests with one key cannot both do it.
// Thread-safety: every method may be called from any thread.
class IdempotencyStore {
public:
    struct StoredResponse {
        int status = 200;
        std::string contentType;
        std::string body;
    };

    enum class Verdict {
        Proceed,     // first use: do the work, then complete() or abandon()
        Replay,      // same request seen: answer `response`
        Mismatch,    // the key was used for another request: 422
        InProgress,  // the first request with this key is still running: 409
    };

    struct Claim {
        Verdict verdict = Verdict::Proceed;
        std::optional<StoredResponse> response;
    };

    // A claim older than this with no answer belongs to a request that died (e.g. kill -9): it
    // may be taken over.
    static constexpr std::chrono::seconds kAbandonedAfter{60};

    IdempotencyStore(GatewayDatabase& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    Result<Claim> claim(const std::string& principal, const std::string& key, const std::string& method,
                        const std::string& path, const std::string& bodyHash);
    Status complete(const std::string& principal, const std::string& key, const StoredResponse& response);
    // Frees the key after a failure worth retrying (5xx, 429), so the retry does the work.
    Status abandon(const std::string& principal, const std::string& key);
    // Frees every claim that has no answer. Only at start-up, before the server takes requests: one
    // process owns bff.db, so such a claim belongs to a request that died with the previous process,
    // and its retry should do the work now rather than get 409 until kAbandonedAfter. Answers how many.
    Result<size_t> releaseUnanswered();
    // Keys older than `before` are forgotten; answers how many.
    Result<size_t> purgeOlderThan(UtcTime before);

private:
    GatewayDatabase& m_db;
    const Clock& m_clock;
};

}  // namespace alpes::gateway
