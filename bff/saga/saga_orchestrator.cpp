#include "bff/saga/saga_orchestrator.h"

#include "bff/events/outbox.h"
#include "bff/messages/message_types.h"
#include "bff/saga/saga_migrations.h"
#include "shared/dto/campaign.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <latch>

namespace alpes::saga {
namespace {

namespace types = messages::types;

// How many due sagas the runner takes per scan, and how many scans one runDueTimers() makes at
// most, so that stopping the runner waits for a bounded amount of work.
constexpr size_t kDueBatch = 512;
constexpr int kMaxScans = 8;
constexpr size_t kMaxFraudReasonLength = 500;

events::Consumer::Options consumerOptions()
{
    events::Consumer::Options options{.name = std::string(SagaOrchestrator::kName)};
    for (const auto type : {types::kInteractionTracked, types::kCampaignCreated, types::kCampaignUpdated,
                            types::kConversionAttributed, types::kConversionUnattributed, types::kFraudDetected,
                            types::kCommissionReserved, types::kBudgetReserved, types::kBudgetExceeded,
                            types::kCommissionConfirmed, types::kBudgetReleased, types::kCommissionReverted,
                            types::kAttributionReverted, types::kInteractionsDiscarded})
        options.types.emplace(type);
    // Only a purchase starts a saga: views and clicks (nearly all the traffic) need no unit and
    // no inbox row in the saga log.
    options.relevant = [](const messages::Envelope& message) {
        return message.type != types::kInteractionTracked || isPurchaseTracked(message.payload);
    };
    return options;
}

SagaDetail detailOf(const SagaRecord& record)
{
    SagaDetail detail{record.saga, {}};
    detail.steps.reserve(record.steps.size());
    for (const auto& step : record.steps)
        detail.steps.push_back(step.step);
    return detail;
}

Error unknownSaga(const std::string& id)
{
    return Error::notFound("No saga with id " + id);
}

}  // namespace

Result<std::unique_ptr<SagaOrchestrator>> SagaOrchestrator::open(const services::ServiceDatabase::Options& options,
                                                                 events::MessageBus& bus, const Clock& clock,
                                                                 SagaOptions sagaOptions)
{
    auto db = services::ServiceDatabase::open(options, migrations(), bus);
    if (!db)
        return std::move(db).error();
    return std::unique_ptr<SagaOrchestrator>(
        new SagaOrchestrator(std::move(db).value(), clock, std::move(sagaOptions)));
}

SagaOrchestrator::SagaOrchestrator(std::unique_ptr<services::ServiceDatabase> db, const Clock& clock,
                                   SagaOptions options)
    : m_db(std::move(db)),
      m_clock(clock),
      m_options(std::move(options)),
      m_consumer(consumerOptions(), m_db->writer(), m_upcaster,
                 [this](storage::Database& writerDb, const messages::Envelope& message) {
                     return apply(writerDb, message);
                 })
{
    // Replaces the database's own listener, which only wakes the relay, to also tell the step
    // changes once their batch is committed.
    m_db->writer().setCommitListener([this] {
        m_db->relay().notify();
        announceChanges();
    });
}

SagaOrchestrator::~SagaOrchestrator()
{
    // The writer thread calls back into this object (units, commit listener): stop it first.
    m_db->stopPublishing(std::chrono::milliseconds{0});
    m_db->stopWriting();
}

void SagaOrchestrator::addStepListener(StepListener listener)
{
    m_listeners.push_back(std::move(listener));
}

void SagaOrchestrator::announceChanges()
{
    for (const auto& listener : m_listeners)
        for (const auto& change : m_unannounced)
            listener(change);
    m_unannounced.clear();
}

void SagaOrchestrator::noteInboundLag(const messages::Envelope& message)
{
    const UtcTime now = m_clock.now();
    m_inboundLagMillis.store(std::max<std::int64_t>(0, (now - message.occurredAt).count()));
    m_inboundLagSeenAt.store(toEpochMillis(now));
}

std::optional<UtcTime> SagaOrchestrator::replyExpectedBy(SagaLog& log, const StepRecord& step, UtcTime now) const
{
    // The command has not even left: the relay is behind, nothing is lost.
    if (!step.step.commandIds.empty() && log.stillQueued(step.step.commandIds.back()))
        return now + m_options.stepTimeout;
    // Replies arriving now were sent `lag` ago: while that lag is fresh, a reply is only overdue
    // once it is later than the timeout plus the lag.
    const bool lagIsFresh = toEpochMillis(now) - m_inboundLagSeenAt.load() <= m_options.stepTimeout.count();
    if (!lagIsFresh || !step.lastSentAt)
        return std::nullopt;
    return *step.lastSentAt + m_options.stepTimeout + Millis(m_inboundLagMillis.load());
}

Status SagaOrchestrator::apply(storage::Database& db, const messages::Envelope& message)
{
    noteInboundLag(message);
    if (message.type == types::kInteractionTracked)
        return startSaga(db, message);
    if (message.type == types::kCampaignCreated || message.type == types::kCampaignUpdated)
        return copyCampaign(db, message);
    return applyReply(db, message);
}

Status SagaOrchestrator::startSaga(storage::Database& db, const messages::Envelope& message)
{
    const auto purchase = readPurchaseTracked(message.payload);
    if (!purchase)
        return purchase.error();
    if (!*purchase)
        return {};  // not a purchase: no saga
    SagaLog log(db);
    if (log.sagaOf((*purchase)->conversionId))
        return {};  // the same purchase again: its saga exists
    auto saga = ConversionSaga::begin(**purchase, message.id, log.holdPeriodOf((*purchase)->campaignId), m_options,
                                      m_clock.now());
    persist(db, saga);
    return {};
}

Status SagaOrchestrator::copyCampaign(storage::Database& db, const messages::Envelope& message)
{
    const auto campaign = dto::decodeCampaign(message.payload);
    if (!campaign)
        return campaign.error();
    SagaLog(db).saveCampaign(campaign->id, campaign->holdPeriodSeconds, campaign->updatedAt);
    return {};
}

Status SagaOrchestrator::applyReply(storage::Database& db, const messages::Envelope& message)
{
    const auto reply = readReply(message);
    if (!reply)
        return reply.error();
    SagaLog log(db);
    std::optional<SagaRecord> record;
    if (!message.correlationId.empty())
        record = log.load(SagaId(message.correlationId));
    if (!record)
        if (const auto id = log.sagaOf(ConversionId(message.key)))
            record = log.load(*id);
    if (!record) {
        spdlog::warn("saga: {} {} belongs to no saga (correlation '{}', key '{}'); ignored", message.type, message.id,
                     message.correlationId, message.key);
        return {};
    }
    ConversionSaga saga(std::move(*record), m_options);
    if (!saga.onReply(message, *reply, m_clock.now())) {
        spdlog::info("saga {}: {} {} ignored: the step it answers is no longer running", saga.record().saga.id.str(),
                     message.type, message.id);
        return {};
    }
    persist(db, saga);
    return {};
}

void SagaOrchestrator::persist(storage::Database& db, ConversionSaga& saga)
{
    SagaLog(db).save(saga.record());
    for (const auto& command : saga.takeOutgoing())
        events::appendToOutbox(db, command);
    auto changes = saga.takeChanges();
    m_unannounced.insert(m_unannounced.end(), changes.begin(), changes.end());
}

Result<SagaDetail> SagaOrchestrator::transact(const SagaId& id,
                                              const std::function<Status(ConversionSaga&, UtcTime)>& transition)
{
    return m_db->writer().run([&](storage::Database& db) -> Result<SagaDetail> {
        auto record = SagaLog(db).load(id);
        if (!record)
            return unknownSaga(id.str());
        ConversionSaga saga(std::move(*record), m_options);
        if (Status done = transition(saga, m_clock.now()); !done)
            return std::move(done).error();
        persist(db, saga);
        return detailOf(saga.record());
    });
}

Result<SagaDetail> SagaOrchestrator::get(const SagaId& id)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<SagaDetail> {
        const auto record = SagaLog(db).load(id);
        if (!record)
            return unknownSaga(id.str());
        return detailOf(*record);
    });
}

