#include "bff/services/tracking/tracking_service.h"

#include "bff/messages/message_types.h"
#include "bff/services/tracking/conversion_handlers.h"
#include "bff/services/tracking/interaction_queries.h"
#include "bff/services/tracking/reference_copies.h"
#include "bff/services/tracking/tracking_migrations.h"
#include "shared/core/uuid.h"

#include <algorithm>
#include <cctype>
#include <atomic>
#include <future>

namespace alpes::services::tracking {
namespace {

namespace types = messages::types;

constexpr size_t kLinkCodeLength = 8;
constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr size_t kMaxDestinationLength = 2048;
// Items of a batch that share one unit of the writer. A refused item writes nothing, since ingest()
// checks everything before its first write, so neither an item nor its unit needs a savepoint to
// leave the others stored (a savepoint's journal copies each page the first time its unit touches
// it, and ingest writes to the same hot pages every time: the ends of the log, of the read model
// and of the outbox, the projections' buckets). A storage error fails the whole group commit, and
// each item of it is answered with that error.
constexpr size_t kItemsPerUnit = 64;

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(b)) == a; });
}

// An absolute http(s) URL with a host and no whitespace or control characters: anything else
// would make the redirect a tool for something other than sending visitors to a shop.
bool isHttpUrl(std::string_view url)
{
    if (url.size() > kMaxDestinationLength)
        return false;
    size_t hostStart = 0;
    if (startsWithIgnoringCase(url, "https://"))
        hostStart = 8;
    else if (startsWithIgnoringCase(url, "http://"))
        hostStart = 7;
    else
        return false;
    const size_t hostEnd = url.find_first_of("/?#", hostStart);
    const bool hasHost = (hostEnd == std::string_view::npos ? url.size() : hostEnd) > hostStart;
    return hasHost && std::none_of(url.begin(), url.end(), [](char c) {
               return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F;
           });
}

dto::Interaction interactionFrom(const dto::InteractionInput& input, UtcTime receivedAt)
{
    dto::Interaction interaction;
    interaction.id = InteractionId(newUuidV7());
    interaction.type = input.type;
    interaction.campaignId = input.campaignId;
    interaction.affiliateId = input.affiliateId;
    interaction.userId = input.userId;
    interaction.anonymousId = input.anonymousId;
    interaction.ip = input.ip;
    interaction.userAgent = input.userAgent;
    interaction.occurredAt = input.occurredAt.value_or(receivedAt);
    interaction.receivedAt = receivedAt;
    interaction.context = input.context;
    if (input.utm && *input.utm != dto::Utm{})
        interaction.utm = input.utm;
    interaction.clickId = input.clickId;
    interaction.orderId = input.orderId;
    interaction.amount = input.amount;
    if (input.type == domain::InteractionType::Purchase)
        interaction.sagaId = SagaId(newUuidV7());
    return interaction;
}

Error unknownCampaign(const CampaignId& id)
{
    return Error::notFound("No campaign with id " + id.str());
}

Status checkSeriesRange(UtcTime from, UtcTime to)
{
    if (to <= from || to - from > TrackingService::kMaxSeriesSpan)
        return Error::validation("to", "Must be after from, at most 7 days later");
    return {};
}

}  // namespace

Result<std::unique_ptr<TrackingService>> TrackingService::open(const ServiceDatabase::Options& options,
                                                               events::MessageBus& bus, const Clock& clock,
                                                               FraudRules fraudRules)
{
    auto db = ServiceDatabase::open(options, migrations(), bus);
    if (!db)
        return std::move(db).error();
    return std::unique_ptr<TrackingService>(new TrackingService(std::move(db).value(), clock, std::move(fraudRules)));
}

TrackingService::TrackingService(std::unique_ptr<ServiceDatabase> db, const Clock& clock, FraudRules fraudRules)
    : m_db(std::move(db)),
      m_clock(clock),
      m_fraudRules(std::move(fraudRules)),
      m_handlers(handlers(clock, m_fraudRules)),
      m_consumer(
          [this] {
              events::Consumer::Options options{.name = std::string(kName)};
              for (const auto& [type, handler] : m_handlers)
                  options.types.insert(type);
              return options;
          }(),
          m_db->writer(), m_upcaster,
          [this](storage::Database& connection, const messages::Envelope& message) {
              return apply(connection, message);
          }),
      m_linkCodeRandom(std::random_device{}())
{
}

