#pragma once

#include "bff/app/bff_app.h"
#include "tests/support/temp_data_dir.h"

#include <httplib.h>

#include <QtTest>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace alpes::testing {

// A real BFF on an ephemeral loopback port with a fresh data directory, the four staff users
// (admin, manager, analyst: password "password-1") and helpers that speak HTTP to it.
class ApiFixture {
public:
    static constexpr const char* kPassword = "password-1";

    struct Answer {
        int status = 0;
        json::Json body;
        httplib::Headers headers;
        std::string raw;

        std::string header(const std::string& name) const
        {
            auto found = headers.find(name);
            return found == headers.end() ? std::string() : found->second;
        }
        // The field names of a problem+json answer, in order.
        std::vector<std::string> fields() const
        {
            std::vector<std::string> names;
            if (body.is_object() && body.contains("errors"))
                for (const auto& error : body["errors"])
                    names.push_back(error.value("field", ""));
            return names;
        }
        bool isProblem() const { return header("Content-Type") == "application/problem+json"; }
    };

    // `clock` (the system's by default) drives the whole server; a test clock lets a test move
    // past expiries, retentions and cool-downs without sleeping. It must outlive the fixture.
    explicit ApiFixture(app::BffConfig config = {}, const Clock& clock = systemClock()) : m_clock(clock)
    {
        config.host = "127.0.0.1";
        config.port = 0;
        config.dataDir = m_dir.path();
        // The password KDF at its lowest cost: the tests are about the API, not about scrypt.
        config.passwordHashing = gateway::KdfCost{1, 1, 1};
        auto app = app::BffApp::start(config, m_clock);
        if (!app)
            qFatal("cannot start the BFF: %s", app.error().message.c_str());
        m_app = std::move(app).value();
        for (auto role : {dto::Role::Admin, dto::Role::Manager, dto::Role::Analyst})
            if (!m_app->auth().ensureUser({std::string(dto::kRoles.name(role)), kPassword, role, std::nullopt}))
                qFatal("cannot create the test users");
    }

    static const Clock& systemClock()
    {
        static const SystemClock clock;
        return clock;
    }

    app::BffApp& app() { return *m_app; }
    std::filesystem::path dataDir() const { return m_dir.path(); }
    std::uint16_t port() const { return m_app->port(); }

    std::unique_ptr<httplib::Client> client() const
    {
        auto client = std::make_unique<httplib::Client>("127.0.0.1", m_app->port());
        client->set_read_timeout(30);
        return client;
    }

    // A bearer token for one of the users (cached per user).
    std::string token(const std::string& username, const std::string& password = kPassword)
    {
        if (auto found = m_tokens.find(username); found != m_tokens.end())
            return found->second;
        const auto answer = post("/api/v1/auth/login", json::Json{{"username", username}, {"password", password}}, "");
        if (answer.status != 200)
            qFatal("cannot sign in as %s: %d", username.c_str(), answer.status);
        return m_tokens[username] = answer.body["token"].get<std::string>();
    }

    Answer send(const std::string& method, const std::string& path, const std::optional<json::Json>& body,
                const std::string& bearer, httplib::Headers headers = {}) const
    {
        if (!bearer.empty())
            headers.emplace("Authorization", "Bearer " + bearer);
        auto http = client();
        const std::string text = body ? body->dump() : std::string();
        httplib::Result result = method == "GET"      ? http->Get(path.c_str(), headers)
                                 : method == "POST"   ? http->Post(path.c_str(), headers, text, "application/json")
                                 : method == "PATCH"  ? http->Patch(path.c_str(), headers, text, "application/json")
                                 : method == "DELETE" ? http->Delete(path.c_str(), headers)
                                                      : http->Options(path.c_str(), headers);
        Answer answer;
        if (!result)
            return answer;
        answer.status = result->status;
        answer.headers = result->headers;
        answer.raw = result->body;
        const auto type = result->get_header_value("Content-Type");
        if (type.starts_with("application/json") || type.starts_with("application/problem+json"))
            answer.body = json::Json::parse(result->body, nullptr, false);
        return answer;
    }

