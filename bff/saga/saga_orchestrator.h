#pragma once

#include "bff/events/consumer.h"
#include "bff/saga/conversion_saga.h"
#include "bff/saga/saga_log.h"
#include "bff/saga/saga_options.h"
#include "bff/saga/saga_types.h"
#include "bff/services/service_database.h"
#include "shared/core/paging.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

namespace alpes::saga {

// The conversion saga orchestrator (product.md §5) with its saga log in its own SQLite file.
//
// Its consumer starts a saga for every purchase's InteractionTracked and drives it with the
// services' replies; every transition commits together with the commands it sends (write-ahead).
// runDueTimers() acts on overdue replies, re-sends with backoff and ends of hold periods: the
// engine calls it from the saga runner thread. State lives only in the database, so a restart
// resumes every unfinished saga where it stopped.
//
// Thread-safety: every method may be called from any thread. Transitions run as units on the
// writer thread, one saga per unit, so no lock is held across a step and any number of sagas can
// be in flight; queries read through the reader pool.
class SagaOrchestrator {
public:
    static constexpr std::string_view kName = "sagas";

    static Result<std::unique_ptr<SagaOrchestrator>> open(const services::ServiceDatabase::Options& options,
                                                          events::MessageBus& bus, const Clock& clock,
                                                          SagaOptions sagaOptions = {});
    ~SagaOrchestrator();
    SagaOrchestrator(const SagaOrchestrator&) = delete;
    SagaOrchestrator& operator=(const SagaOrchestrator&) = delete;

    // One saga with its steps in plan order (GET /sagas/{id}, the console's timeline).
    Result<SagaDetail> get(const SagaId& id);
    Result<SagaDetail> getByConversion(const ConversionId& conversion);
    // Newest first; the cursor is the last saga id seen.
    Result<Page<SagaSummary>> list(const SagaFilter& filter, const PageRequest& page);
    // Every state, with 0 for the ones no saga is in.
    Result<std::map<SagaState, std::int64_t>> countByState();

    // A manager flags a conversion as fraud (also after the saga completed: a clawback): the full
    // compensation starts, recorded with the rule "manual" and the reason. Flagging a conversion
    // whose fraud compensation is already under way changes nothing. NotFound for an unknown one.
    Result<SagaDetail> flagFraud(const ConversionId& conversion, const std::string& reason);
    // Operator actions (docs/saga.md): retry re-runs a failed saga's failed step with its attempts
    // reset; abort compensates a saga in flight or gives up on a failed one. Conflict otherwise.
    Result<SagaDetail> retry(const SagaId& id);
    Result<SagaDetail> abort(const SagaId& id);

    // Acts on every timer due now, one unit per saga, and returns how many sagas it moved on.
    Result<size_t> runDueTimers();

    // Each listener is called on the writer thread after the commit that made each step change
    // (the live stream, metrics, a benchmark can each add one); add them before messages flow.
    // Listeners are told at least once: should a commit itself fail, the change is made again by
    // the redelivery and told again.
    void addStepListener(StepListener listener);

    const SagaOptions& options() const { return m_options; }
    events::Consumer& consumer() { return m_consumer; }
    services::ServiceDatabase& database() { return *m_db; }

private:
    SagaOrchestrator(std::unique_ptr<services::ServiceDatabase> db, const Clock& clock, SagaOptions options);

    Status apply(storage::Database& db, const messages::Envelope& message);
    Status startSaga(storage::Database& db, const messages::Envelope& message);
    Status copyCampaign(storage::Database& db, const messages::Envelope& message);
    Status applyReply(storage::Database& db, const messages::Envelope& message);
    // Saves the saga with the commands it sends, and queues its step changes for the listener.
    void persist(storage::Database& db, ConversionSaga& saga);
    // Runs `transition` on one saga in a writer unit and answers the saga as it then is.
    Result<SagaDetail> transact(const SagaId& id, const std::function<Status(ConversionSaga&, UtcTime)>& transition);
    void announceChanges();
    // How late the messages the saga consumes arrive, for runDueTimers() to tell a slow reply
    // from a lost one.
    void noteInboundLag(const messages::Envelope& message);
    std::optional<UtcTime> replyExpectedBy(SagaLog& log, const StepRecord& step, UtcTime now) const;

    std::unique_ptr<services::ServiceDatabase> m_db;
    const Clock& m_clock;
    SagaOptions m_options;
    messages::Upcaster m_upcaster;
    events::Consumer m_consumer;
    std::vector<StepListener> m_listeners;
    // Step changes of the units of the batch being written; touched on the writer thread only.
    std::vector<StepChange> m_unannounced;
    // The delay between a consumed message's occurredAt and its arrival, and when it was seen
    // (epoch ms on m_clock); written on the writer thread, read by the runner.
    std::atomic<std::int64_t> m_inboundLagMillis{0};
    std::atomic<std::int64_t> m_inboundLagSeenAt{0};
};

}  // namespace alpes::saga