TrackingService::Handlers TrackingService::handlers(const Clock& clock, const FraudRules& fraudRules)
{
    using Command = Status (*)(storage::Database&, const messages::Envelope&, const Clock&);
    const auto withClock = [&clock](Command command) -> events::Consumer::Apply {
        return [command, &clock](storage::Database& db, const messages::Envelope& message) {
            return command(db, message, clock);
        };
    };
    Handlers all;
    for (const auto type : {types::kCampaignCreated, types::kCampaignUpdated})
        all.emplace(type, applyCampaignSnapshot);
    for (const auto type : {types::kCampaignActivated, types::kCampaignPaused, types::kCampaignResumed,
                            types::kCampaignFinished, types::kCampaignCancelled})
        all.emplace(type, applyCampaignStateChange);
    all.emplace(types::kAffiliateRegistered, applyAffiliateRegistered);
    for (const auto type : {types::kAffiliateApproved, types::kAffiliateSuspended, types::kAffiliateReinstated})
        all.emplace(type, applyAffiliateStatusChange);
    all.emplace(types::kAttributeConversion,
                [&clock, &fraudRules](storage::Database& db, const messages::Envelope& message) {
                    return attributeConversion(db, message, clock, fraudRules);
                });
    all.emplace(types::kRevertAttribution, withClock(revertAttribution));
    all.emplace(types::kDiscardInteractions, withClock(discardConversionInteractions));
    return all;
}

Status TrackingService::apply(storage::Database& db, const messages::Envelope& message)
{
    const auto handler = m_handlers.find(message.type);
    if (handler == m_handlers.end())  // the consumer only asks for the types of the table
        return Error::internal("No tracking handler for " + message.type);
    return handler->second(db, message);
}

Result<TrackReceipt> TrackingService::track(const dto::InteractionInput& input)
{
    return std::move(trackBatch(std::span(&input, 1)).front());
}

std::vector<Result<TrackReceipt>> TrackingService::trackBatch(std::span<const dto::InteractionInput> inputs)
{
    const UtcTime receivedAt = m_clock.now();
    std::vector<std::optional<Result<TrackReceipt>>> outcomes(inputs.size());
    // Encoded here, on the caller's thread, so that the writer only checks and stores them.
    std::vector<std::optional<EncodedInteraction>> encoded(inputs.size());
    for (size_t i = 0; i < inputs.size(); ++i) {
        if (Status valid = dto::validateInteractionInput(inputs[i], receivedAt); !valid)
            outcomes[i].emplace(std::move(valid).error());
        else
            encoded[i] = encodeInteraction(interactionFrom(inputs[i], receivedAt));
    }
    std::vector<std::pair<size_t, size_t>> units;  // [first, last) of the items of each unit
    for (size_t first = 0; first < inputs.size(); first += kItemsPerUnit) {
        const size_t last = std::min(inputs.size(), first + kItemsPerUnit);
        if (std::any_of(outcomes.begin() + static_cast<std::ptrdiff_t>(first),
                        outcomes.begin() + static_cast<std::ptrdiff_t>(last),
                        [](const auto& outcome) { return !outcome; }))
            units.emplace_back(first, last);
    }
    // A promise rather than std::latch, whose libstdc++ version spins with sched_yield before it
    // sleeps (a few hundred waiting callers spinning starve the writer thread), and rather than a
    // condition variable, whose waiter, woken under the notifier's mutex, can wake only to sleep
    // on that mutex: a context switch more per track() on the writer's core.
    std::atomic<size_t> pending = units.size();
    std::promise<void> settled;
    auto allSettled = settled.get_future();
    for (const auto& [first, last] : units) {
        m_db->writer().submit(
            [this, &outcomes, &encoded, first = first, last = last](storage::Database& db) -> Status {
                for (size_t i = first; i < last; ++i) {
                    if (outcomes[i])
                        continue;  // refused by validation
                    if (Status stored = ingest(db, *encoded[i]); !stored)
                        outcomes[i].emplace(std::move(stored).error());
                    else
                        outcomes[i].emplace(TrackReceipt{encoded[i]->interaction.id, encoded[i]->interaction.sagaId});
                }
                return {};
            },
            [&, first = first, last = last](Status committed) {
                // The unit or the commit failed: nothing of the unit was stored.
                if (!committed)
                    for (size_t i = first; i < last; ++i)
                        if (!outcomes[i] || outcomes[i]->ok())
                            outcomes[i].emplace(committed.error());
                if (pending.fetch_sub(1, std::memory_order_acq_rel) == 1)
                    settled.set_value();
            },
            storage::GroupCommitWriter::OnRefusal::WritesNothing);
    }
    if (!units.empty())
        allSettled.wait();
    std::vector<Result<TrackReceipt>> results;
    results.reserve(outcomes.size());
    std::vector<dto::Interaction> committed;
    for (size_t i = 0; i < outcomes.size(); ++i) {
        // An outcome still ok after its completion ran means the unit's commit succeeded.
        if (m_trackedListener && outcomes[i]->ok())
            committed.push_back(std::move(encoded[i]->interaction));
        results.push_back(std::move(*outcomes[i]));
    }
    if (!committed.empty())
        m_trackedListener(committed);
    return results;
}