    Answer get(const std::string& path, const std::string& bearer) const { return send("GET", path, std::nullopt, bearer); }
    Answer post(const std::string& path, const json::Json& body, const std::string& bearer, httplib::Headers headers = {}) const
    {
        return send("POST", path, body, bearer, std::move(headers));
    }
    Answer patch(const std::string& path, const json::Json& body, const std::string& bearer) const
    {
        return send("PATCH", path, body, bearer);
    }

    // An approved partner, registered through the API.
    std::string addPartner(const std::string& name)
    {
        const auto manager = token("manager");
        std::string email = name;
        for (auto& c : email)
            c = c == ' ' ? '.' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto created = post("/api/v1/affiliates",
                                  json::Json{{"name", name}, {"email", email + "@example.com"}, {"kind", "affiliate"}},
                                  manager);
        if (created.status != 201)
            qFatal("cannot register a partner: %d %s", created.status, created.raw.c_str());
        const auto id = created.body["id"].get<std::string>();
        if (post("/api/v1/affiliates/" + id + "/approve", json::Json::object(), manager).status != 200)
            qFatal("cannot approve a partner");
        return id;
    }

    static json::Json campaignDraft(const std::string& name, std::int64_t budget = 1000000, std::int64_t holdSeconds = 3600)
    {
        const auto now = std::chrono::system_clock::now();
        const auto startsAt = std::chrono::floor<std::chrono::milliseconds>(now - std::chrono::hours(24));
        const auto endsAt = std::chrono::floor<std::chrono::milliseconds>(now + std::chrono::hours(24 * 30));
        return json::Json{{"name", name},
                          {"brand", {{"name", "Acme"}}},
                          {"kind", "mixed"},
                          {"startsAt", formatRfc3339(startsAt)},
                          {"endsAt", formatRfc3339(endsAt)},
                          {"budget", {{"amount", budget}, {"currency", "USD"}}},
                          {"commission", {{"type", "fixed"}, {"amount", {{"amount", 500}, {"currency", "USD"}}}}},
                          {"holdPeriodSeconds", holdSeconds}};
    }

    // An active campaign with these partners enrolled, created through the API.
    std::string addActiveCampaign(const std::string& name, const std::vector<std::string>& partners)
    {
        const auto manager = token("manager");
        const auto created = post("/api/v1/campaigns", campaignDraft(name), manager);
        if (created.status != 201)
            qFatal("cannot create a campaign: %d %s", created.status, created.raw.c_str());
        const auto id = created.body["id"].get<std::string>();
        if (!partners.empty()) {
            // Marketing learns of new partners from their events: retry until it knows them.
            const auto giveUpAt = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (post("/api/v1/campaigns/" + id + "/affiliates", json::Json{{"affiliateIds", partners}}, manager).status !=
                   200) {
                if (std::chrono::steady_clock::now() > giveUpAt)
                    qFatal("marketing never learnt of the partners");
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
        if (post("/api/v1/campaigns/" + id + "/activate", json::Json::object(), manager).status != 200)
            qFatal("cannot activate a campaign");
        // Tracking and commissions judge a purchase by their copies of the campaign and its partners,
        // which events bring: wait for them, so that a purchase sent next meets the active campaign.
        waitUntilDelivered();
        return id;
    }

    void waitUntilDelivered()
    {
        const auto giveUpAt = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        for (;;) {
            const auto delivered = m_app->engine().everythingDelivered();
            if (delivered && *delivered)
                return;
            if (std::chrono::steady_clock::now() > giveUpAt)
                qFatal("the services never caught up with the set-up's events");
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }

    static json::Json interaction(const std::string& type, const std::string& campaignId, const std::string& partnerId,
                                  const std::string& user)
    {
        return json::Json{{"type", type}, {"campaignId", campaignId}, {"affiliateId", partnerId}, {"userId", user}};
    }

    // A click a minute ago: long enough before a purchase that the click-injection rule stays quiet.
    static json::Json earlierClick(const std::string& campaignId, const std::string& partnerId, const std::string& user)
    {
        auto click = interaction("click", campaignId, partnerId, user);
        click["occurredAt"] = formatRfc3339(
            std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now() - std::chrono::minutes(1)));
        return click;
    }

private:
    const Clock& m_clock;
    TempDataDir m_dir;
    std::unique_ptr<app::BffApp> m_app;
    std::map<std::string, std::string> m_tokens;
};

}  // namespace alpes::testing
