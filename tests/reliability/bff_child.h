#pragma once

#include "shared/json/json_decoder.h"

#include <httplib.h>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace alpes::testing {

// The real alpes-bff binary as a child process on an ephemeral loopback port, with its output in a
// file (an access log line per request would fill a pipe nobody reads and stall the server), the
// bootstrap admin, and the few HTTP calls the reliability tests set their world up with.
// Not thread-safe; clients() may be used from other threads.
class BffChild {
public:
    static constexpr const char* kAdminPassword = "admin-password-1";

    BffChild(std::filesystem::path dataDir, std::filesystem::path logFile)
        : m_dataDir(std::move(dataDir)), m_logFile(std::move(logFile))
    {
    }
    ~BffChild()
    {
        if (m_process.state() != QProcess::NotRunning)
            kill();
    }

    // Runs in the child between fork and exec (resource limits, signal dispositions).
    void setChildSetup(std::function<void()> setup) { m_process.setChildProcessModifier(std::move(setup)); }

    // Starts the server and waits for the port it logs; false (with the log printed) if it does not come up.
    bool start()
    {
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ALPES_ADMIN_PASSWORD"), QString::fromLatin1(kAdminPassword));
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(QString::fromStdString(m_logFile.string()), QIODevice::Append);
        // Each start appends to the log; the port is the one logged after this start.
        const auto startedAt = log().size();
        m_process.start(QStringLiteral(ALPES_BFF_BINARY),
                        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
                         QString::fromStdString(m_dataDir.string())});
        if (!m_process.waitForStarted())
            return false;
        static const QRegularExpression listening(QStringLiteral(R"(listening on http://127\.0\.0\.1:(\d+))"));
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 30000 && m_process.state() == QProcess::Running) {
            const auto match = listening.match(log().mid(startedAt));
            if (match.hasMatch()) {
                m_port = match.captured(1).toInt();
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        qWarning("alpes-bff did not start:\n%s", qPrintable(log().mid(startedAt)));
        return false;
    }

    void kill()
    {
        ::kill(static_cast<pid_t>(m_process.processId()), SIGKILL);
        m_process.waitForFinished(20000);
    }

    bool running() const { return m_process.state() == QProcess::Running; }
    QString log() const
    {
        QFile file(QString::fromStdString(m_logFile.string()));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    std::unique_ptr<httplib::Client> client() const
    {
        auto client = std::make_unique<httplib::Client>("127.0.0.1", m_port);
        client->set_read_timeout(30);
        return client;
    }

    struct Answer {
        int status = 0;  // 0: no answer (connection refused or dropped)
        json::Json body;
        std::string contentType;
    };
    Answer call(const std::string& method, const std::string& path, const json::Json& body = nullptr) const
    {
        httplib::Request request;
        request.method = method;
        request.path = path;
        if (!m_token.empty())
            request.headers.emplace("Authorization", "Bearer " + m_token);
        if (!body.is_null()) {
            request.body = body.dump();
            request.headers.emplace("Content-Type", "application/json");
        }
        const auto result = client()->send(request);
        if (!result)
            return {};
        return {result->status, json::Json::parse(result->body, nullptr, false),
                result->get_header_value("Content-Type")};
    }

    // Signs in as the bootstrap admin; later calls carry its token.
    bool signIn()
    {
        m_token.clear();
        const auto answer = call("POST", "/api/v1/auth/login", {{"username", "admin"}, {"password", kAdminPassword}});
        if (answer.status != 200)
            return false;
        m_token = answer.body["token"].get<std::string>();
        return true;
    }
    const std::string& token() const { return m_token; }

    // An approved partner and an active campaign it is enrolled in: {campaignId, partnerId}.
    std::pair<std::string, std::string> addCampaignWithPartner()
    {
        const auto partner = call("POST", "/api/v1/affiliates",
                                  {{"name", "Crash Partner"}, {"email", "crash@example.com"}, {"kind", "affiliate"}});
        const auto partnerId = partner.body.value("id", "");
        call("POST", "/api/v1/affiliates/" + partnerId + "/approve", json::Json::object());
        const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
        const auto campaign = call(
            "POST", "/api/v1/campaigns",
            {{"name", "Crash"},
             {"brand", {{"name", "Acme"}}},
             {"kind", "mixed"},
             {"startsAt", formatRfc3339(now - std::chrono::hours(24))},
             {"endsAt", formatRfc3339(now + std::chrono::hours(24 * 30))},
             {"budget", {{"amount", 100000000}, {"currency", "USD"}}},
             {"commission", {{"type", "fixed"}, {"amount", {{"amount", 500}, {"currency", "USD"}}}}}});
        const auto campaignId = campaign.body.value("id", "");
        // Marketing learns of the partner from its event: retry until it knows it.
        for (int attempt = 0; attempt < 500; ++attempt) {
            if (call("POST", "/api/v1/campaigns/" + campaignId + "/affiliates", {{"affiliateIds", {partnerId}}}).status ==
                200)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        call("POST", "/api/v1/campaigns/" + campaignId + "/activate", json::Json::object());
        return {campaignId, partnerId};
    }

    // Every interaction of a campaign, following the cursors: id → userId.
    std::vector<std::pair<std::string, std::string>> interactionsOf(const std::string& campaignId) const
    {
        std::vector<std::pair<std::string, std::string>> all;
        std::string cursor;
        do {
            const auto page = call("GET", "/api/v1/interactions?limit=500&campaignId=" + campaignId +
                                              (cursor.empty() ? "" : "&cursor=" + cursor));
            if (page.status != 200)
                qFatal("cannot list interactions: %d", page.status);
            for (const auto& item : page.body["items"])
                all.emplace_back(item.value("id", ""), item.value("userId", ""));
            cursor = page.body["nextCursor"].is_string() ? page.body["nextCursor"].get<std::string>() : "";
        } while (!cursor.empty());
        return all;
    }

private:
    std::filesystem::path m_dataDir;
    std::filesystem::path m_logFile;
    QProcess m_process;
    int m_port = 0;
    std::string m_token;
};

}  // namespace alpes::testing