void TrackingService::setTrackedListener(TrackedListener listener)
{
    m_trackedListener = std::move(listener);
}

Status TrackingService::ingest(storage::Database& db, EncodedInteraction& encoded)
{
    // Every refusal comes before the first write: trackBatch() runs its units without a savepoint.
    const dto::Interaction& interaction = encoded.interaction;
    const auto campaign = findCampaignCopy(db, interaction.campaignId);
    json::FieldErrors errors;
    if (!campaign)
        errors.add("campaignId", "No campaign with this id");
    if (!findAffiliateCopy(db, interaction.affiliateId))
        errors.add("affiliateId", "No partner with this id");
    // Commissions and budgets are in the campaign's currency; a purchase in another could not be paid.
    if (campaign && interaction.amount && interaction.amount->currency() != campaign->currency)
        errors.add("amount.currency", "Must be the campaign's currency (" + campaign->currency + ")");
    if (!errors.empty())
        return errors.status();
    if (interaction.orderId && orderTracked(db, interaction.campaignId, *interaction.orderId))
        return Error{ErrorCode::Conflict, "This order was already tracked for the campaign", {},
                     {{"orderId", "Was already tracked for this campaign"}}};
    if (!acceptsConversions(*campaign, interaction.occurredAt)) {
        // Rare enough to encode a second time, now that the flag is known.
        dto::Interaction flagged = std::move(encoded.interaction);
        flagged.flags.emplace_back(dto::kFlagCampaignNotActive);
        encoded = encodeInteraction(std::move(flagged));
    }
    recordInteraction(db, encoded);
    return {};
}

std::string TrackingService::newLinkCode()
{
    std::uniform_int_distribution<size_t> pick(0, kBase62.size() - 1);
    std::string code(kLinkCodeLength, '0');
    for (char& c : code)
        c = kBase62[pick(m_linkCodeRandom)];
    return code;
}

Result<TrackingLink> TrackingService::createLink(const CampaignId& campaignId, const AffiliateId& affiliateId,
                                                 const std::string& destination)
{
    if (!isHttpUrl(destination))
        return Error::validation("destination", "Must be an http or https URL of at most 2048 characters");
    return m_db->writer().run([&](storage::Database& db) -> Result<TrackingLink> {
        json::FieldErrors errors;
        if (!findCampaignCopy(db, campaignId))
            errors.add("campaignId", "No campaign with this id");
        if (!findAffiliateCopy(db, affiliateId))
            errors.add("affiliateId", "No partner with this id");
        if (!errors.empty())
            return errors.status().error();
        std::string code;
        for (bool taken = true; taken;) {
            code = newLinkCode();
            auto existing = db.prepare("SELECT 1 FROM links WHERE code = ?");
            existing.bind(1, code);
            taken = existing.step();
        }
        db.prepare("INSERT INTO links(code, campaign_id, affiliate_id, destination, created_at) VALUES (?, ?, ?, ?, ?)")
            .bindAll(code, campaignId.str(), affiliateId.str(), destination, toEpochMillis(m_clock.now()))
            .run();
        return TrackingLink{LinkCode(code), "/r/" + code};
    });
}

Result<FollowedLink> TrackingService::followLink(const LinkCode& code, const Visitor& visitor)
{
    const UtcTime receivedAt = m_clock.now();
    std::optional<dto::Interaction> clicked;
    auto followed = m_db->writer().run([&](storage::Database& db) -> Result<FollowedLink> {
        auto link = db.prepare("SELECT campaign_id, affiliate_id, destination FROM links WHERE code = ?");
        link.bind(1, code.str());
        if (!link.step())
            return Error::notFound("No tracking link " + code.str());
        dto::InteractionInput click;
        click.type = domain::InteractionType::Click;
        click.campaignId = CampaignId(link.textAt(0));
        click.affiliateId = AffiliateId(link.textAt(1));
        click.userId = visitor.userId;
        click.anonymousId = visitor.anonymousId ? *visitor.anonymousId : newUuidV7();
        click.ip = visitor.ip;
        click.userAgent = visitor.userAgent;
        click.context.referrer = visitor.referrer;
        click.clickId = newUuidV7();
        auto encoded = encodeInteraction(interactionFrom(click, receivedAt));
        if (Status stored = ingest(db, encoded); !stored)
            return std::move(stored).error();
        clicked = std::move(encoded.interaction);
        return FollowedLink{link.textAt(2), *click.clickId, *click.anonymousId};
    });
    if (followed && m_trackedListener)
        m_trackedListener(std::span(&*clicked, 1));
    return followed;
}