Result<SagaDetail> SagaOrchestrator::getByConversion(const ConversionId& conversion)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<SagaDetail> {
        SagaLog log(db);
        const auto id = log.sagaOf(conversion);
        const auto record = id ? log.load(*id) : std::nullopt;
        if (!record)
            return Error::notFound("No saga for conversion " + conversion.str());
        return detailOf(*record);
    });
}

Result<Page<SagaSummary>> SagaOrchestrator::list(const SagaFilter& filter, const PageRequest& page)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<Page<SagaSummary>> {
        return makePage(SagaLog(db).list(filter, page.after, page.limit + 1), page.limit,
                        [](const SagaSummary& saga) { return saga.id.str(); });
    });
}

Result<std::map<SagaState, std::int64_t>> SagaOrchestrator::countByState()
{
    return m_db->readers().read(
        [](storage::Database& db) -> Result<std::map<SagaState, std::int64_t>> { return SagaLog(db).countByState(); });
}

Result<SagaDetail> SagaOrchestrator::flagFraud(const ConversionId& conversion, const std::string& reason)
{
    if (reason.empty() || reason.size() > kMaxFraudReasonLength)
        return Error::validation("reason", "Must be 1 to " + std::to_string(kMaxFraudReasonLength) + " characters");
    const auto id = m_db->readers().read([&](storage::Database& db) -> Result<std::optional<SagaId>> {
        return SagaLog(db).sagaOf(conversion);
    });
    if (!id)
        return id.error();
    if (!*id)
        return Error::notFound("No conversion saga for conversion " + conversion.str());
    return transact(**id, [&](ConversionSaga& saga, UtcTime now) -> Status {
        saga.flagFraud(std::string(kManualFraudRule), reason, now);
        return {};
    });
}

