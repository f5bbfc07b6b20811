// libFuzzer target: raw bytes sent over loopback to an in-process httplib server that runs the
// BFF's request pipeline (bff/http Router: request ids, CORS, bearer tokens, Idempotency-Key,
// problem+json, the fallbacks for unknown routes and unreadable requests) and handlers built from
// the API's request parsing (bff/api QueryReader: limits, cursors, times, days, enums, ids; JSON
// bodies decoded by the shared DTO decoders), answering errors the way the real routes do.
// Any answer 500 or above is a crash: bad input must be refused with a 4xx.
//
// "{token}" in an input is replaced by a valid session token, so the corpus reaches the routes
// behind authentication.
#include "bff/api/request_parsing.h"
#include "bff/gateway/auth_service.h"
#include "bff/gateway/gateway_database.h"
#include "bff/gateway/idempotency_store.h"
#include "bff/http/http_server.h"
#include "bff/http/router.h"
#include "shared/dto/affiliate.h"
#include "shared/dto/auth.h"
#include "shared/dto/campaign.h"
#include "shared/dto/commission.h"
#include "shared/dto/interaction.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace alpes;
using alpes::json::Json;
using http::Access;
using http::Method;
using http::Reply;
using http::RequestContext;

// A reply that encodes a decoded DTO, or an error as the real handlers answer it.
template <typename T>
Result<Reply> encoded(Result<T> decoded)
{
    return api::replyWith(std::move(decoded), api::kToJson, 201);
}

Result<Reply> decodeByKind(const RequestContext& request)
{
    const auto& kind = request.param("kind");
    const SystemClock clock;
    if (kind == "affiliate")
        return encoded(api::decodeBody(request, dto::decodeAffiliateRegistration));
    if (kind == "campaign")
        return encoded(api::decodeBody(request, dto::decodeCampaignDraft));
    if (kind == "patch")
        return encoded(api::decodeBody(request, dto::decodeCampaignPatch));
    if (kind == "interaction")
        return encoded(api::decodeBody(request, [&](const Json& body) {
            return dto::decodeInteractionInput(body, clock.now());
        }));
    if (kind == "login")
        return encoded(api::decodeBody(request, dto::decodeLoginRequest));
    if (kind == "confirm")
        return encoded(api::decodeBody(request, dto::decodeConfirmBatchRequest));
    if (kind == "reason") {
        auto reason = api::decodeBody(request, api::decodeReasonBody);
        if (!reason)
            return std::move(reason).error();
        return Reply::json(Json{{"reason", reason.value()}});
    }
    return Error::notFound("No decoder named " + kind);
}

Result<Reply> queryEverything(const RequestContext& request)
{
    api::QueryReader query(request);
    const auto page = query.page();
    const auto text = query.text("q", 100);
    const auto from = query.time("from");
    const auto day = query.day("day");
    const auto state = query.enumeration("state", domain::kCampaignStates);
    const auto campaignId = query.id<CampaignId>("campaignId");
    if (Status valid = query.status(); !valid)
        return std::move(valid).error();
    Json out{{"limit", page.limit}, {"hasCursor", page.after.has_value()}};
    if (text)
        out["q"] = *text;
    if (from)
        out["from"] = formatRfc3339(*from);
    if (campaignId)
        out["campaignId"] = campaignId->str();
    if (day)
        out["day"] = formatRfc3339(*day);
    if (state)
        out["state"] = std::string(domain::kCampaignStates.name(*state));
    return Reply::json(out);
}

Result<Reply> notFound(const RequestContext& request)
{
    // As the real routes answer an unknown id: the id is named in the problem's detail.
    return Error::notFound("No thing with id " + request.param("id"));
}

std::vector<http::Route> routes()
{
    const Access open = Access::anyone();
    const Access staff = Access::staff();
    return {
        {Method::Get, "/api/v1/things", open, "Query parsing", "fuzz", queryEverything},
        {Method::Get, "/api/v1/staff/things", staff, "Query parsing behind a token", "fuzz", queryEverything},
        {Method::Get, "/api/v1/things/{id}", open, "An unknown id", "fuzz", notFound},
        {Method::Delete, "/api/v1/things/{id}", staff, "An unknown id behind a token", "fuzz", notFound},
        {Method::Post, "/api/v1/decode/{kind}", open, "A JSON body", "fuzz", decodeByKind},
        {Method::Patch, "/api/v1/staff/decode/{kind}", staff, "A JSON body behind a token", "fuzz", decodeByKind},
    };
}

// The server, started once per fuzzing process, and the client side of the exchanges.
// Thread-safety: used from the fuzzing thread only (libFuzzer runs one input at a time).
class Harness {
public:
    Harness()
        : m_dir(std::filesystem::temp_directory_path() / ("alpes-fuzz-http-" + std::to_string(::getpid())))
    {
        spdlog::set_level(spdlog::level::off);
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_db = std::move(gateway::GatewayDatabase::open(m_dir, storage::Durability::Normal).value());
        m_auth = std::make_unique<gateway::AuthService>(*m_db, m_clock,
                                                        gateway::AuthService::Options{.kdfCost = gateway::KdfCost{1, 1, 1}});
        m_idempotency = std::make_unique<gateway::IdempotencyStore>(*m_db, m_clock);
        if (!m_auth->createUser(dto::NewUser{"fuzz", "fuzz-password-1", dto::Role::Manager, std::nullopt}))
            std::abort();
        m_token = m_auth->login(dto::LoginRequest{"fuzz", "fuzz-password-1"}).value().token;
        http::ServerOptions options;
        options.threads = 4;
        options.maxBodyBytes = 64 * 1024;
        options.readTimeout = std::chrono::seconds(2);
        m_server = std::move(http::HttpServer::create(options).value());
        m_router = std::make_unique<http::Router>(
            m_server->server(), http::Pipeline{*m_auth, *m_idempotency, {"https://console.example"}, nullptr, nullptr});
        m_router->add(routes());
        m_address.sin_family = AF_INET;
        m_address.sin_port = htons(m_server->start("127.0.0.1", 0).value());
        m_address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    }