Result<dto::Interaction> TrackingService::getInteraction(const InteractionId& id)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<dto::Interaction> {
        auto interaction = findInteraction(db, id);
        if (!interaction)
            return Error::notFound("No interaction with id " + id.str());
        return std::move(*interaction);
    });
}

Result<Page<dto::Interaction>> TrackingService::listInteractions(const InteractionFilter& filter,
                                                                 const PageRequest& page)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<Page<dto::Interaction>> {
        return tracking::listInteractions(db, filter, page);
    });
}

Result<std::vector<dto::DailyCount>> TrackingService::dailyStats(const CampaignId& campaignId,
                                                                 std::chrono::sys_days fromDay,
                                                                 std::chrono::sys_days toDay)
{
    if (toDay < fromDay || (toDay - fromDay).count() >= kMaxStatsDays)
        return Error::validation("to", "Must be on or after from, at most 366 days later");
    return m_db->readers().read([&](storage::Database& db) -> Result<std::vector<dto::DailyCount>> {
        if (!findCampaignCopy(db, campaignId))
            return unknownCampaign(campaignId);
        return readDailyStats(db, campaignId, fromDay, toDay);
    });
}

Result<std::vector<dto::DailyCount>> TrackingService::dailyStatsAll(std::chrono::sys_days fromDay,
                                                                    std::chrono::sys_days toDay)
{
    if (toDay < fromDay || (toDay - fromDay).count() >= kMaxStatsDays)
        return Error::validation("to", "Must be on or after from, at most 366 days later");
    return m_db->readers().read([&](storage::Database& db) -> Result<std::vector<dto::DailyCount>> {
        return readDailyStatsAll(db, fromDay, toDay);
    });
}

Result<std::vector<dto::MinuteCount>> TrackingService::series(const CampaignId& campaignId, UtcTime from, UtcTime to)
{
    if (Status range = checkSeriesRange(from, to); !range)
        return std::move(range).error();
    return m_db->readers().read([&](storage::Database& db) -> Result<std::vector<dto::MinuteCount>> {
        if (!findCampaignCopy(db, campaignId))
            return unknownCampaign(campaignId);
        return readSeries(db, campaignId, from, to);
    });
}

Result<std::vector<dto::MinuteCount>> TrackingService::seriesAll(UtcTime from, UtcTime to)
{
    if (Status range = checkSeriesRange(from, to); !range)
        return std::move(range).error();
    return m_db->readers().read([&](storage::Database& db) -> Result<std::vector<dto::MinuteCount>> {
        return readSeriesAll(db, from, to);
    });
}

Result<std::vector<Money>> TrackingService::revenueTotals()
{
    return m_db->readers().read([](storage::Database& db) -> Result<std::vector<Money>> { return readRevenueTotals(db); });
}

Result<std::vector<PartnerStats>> TrackingService::partnerStats(const CampaignId& campaignId)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<std::vector<PartnerStats>> {
        if (!findCampaignCopy(db, campaignId))
            return unknownCampaign(campaignId);
        return readPartnerStats(db, campaignId);
    });
}

Result<std::vector<dto::AffiliateCampaignStats>> TrackingService::affiliateStats(const AffiliateId& affiliateId)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<std::vector<dto::AffiliateCampaignStats>> {
        if (!findAffiliateCopy(db, affiliateId))
            return Error::notFound("No partner with id " + affiliateId.str());
        return readAffiliateStats(db, affiliateId);
    });
}

Result<ConversionView> TrackingService::conversion(const ConversionId& conversionId)
{
    return m_db->readers().read([&](storage::Database& db) -> Result<ConversionView> {
        auto view = loadConversion(db, conversionId);
        if (!view)
            return Error::notFound("No conversion with id " + conversionId.str());
        return std::move(*view);
    });
}

Result<RebuildReport> TrackingService::rebuildProjections()
{
    return m_db->writer().run([](storage::Database& db) { return rebuildFromLog(db); });
}

}  // namespace alpes::services::tracking