Result<SagaDetail> SagaOrchestrator::retry(const SagaId& id)
{
    return transact(id, [](ConversionSaga& saga, UtcTime now) { return saga.retry(now); });
}

Result<SagaDetail> SagaOrchestrator::abort(const SagaId& id)
{
    return transact(id, [](ConversionSaga& saga, UtcTime now) { return saga.abort(now); });
}

Result<size_t> SagaOrchestrator::runDueTimers()
{
    size_t moved = 0;
    for (int scan = 0; scan < kMaxScans; ++scan) {
        const UtcTime now = m_clock.now();
        auto due = m_db->readers().read([&](storage::Database& db) -> Result<std::vector<SagaId>> {
            return SagaLog(db).dueSagas(now, kDueBatch);
        });
        if (!due)
            return std::move(due).error();
        if (due->empty())
            break;
        // One unit per saga: they share the writer's commits, and one failing saga undoes no other.
        std::latch pending(static_cast<std::ptrdiff_t>(due->size()));
        std::atomic<size_t> changed{0};
        for (const SagaId& id : *due) {
            m_db->writer().submit(
                [this, &id, &changed](storage::Database& db) -> Status {
                    SagaLog log(db);
                    auto record = log.load(id);
                    if (!record)
                        return {};
                    ConversionSaga saga(std::move(*record), m_options);
                    const UtcTime unitNow = m_clock.now();
                    const bool timers = saga.onTimers(unitNow, [&](const StepRecord& step) {
                        return replyExpectedBy(log, step, unitNow);
                    });
                    if (!saga.onHoldPeriodOver(unitNow) && !timers)
                        return {};
                    persist(db, saga);
                    ++changed;
                    return {};
                },
                [&pending, &id](Status status) {
                    if (!status)
                        spdlog::warn("saga {}: timer failed: {} {}", id.str(), status.error().message,
                                     status.error().detail);
                    pending.count_down();
                });
        }
        pending.wait();
        moved += changed.load();
        if (due->size() < kDueBatch)
            break;
    }
    return moved;
}

}  // namespace alpes::saga
