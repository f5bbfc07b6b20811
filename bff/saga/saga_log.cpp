#include "bff/saga/saga_log.h"

#include "shared/dto/campaign.h"

#include <set>

namespace alpes::saga {
namespace {

constexpr std::string_view kSummaryColumns =
    "s.id, s.type, s.state, s.conversion_id, s.campaign_id, s.affiliate_id, s.order_id, s.amount, s.currency,"
    " s.started_at, s.updated_at, s.ended_at, s.error, s.compensation_scope, s.compensation_trigger,"
    " s.compensation_reason, s.fraud_rule, s.fraud_detail";
constexpr int kSummaryColumnCount = 18;

[[noreturn]] void unreadable(const std::string& what)
{
    throw storage::SqlError(0, "unreadable saga log row: " + what);
}

template <typename E, size_t N>
E parsed(const domain::EnumNames<E, N>& names, const std::string& text)
{
    const auto value = names.parse(text);
    if (!value)
        unreadable(text);
    return *value;
}

std::optional<UtcTime> optionalTimeAt(const storage::Statement& row, int column)
{
    const auto millis = row.optionalInt64At(column);
    return millis ? std::optional<UtcTime>(fromEpochMillis(*millis)) : std::nullopt;
}

std::optional<std::int64_t> optionalMillis(const std::optional<UtcTime>& time)
{
    return time ? std::optional<std::int64_t>(toEpochMillis(*time)) : std::nullopt;
}

json::Json parsedJson(const std::string& text)
{
    auto value = json::parse(text, 64);
    if (!value)
        unreadable(value.error().message);
    return std::move(value).value();
}

SagaSummary readSummary(const storage::Statement& row)
{
    SagaSummary saga;
    saga.id = SagaId(row.textAt(0));
    saga.type = row.textAt(1);
    saga.state = parsed(kSagaStates, row.textAt(2));
    saga.conversionId = ConversionId(row.textAt(3));
    saga.campaignId = CampaignId(row.textAt(4));
    saga.affiliateId = AffiliateId(row.textAt(5));
    saga.orderId = row.textAt(6);
    auto amount = Money::of(row.int64At(7), row.textAt(8));
    if (!amount)
        unreadable(amount.error().message);
    saga.amount = std::move(amount).value();
    saga.startedAt = fromEpochMillis(row.int64At(9));
    saga.updatedAt = fromEpochMillis(row.int64At(10));
    saga.endedAt = optionalTimeAt(row, 11);
    saga.error = row.optionalTextAt(12);
    if (const auto scope = row.optionalTextAt(13)) {
        saga.compensation = Compensation{.scope = parsed(kCompensationScopes, *scope),
                                         .trigger = parsed(kCompensationTriggers, row.textAt(14)),
                                         .reason = row.textAt(15),
                                         .rule = row.optionalTextAt(16),
                                         .detail = row.optionalTextAt(17)};
    }
    return saga;
}

StepRecord readStep(const storage::Statement& row)
{
    StepRecord record;
    SagaStep& step = record.step;
    step.name = parsed(kStepNames, row.textAt(0));
    step.service = row.textAt(1);
    step.kind = parsed(kStepKinds, row.textAt(2));
    step.state = parsed(kStepStates, row.textAt(3));
    step.startedAt = optionalTimeAt(row, 4);
    step.endedAt = optionalTimeAt(row, 5);
    step.attempts = static_cast<int>(row.int64At(6));
    step.error = row.optionalTextAt(7);
    step.outcome = row.optionalTextAt(8);
    for (const auto& id : parsedJson(row.textAt(9)))
        step.commandIds.push_back(id.get<std::string>());
    step.replyId = row.optionalTextAt(10);
    if (const auto payload = row.optionalTextAt(11))
        step.payload = parsedJson(*payload);
    record.dueAt = optionalTimeAt(row, 12);
    record.resendDue = row.int64At(13) != 0;
    record.lastSentAt = optionalTimeAt(row, 14);
    record.mayHaveEffect = row.int64At(15) != 0;
    return record;
}

template <typename E, size_t N>
std::optional<std::string_view> optionalName(const domain::EnumNames<E, N>& names, const std::optional<E>& value)
{
    return value ? std::optional<std::string_view>(names.name(*value)) : std::nullopt;
}

}  // namespace

std::optional<SagaRecord> SagaLog::load(const SagaId& id)
{
    SagaRecord record;
    {
        auto row = m_db.prepare("SELECT " + std::string(kSummaryColumns) +
                                ", s.reserved_at, s.confirm_at, s.aborted_at, c.hold_period_seconds FROM sagas s"
                                " LEFT JOIN campaigns c ON c.id = s.campaign_id WHERE s.id = ?");
        row.bind(1, id.str());
        if (!row.step())
            return std::nullopt;
        record.saga = readSummary(row);
        record.reservedAt = optionalTimeAt(row, kSummaryColumnCount);
        record.confirmAt = optionalTimeAt(row, kSummaryColumnCount + 1);
        record.abortedAt = optionalTimeAt(row, kSummaryColumnCount + 2);
        record.holdPeriod = std::chrono::seconds(
            row.optionalInt64At(kSummaryColumnCount + 3).value_or(dto::kDefaultHoldPeriodSeconds));
    }
    auto steps = m_db.prepare("SELECT name, service, kind, state, started_at, ended_at, attempts, error, outcome,"
                              " command_ids, reply_id, payload, due_at, resend_due, last_sent_at, may_have_effect"
                              " FROM steps"
                              " WHERE saga_id = ? ORDER BY position");
    steps.bind(1, id.str());
    while (steps.step())
        record.steps.push_back(readStep(steps));
    return record;
}

std::optional<SagaId> SagaLog::sagaOf(const ConversionId& conversion)
{
    auto row = m_db.prepare("SELECT id FROM sagas WHERE conversion_id = ?");
    row.bind(1, conversion.str());
    if (!row.step())
        return std::nullopt;
    return SagaId(row.textAt(0));
}

void SagaLog::save(SagaRecord& record)
{
    const SagaSummary& saga = record.saga;
    const auto& compensation = saga.compensation;
    auto statement = m_db.prepare(
        "INSERT INTO sagas(id, type, state, conversion_id, campaign_id, affiliate_id, order_id, amount, currency,"
        " started_at, updated_at, ended_at, error, compensation_scope, compensation_trigger, compensation_reason,"
        " fraud_rule, fraud_detail, reserved_at, confirm_at, aborted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,"
        " ended_at = excluded.ended_at, error = excluded.error, compensation_scope = excluded.compensation_scope,"
        " compensation_trigger = excluded.compensation_trigger, compensation_reason = excluded.compensation_reason,"
        " fraud_rule = excluded.fraud_rule, fraud_detail = excluded.fraud_detail,"
        " reserved_at = excluded.reserved_at, confirm_at = excluded.confirm_at, aborted_at = excluded.aborted_at");
    statement.bindAll(saga.id.str(), saga.type, kSagaStates.name(saga.state), saga.conversionId.str(),
                      saga.campaignId.str(), saga.affiliateId.str(), saga.orderId, saga.amount.amount(),
                      saga.amount.currency(), toEpochMillis(saga.startedAt), toEpochMillis(saga.updatedAt),
                      optionalMillis(saga.endedAt), saga.error);
    statement.bind(14, compensation ? std::optional<std::string_view>(kCompensationScopes.name(compensation->scope))
                                    : std::nullopt);
    statement.bind(15, compensation
                           ? std::optional<std::string_view>(kCompensationTriggers.name(compensation->trigger))
                           : std::nullopt);
    statement.bind(16, compensation ? std::optional<std::string>(compensation->reason) : std::nullopt);
    statement.bind(17, compensation ? compensation->rule : std::nullopt);
    statement.bind(18, compensation ? compensation->detail : std::nullopt);
    statement.bind(19, optionalMillis(record.reservedAt));
    statement.bind(20, optionalMillis(record.confirmAt));
    statement.bind(21, optionalMillis(record.abortedAt));
    statement.run();
    for (size_t position = 0; position < record.steps.size(); ++position) {
        StepRecord& step = record.steps[position];
        if (!step.dirty)
            continue;
        saveStep(saga.id, position, step);
        step.dirty = false;
    }
}

void SagaLog::saveStep(const SagaId& saga, size_t position, const StepRecord& record)
{
    const SagaStep& step = record.step;
    json::Json commandIds = json::Json::array();
    for (const auto& id : step.commandIds)
        commandIds.push_back(id);
    m_db.prepare("INSERT INTO steps(saga_id, position, name, service, kind, state, started_at, ended_at, attempts,"
                 " error, outcome, command_ids, reply_id, payload, due_at, resend_due, last_sent_at, may_have_effect)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(saga_id, position) DO UPDATE"
                 " SET state = excluded.state, started_at = excluded.started_at, ended_at = excluded.ended_at,"
                 " attempts = excluded.attempts, error = excluded.error, outcome = excluded.outcome,"
                 " command_ids = excluded.command_ids, reply_id = excluded.reply_id, payload = excluded.payload,"
                 " due_at = excluded.due_at, resend_due = excluded.resend_due, last_sent_at = excluded.last_sent_at,"
                 " may_have_effect = excluded.may_have_effect")
        .bindAll(saga.str(), static_cast<std::int64_t>(position), kStepNames.name(step.name), step.service,
                 kStepKinds.name(step.kind), kStepStates.name(step.state), optionalMillis(step.startedAt),
                 optionalMillis(step.endedAt), step.attempts, step.error, step.outcome, commandIds.dump(),
                 step.replyId, step.payload ? std::optional<std::string>(step.payload->dump()) : std::nullopt,
                 optionalMillis(record.dueAt), record.resendDue ? 1 : 0, optionalMillis(record.lastSentAt),
                 record.mayHaveEffect ? 1 : 0)
        .run();
}

std::chrono::seconds SagaLog::holdPeriodOf(const CampaignId& campaign)
{
    auto row = m_db.prepare("SELECT hold_period_seconds FROM campaigns WHERE id = ?");
    row.bind(1, campaign.str());
    return std::chrono::seconds(row.step() ? row.int64At(0) : dto::kDefaultHoldPeriodSeconds);
}

void SagaLog::saveCampaign(const CampaignId& campaign, std::int64_t holdPeriodSeconds, UtcTime updatedAt)
{
    m_db.prepare("INSERT INTO campaigns(id, hold_period_seconds, updated_at) VALUES (?, ?, ?)"
                 " ON CONFLICT(id) DO UPDATE SET hold_period_seconds = excluded.hold_period_seconds,"
                 " updated_at = excluded.updated_at WHERE excluded.updated_at >= campaigns.updated_at")
        .bindAll(campaign.str(), holdPeriodSeconds, toEpochMillis(updatedAt))
        .run();
    m_db.prepare("UPDATE sagas SET confirm_at = reserved_at"
                 " + (SELECT hold_period_seconds * 1000 FROM campaigns WHERE id = ?1)"
                 " WHERE campaign_id = ?1 AND confirm_at IS NOT NULL")
        .bind(1, campaign.str())
        .run();
}

bool SagaLog::stillQueued(const std::string& messageId)
{
    auto row = m_db.prepare("SELECT 1 FROM outbox WHERE message_id = ?");
    row.bind(1, messageId);
    return row.step();
}

std::vector<SagaId> SagaLog::dueSagas(UtcTime now, size_t limit)
{
    auto rows = m_db.prepare("SELECT saga_id, due_at FROM steps WHERE due_at IS NOT NULL AND due_at <= ?1"
                             " UNION ALL SELECT id, confirm_at FROM sagas WHERE confirm_at IS NOT NULL"
                             " AND confirm_at <= ?1 ORDER BY 2 LIMIT ?2");
    rows.bindAll(toEpochMillis(now), static_cast<std::int64_t>(limit));
    std::vector<SagaId> due;
    std::set<std::string> seen;
    while (rows.step())
        if (seen.insert(rows.textAt(0)).second)
            due.emplace_back(rows.textAt(0));
    return due;
}

std::vector<SagaSummary> SagaLog::list(const SagaFilter& filter, const std::optional<std::string>& after,
                                       size_t limit)
{
    // The leading term picks the index to walk (sagas_campaign, sagas_state, or the table); the
    // others filter what it yields. Without it SQLite cannot tell which filter is given and walks
    // every saga until it has found `limit` of a campaign: a campaign without recent sagas made
    // its overview read the whole table.
    const std::string_view leading = filter.campaignId ? "s.campaign_id = ?2" : filter.state ? "s.state = ?1" : "1";
    auto rows = m_db.prepare("SELECT " + std::string(kSummaryColumns) + " FROM sagas s WHERE " + std::string(leading) +
                             " AND (?1 IS NULL OR s.state = ?1) AND (?2 IS NULL OR s.campaign_id = ?2)"
                             " AND (?3 IS NULL OR s.id < ?3) ORDER BY s.id DESC LIMIT ?4");
    rows.bind(1, optionalName(kSagaStates, filter.state));
    rows.bind(2, filter.campaignId ? std::optional<std::string>(filter.campaignId->str()) : std::nullopt);
    rows.bind(3, after);
    rows.bind(4, static_cast<std::int64_t>(limit));
    std::vector<SagaSummary> sagas;
    while (rows.step())
        sagas.push_back(readSummary(rows));
    return sagas;
}

std::map<SagaState, std::int64_t> SagaLog::countByState()
{
    std::map<SagaState, std::int64_t> counts;
    for (const auto& [state, name] : kSagaStates.entries)
        counts[state] = 0;
    auto rows = m_db.prepare("SELECT state, COUNT(*) FROM sagas GROUP BY state");
    while (rows.step())
        counts[parsed(kSagaStates, rows.textAt(0))] = rows.int64At(1);
    return counts;
}

}  // namespace alpes::saga
