#include "tests/bff/api/api_fixture.h"
#include "tests/support/test_printing.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QtTest>

#include <csignal>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::ApiFixture;
using alpes::testing::TempDataDir;

// The API's protections that need more than one request's worth of set-up: TLS with a real
// certificate, httplib's URI and header limits, and no secret in the logs of the real binary.
class TestApiProtection : public QObject {
    Q_OBJECT

private:
    // A throwaway self-signed certificate for 127.0.0.1 (an EC key: generated in milliseconds).
    static bool makeCertificate(const QString& certificate, const QString& key)
    {
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"),
                       key, QStringLiteral("-out"), certificate});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
            qWarning("openssl: %s", openssl.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    // Starts the real alpes-bff on an ephemeral port, everything it prints going to `log` (a file:
    // nothing has to keep reading a pipe); answers the port it logged, -1 on failure.
    static int startServer(QProcess& process, const TempDataDir& dir, const QProcessEnvironment& environment,
                           const QString& log)
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setStandardOutputFile(log);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(ALPES_BFF_BINARY),
                      {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
                       QString::fromStdString(dir.path().string()), QStringLiteral("--log-level"), QStringLiteral("trace")});
        static const QRegularExpression listening(QStringLiteral(R"(listening on http://127\.0\.0\.1:(\d+))"));
        QRegularExpressionMatch match;
        const bool started = QTest::qWaitFor(
            [&] {
                QFile file(log);
                file.open(QIODevice::ReadOnly);
                match = listening.match(QString::fromUtf8(file.readAll()));
                return match.hasMatch() || process.state() == QProcess::NotRunning;
            },
            20000);
        return started && match.hasMatch() ? match.captured(1).toInt() : -1;
    }

private Q_SLOTS:
    void servesHttpsWithItsCertificateAndRefusesPlainHttp()
    {
        TempDataDir certificates;
        const auto certificate = certificates.path() / "cert.pem";
        const auto key = certificates.path() / "key.pem";
        QVERIFY(makeCertificate(QString::fromStdString(certificate.string()), QString::fromStdString(key.string())));
        app::BffConfig config;
        config.tlsCertificate = certificate;
        config.tlsPrivateKey = key;
        ApiFixture api(config);

        httplib::SSLClient https("127.0.0.1", api.port());
        https.set_ca_cert_path(certificate.c_str());
        https.enable_server_certificate_verification(true);
        const auto health = https.Get("/health");
        QVERIFY2(health, httplib::to_string(health.error()).c_str());
        QCOMPARE(health->status, 200);
        QCOMPARE(Json::parse(health->body)["status"], Json("ok"));
        const auto login = https.Post("/api/v1/auth/login",
                                      Json{{"username", "analyst"}, {"password", ApiFixture::kPassword}}.dump(),
                                      "application/json");
        QVERIFY(login && login->status == 200);

        // Plain HTTP to the TLS port gets no HTTP answer at all.
        const auto plain = api.get("/health", "");
        QCOMPARE(plain.status, 0);
    }

    void answersAnOverlongUriWith414AndAnOverlongHeaderWith400()
    {
        ApiFixture api;
        const auto manager = api.token("manager");
        // httplib refuses a request line over 8 KiB itself; the router's error handler turns its
        // empty answer into problem+json.
        const auto uri = api.get("/api/v1/campaigns?name=" + std::string(9000, 'a'), manager);
        QCOMPARE(uri.status, 414);
        QVERIFY(uri.isProblem());
        QCOMPARE(uri.body["status"], Json(414));
        // A header line over 8 KiB makes the request unreadable for httplib: 400 (it has no 431),
        // also as problem+json.
        const auto header = api.send("GET", "/api/v1/campaigns", std::nullopt, manager,
                                     {{"X-Padding", std::string(9000, 'b')}});
        QCOMPARE(header.status, 400);
        QVERIFY(header.isProblem());
        // Under the limits the same request is served.
        QCOMPARE(api.send("GET", "/api/v1/campaigns", std::nullopt, manager, {{"X-Padding", std::string(4000, 'b')}}).status,
                 200);
    }

    void noPasswordTokenOrApiKeyReachesTheLogs()
    {
        TempDataDir dir;
        const std::string adminPassword = "Adm1n-s3cret-" + std::to_string(QRandomGenerator::global()->generate64());
        const std::string wrongPassword = "Wr0ng-s3cret-" + std::to_string(QRandomGenerator::global()->generate64());
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ALPES_ADMIN_PASSWORD"), QString::fromStdString(adminPassword));
        const auto logPath = QString::fromStdString((dir.path() / "server.log").string());
        QProcess server;
        const int port = startServer(server, dir, environment, logPath);
        QVERIFY(port > 0);
        httplib::Client client("127.0.0.1", port);
        const auto json = [](const httplib::Result& result) {
            return result ? Json::parse(result->body, nullptr, false) : Json();
        };

        const auto refused = client.Post("/api/v1/auth/login",
                                         Json{{"username", "admin"}, {"password", wrongPassword}}.dump(), "application/json");
        QVERIFY(refused && refused->status == 401);
        const auto login = client.Post("/api/v1/auth/login",
                                       Json{{"username", "admin"}, {"password", adminPassword}}.dump(), "application/json");
        QVERIFY(login && login->status == 200);
        const auto token = json(login)["token"].get<std::string>();
        const httplib::Headers bearer{{"Authorization", "Bearer " + token}};
        const auto created = client.Post("/api/v1/api-keys", bearer, Json{{"name", "shop"}, {"scope", "ingest"}}.dump(),
                                         "application/json");
        QVERIFY(created && created->status == 201);
        const auto apiKey = json(created)["key"].get<std::string>();

        QVERIFY(client.Get("/api/v1/auth/me", bearer)->status == 200);
        const auto ingest = client.Post("/api/v1/interactions", {{"Authorization", "Bearer " + apiKey}},
                                        Json{{"type", "view"}, {"campaignId", "cmp_unknown"}}.dump(), "application/json");
        QVERIFY(ingest && ingest->status >= 400 && ingest->status < 500);
        // The stream takes its token in the query (EventSource cannot set headers): refused at once
        // for a bad topic, and opened for real, read until its first event, then closed.
        QCOMPARE(client.Get(("/api/v1/stream?topics=nonsense&token=" + token).c_str())->status, 400);
        std::string firstEvent;
        client.Get(("/api/v1/stream?topics=kpis&token=" + token).c_str(), [&](const char* data, size_t length) {
            firstEvent.append(data, length);
            return firstEvent.find("data:") == std::string::npos;
        });
        QVERIFY2(firstEvent.find("data:") != std::string::npos, firstEvent.c_str());
        QVERIFY(client.Post("/api/v1/auth/logout", bearer, "", "application/json")->status == 204);

        ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(20000));
        QFile logFile(logPath);
        QVERIFY(logFile.open(QIODevice::ReadOnly));
        const std::string log = logFile.readAll().toStdString();
        // The requests were logged (at trace level, the most the server says) ...
        QVERIFY2(log.find("/api/v1/stream") != std::string::npos && log.find("/api/v1/auth/login") != std::string::npos,
                 log.c_str());
        // ... and none of the secrets they carried.
        for (const auto& secret : {adminPassword, wrongPassword, token, apiKey})
            QVERIFY2(log.find(secret) == std::string::npos, ("found " + secret + " in:\n" + log).c_str());
    }
};

QTEST_APPLESS_MAIN(TestApiProtection)
#include "tst_api_protection.moc"