    ~Harness()
    {
        m_server->stop();
        m_db->stop();
        std::filesystem::remove_all(m_dir);
    }

    // Sends the bytes on a connection of their own, closes its sending side and reads the answer.
    // One connection per input, not one kept alive across inputs: an input may stop anywhere in a
    // request (the server's paths for truncated request lines, headers and bodies), and only the
    // end of the connection tells the server so; on a shared connection it would wait for the rest
    // and read the next input as it.
    std::string exchange(std::string request) const
    {
        for (auto at = request.find("{token}"); at != std::string::npos; at = request.find("{token}", at))
            request.replace(at, 7, m_token);
        const int fd = connectToServer();
        for (size_t sent = 0; sent < request.size();) {
            const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;  // the server may close early (a request it refuses before the body)
            sent += static_cast<size_t>(n);
        }
        ::shutdown(fd, SHUT_WR);
        std::string answer;
        char buffer[4096];
        for (;;) {
            const auto n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                answer.append(buffer, static_cast<size_t>(n));
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                fail("the server did not finish its answer within " + std::to_string(kAnswerTimeout.tv_sec) +
                     " s of the input's end");
            } else {
                break;  // the end of the answer, or a reset (the server closed on input it had not read)
            }
        }
        ::close(fd);
        return answer;
    }

private:
    static constexpr timeval kConnectTimeout{2, 0};
    static constexpr timeval kAnswerTimeout{20, 0};
    static constexpr int kConnectAttempts = 4;

    [[noreturn]] static void fail(const std::string& what)
    {
        std::fprintf(stderr, "fuzz_http: %s\n", what.c_str());
        std::abort();
    }

    // A connection to the server. Connecting can fail for reasons of the harness's own: libFuzzer's
    // timer signal (SIGALRM, installed without SA_RESTART) interrupts a connect now and then, and
    // each input's connection ends in TIME_WAIT on this side (it closes first, to end the input),
    // which holds an ephemeral port for a minute where the kernel does not reuse them early
    // (net.ipv4.tcp_tw_reuse). So a failed connect is tried again; only when every attempt fails
    // has the server stopped accepting connections, which is a bug found.
    int connectToServer() const
    {
        int lastError = 0;
        for (int attempt = 0; attempt < kConnectAttempts;) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd >= 0) {
                ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &kConnectTimeout, sizeof kConnectTimeout);
                ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &kAnswerTimeout, sizeof kAnswerTimeout);
                if (::connect(fd, reinterpret_cast<const sockaddr*>(&m_address), sizeof m_address) == 0)
                    return fd;
                lastError = errno;
                ::close(fd);
            } else {
                lastError = errno;
            }
            if (lastError == EINTR)  // no sign of the server: try again at once
                continue;
            if (++attempt < kConnectAttempts)
                std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
        }
        fail("no connection to the in-process server in " + std::to_string(kConnectAttempts) +
             " attempts (last: " + std::strerror(lastError) + "): it stopped accepting connections");
    }

    std::filesystem::path m_dir;
    SystemClock m_clock;
    std::unique_ptr<gateway::GatewayDatabase> m_db;
    std::unique_ptr<gateway::AuthService> m_auth;
    std::unique_ptr<gateway::IdempotencyStore> m_idempotency;
    std::unique_ptr<http::HttpServer> m_server;
    std::unique_ptr<http::Router> m_router;
    sockaddr_in m_address{};
    std::string m_token;
};

// The status of each answer on the connection (keep-alive may carry several), read by their
// framing so that a body echoing "HTTP/1.1 500" is not taken for an answer.
std::vector<int> statuses(std::string_view answers)
{
    std::vector<int> found;
    size_t at = 0;
    while (answers.size() >= at + 12 && answers.substr(at).starts_with("HTTP/1.1 ")) {
        found.push_back(std::atoi(std::string(answers.substr(at + 9, 3)).c_str()));
        const auto headersEnd = answers.find("\r\n\r\n", at);
        if (headersEnd == std::string_view::npos)
            break;
        size_t length = 0;
        std::string headers(answers.substr(at, headersEnd - at));
        for (auto& c : headers)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (const auto field = headers.find("\r\ncontent-length: "); field != std::string::npos)
            length = std::strtoul(headers.c_str() + field + 18, nullptr, 10);
        at = headersEnd + 4 + length;
    }
    return found;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    static Harness harness;
    const auto answer = harness.exchange(std::string(reinterpret_cast<const char*>(data), size));
    for (const int status : statuses(answer)) {
        if (status >= 500) {
            std::fprintf(stderr, "fuzz_http: the server answered a server error:\n%s\n", answer.substr(0, 2000).c_str());
            std::abort();
        }
    }
    return 0;
}
