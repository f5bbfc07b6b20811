#include "bff/gateway/auth_service.h"

#include "shared/core/uuid.h"

namespace alpes::gateway {
namespace {

constexpr std::string_view kWrongCredentials = "Wrong username or password";
constexpr std::string_view kBadToken = "The token is unknown, expired or revoked; sign in again";

dto::User readUser(const storage::Statement& row)
{
    dto::User user;
    user.id = row.textAt(0);
    user.username = row.textAt(1);
    user.role = dto::kRoles.parse(row.textAt(2)).value_or(dto::Role::Analyst);
    if (auto affiliate = row.optionalTextAt(3))
        user.affiliateId = AffiliateId(*affiliate);
    user.createdAt = fromEpochMillis(row.int64At(4));
    return user;
}

Status insertUser(storage::Database& db, const dto::NewUser& user, const std::string& passwordHash, UtcTime now)
{
    auto exists = db.prepare("SELECT 1 FROM users WHERE username = ?");
    exists.bind(1, user.username);
    if (exists.step())
        return Error::conflict("The username " + user.username + " is taken");
    db.prepare("INSERT INTO users(id, username, password_hash, role, affiliate_id, created_at) VALUES (?,?,?,?,?,?)")
        .bindAll(newUuidV7(), user.username, passwordHash, dto::kRoles.name(user.role),
                 user.affiliateId ? std::optional(user.affiliateId->str()) : std::nullopt, toEpochMillis(now))
        .run();
    return {};
}

}  // namespace

AuthService::AuthService(GatewayDatabase& db, const Clock& clock, Options options)
    : m_db(db), m_clock(clock), m_options(options), m_decoyHash(unmatchableHash(options.kdfCost))
{
}

Result<dto::User> AuthService::createUser(const dto::NewUser& user)
{
    // The slow hash runs on the caller's thread, never on the shared writer.
    const auto passwordHash = hashPassword(user.password, m_options.kdfCost);
    const auto now = m_clock.now();
    return m_db.writer().run([&](storage::Database& db) -> Result<dto::User> {
        if (Status inserted = insertUser(db, user, passwordHash, now); !inserted) {
            auto error = std::move(inserted).error();
            error.fields = {FieldError{"username", error.message}};
            return error;
        }
        auto row = db.prepare("SELECT id, username, role, affiliate_id, created_at FROM users WHERE username = ?");
        row.bind(1, user.username);
        row.step();
        return readUser(row);
    });
}

Status AuthService::ensureUser(const dto::NewUser& user, std::optional<KdfCost> cost)
{
    const auto passwordHash = hashPassword(user.password, cost.value_or(m_options.kdfCost));
    const auto now = m_clock.now();
    return m_db.writer().run([&](storage::Database& db) -> Status {
        Status inserted = insertUser(db, user, passwordHash, now);
        if (!inserted && inserted.error().code == ErrorCode::Conflict)
            return {};
        return inserted;
    });
}

Result<Page<dto::User>> AuthService::listUsers(const PageRequest& page)
{
    return m_db.readers().read([&](storage::Database& db) -> Result<Page<dto::User>> {
        auto rows = db.prepare(
            "SELECT id, username, role, affiliate_id, created_at FROM users WHERE (?1 IS NULL OR id > ?1)"
            " ORDER BY id LIMIT ?2");
        rows.bind(1, page.after).bind(2, static_cast<std::int64_t>(page.limit + 1));
        std::vector<dto::User> users;
        while (rows.step())
            users.push_back(readUser(rows));
        return makePage(std::move(users), page.limit, [](const dto::User& user) { return user.id; });
    });
}

Result<dto::Session> AuthService::login(const dto::LoginRequest& request)
{
    struct Account {
        std::string id;
        std::string passwordHash;
        dto::Role role;
    };
    auto account = m_db.readers().read([&](storage::Database& db) -> Result<std::optional<Account>> {
        auto row = db.prepare("SELECT id, password_hash, role FROM users WHERE username = ?");
        row.bind(1, request.username);
        if (!row.step())
            return std::optional<Account>();
        return std::optional(
            Account{row.textAt(0), row.textAt(1), dto::kRoles.parse(row.textAt(2)).value_or(dto::Role::Analyst)});
    });
    if (!account)
        return std::move(account).error();
    const bool known = account->has_value();
    const bool matches = verifyPassword(request.password, known ? (*account)->passwordHash : m_decoyHash);
    if (!known || !matches)
        return Error::unauthorized(std::string(kWrongCredentials));

    dto::Session session{newSecret(kSessionPrefix), (*account)->role, m_clock.now() + m_options.sessionLifetime};
    const auto created = m_clock.now();
    Status stored = m_db.writer().run([&](storage::Database& db) -> Status {
        db.prepare("INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)")
            .bindAll(secretDigest(session.token), (*account)->id, toEpochMillis(created),
                     toEpochMillis(session.expiresAt))
            .run();
        return {};
    });
    if (!stored)
        return std::move(stored).error();
    return session;
}

Status AuthService::logout(const Principal& principal, std::string_view token)
{
    if (principal.kind != Principal::Kind::User)
        return Error::validation("Authorization", "Only a session token can sign out; revoke an API key instead");
    const auto digest = secretDigest(token);
    const auto now = toEpochMillis(m_clock.now());
    Status revoked = m_db.writer().run([&](storage::Database& db) -> Status {
        db.prepare("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
            .bindAll(now, digest)
            .run();
        return {};
    });
    forget(digest);
    return revoked;
}

Result<size_t> AuthService::purgeExpiredSessions()
{
    const auto now = toEpochMillis(m_clock.now());
    return m_db.writer().run([&](storage::Database& db) -> Result<size_t> {
        db.prepare("DELETE FROM sessions WHERE expires_at < ?").bind(1, now).run();
        return static_cast<size_t>(db.changes());
    });
}

Result<Principal> AuthService::authenticate(std::string_view bearer)
{
    const bool isSession = bearer.starts_with(kSessionPrefix);
    if (!isSession && !bearer.starts_with(kApiKeyPrefix))
        return Error::unauthorized(std::string(kBadToken));
    const auto digest = secretDigest(bearer);
    const auto steadyNow = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(m_cacheMutex);
        if (auto found = m_cache.find(digest); found != m_cache.end()) {
            const auto& cached = found->second;
            const bool fresh = steadyNow - cached.checkedAt < m_options.cacheFor;
            const bool unexpired = !cached.principal.expiresAt || *cached.principal.expiresAt > m_clock.now();
            if (fresh && unexpired)
                return cached.principal;
            m_cache.erase(found);
        }
    }
    auto principal = lookUp(digest, isSession);
    if (!principal)
        return principal;
    std::lock_guard lock(m_cacheMutex);
    if (m_cache.size() >= m_options.maxCachedTokens)
        m_cache.clear();  // bounded; the next requests simply ask the database again
    m_cache[digest] = Cached{*principal, steadyNow};
    return principal;
}

Result<Principal> AuthService::lookUp(const std::string& digest, bool isSession)
{
    const auto now = toEpochMillis(m_clock.now());
    auto found = m_db.readers().read([&](storage::Database& db) -> Result<std::optional<Principal>> {
        if (isSession) {
            auto row = db.prepare(
                "SELECT u.id, u.username, u.role, u.affiliate_id, s.expires_at FROM sessions s JOIN users u ON"
                " u.id = s.user_id WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?");
            row.bindAll(digest, now);
            if (!row.step())
                return std::optional<Principal>();
            Principal principal;
            principal.kind = Principal::Kind::User;
            principal.id = row.textAt(0);
            principal.name = row.textAt(1);
            principal.role = dto::kRoles.parse(row.textAt(2));
            if (auto affiliate = row.optionalTextAt(3))
                principal.affiliateId = AffiliateId(*affiliate);
            principal.expiresAt = fromEpochMillis(row.int64At(4));
            return std::optional(principal);
        }
        auto row = db.prepare("SELECT id, name, scope FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL");
        row.bind(1, digest);
        if (!row.step())
            return std::optional<Principal>();
        Principal principal;
        principal.kind = Principal::Kind::ApiKey;
        principal.id = row.textAt(0);
        principal.name = row.textAt(1);
        principal.scope = dto::kApiKeyScopes.parse(row.textAt(2));
        return std::optional(principal);
    });
    if (!found)
        return std::move(found).error();
    if (!found->has_value())
        return Error::unauthorized(std::string(kBadToken));
    return std::move(**found);
}

Result<dto::ApiKey> AuthService::createApiKey(const dto::NewApiKey& request, const Principal& createdBy)
{
    dto::ApiKey key{newUuidV7(), request.name, request.scope, m_clock.now(), std::nullopt, newSecret(kApiKeyPrefix)};
    Status stored = m_db.writer().run([&](storage::Database& db) -> Status {
        db.prepare("INSERT INTO api_keys(id, key_hash, name, scope, created_by, created_at) VALUES (?,?,?,?,?,?)")
            .bindAll(key.id, secretDigest(*key.key), key.name, dto::kApiKeyScopes.name(key.scope), createdBy.key(),
                     toEpochMillis(key.createdAt))
            .run();
        return {};
    });
    if (!stored)
        return std::move(stored).error();
    return key;
}

Status AuthService::revokeApiKey(const std::string& id)
{
    const auto now = toEpochMillis(m_clock.now());
    Status revoked = m_db.writer().run([&](storage::Database& db) -> Status {
        auto row = db.prepare("SELECT 1 FROM api_keys WHERE id = ?");
        row.bind(1, id);
        if (!row.step())
            return Error::notFound("No API key with id " + id);
        db.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").bindAll(now, id).run();
        return {};
    });
    if (revoked) {
        std::lock_guard lock(m_cacheMutex);
        std::erase_if(m_cache, [&](const auto& entry) {
            return entry.second.principal.kind == Principal::Kind::ApiKey && entry.second.principal.id == id;
        });
    }
    return revoked;
}

void AuthService::forget(const std::string& digest)
{
    std::lock_guard lock(m_cacheMutex);
    m_cache.erase(digest);
}

}  // namespace alpes::gateway
