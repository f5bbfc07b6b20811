#include "bff/app/bff_app.h"
#include "desktop/app/console_app.h"
#include "desktop/app/console_settings.h"
#include "desktop/net/bff_client.h"
#include "desktop/net/console_api.h"
#include "desktop/net/sse_reader.h"
#include "desktop/ui/dialogs/connect_dialog.h"
#include "desktop/ui/main_window.h"
#include "desktop/ui/widgets/connection_banner.h"
#include "desktop/ui/widgets/status_panel.h"
#include "shared/dto/auth.h"
#include "shared/dto/campaign.h"
#include "tests/support/temp_data_dir.h"

#include <QApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

using namespace alpes;
using namespace alpes::console;

namespace {

constexpr const char* kPassword = "password-1";

// The real BFF on a loopback port with a fresh data directory and a manager user.
class RealBff {
public:
    RealBff()
    {
        start(0);
        if (!m_app->auth().ensureUser({"manager", kPassword, dto::Role::Manager, std::nullopt}))
            qFatal("cannot create the manager");
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

    void stop()
    {
        m_app->stop();
        m_app.reset();
    }
    // Again on the same port with the same data: what a server restart looks like to a client.
    void restart() { start(m_port); }

private:
    void start(std::uint16_t port)
    {
        app::BffConfig config;
        config.host = "127.0.0.1";
        config.port = port;
        config.dataDir = m_dir.path();
        config.passwordHashing = gateway::KdfCost{1, 1, 1};  // the tests are about the client, not scrypt
        auto started = app::BffApp::start(config, m_clock);
        if (!started)
            qFatal("cannot start the BFF: %s", started.error().message.c_str());
        m_app = std::move(started).value();
        m_port = m_app->port();
    }

    testing::TempDataDir m_dir;
    SystemClock m_clock;
    std::unique_ptr<app::BffApp> m_app;
    std::uint16_t m_port = 0;
};

template <typename T>
Result<T> waitFor(std::optional<Result<T>>& slot)
{
    if (!QTest::qWaitFor([&] { return slot.has_value(); }, 20000))
        return Error::internal("no answer in time");
    return std::move(*slot);
}

dto::CampaignDraft draft(const std::string& name)
{
    dto::CampaignDraft d;
    d.name = name;
    d.brand.name = "Alpes";
    const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    d.startsAt = now - std::chrono::hours(1);
    d.endsAt = now + std::chrono::hours(24 * 30);
    d.budget = Money::of(500000, "USD").value();
    d.commission.type = domain::CommissionType::Percent;
    d.commission.ratePpm = 100000;
    return d;
}

}  // namespace

class TestBffClient : public QObject {
    Q_OBJECT

private:
    std::string signIn(ConsoleApi& api)
    {
        std::optional<Result<dto::Session>> session;
        api.login(QStringLiteral("manager"), QString::fromLatin1(kPassword), this,
                  [&](Result<dto::Session> s) { session = std::move(s); });
        auto result = waitFor(session);
        if (!result)
            qFatal("cannot sign in: %s", result.error().message.c_str());
        api.client().setToken(QString::fromStdString(result->token));
        return result->token;
    }

private Q_SLOTS:
    void signsInCreatesAndListsCampaignsDecodedByTheSharedConverters()
    {
        RealBff bff;
        BffClient client;
        client.setBaseUrl(bff.url());
        ConsoleApi api(client);
        signIn(api);
        std::optional<Result<json::Json>> created;
        api.send(BffRequest::post(QStringLiteral("/campaigns"), dto::toJson(draft("Summer sale"))), this,
                 [&](Result<json::Json> body) { created = std::move(body); });
        auto body = waitFor(created);
        QVERIFY2(body.ok(), body.ok() ? "" : body.error().message.c_str());
        QVERIFY(dto::decodeCampaign(*body).ok());

        std::vector<dto::Campaign> all;
        std::optional<Result<bool>> done;
        api.loadList<dto::Campaign>(
            QStringLiteral("/campaigns"), {}, &dto::decodeCampaign, this,
            [&](std::vector<dto::Campaign> items, bool) { all.insert(all.end(), items.begin(), items.end()); },
            [&](Status status) { done = status ? Result<bool>(true) : Result<bool>(status.error()); });
        QVERIFY(waitFor(done).ok());
        QCOMPARE(all.size(), size_t{1});
        QCOMPARE(all.front().name, std::string("Summer sale"));
    }

    void readsProblemJsonIntoFieldErrors()
    {
        RealBff bff;
        BffClient client;
        client.setBaseUrl(bff.url());
        ConsoleApi api(client);
        signIn(api);
        auto bad = draft("x");  // too short
        bad.endsAt = bad.startsAt - std::chrono::hours(1);
        std::optional<Result<json::Json>> answer;
        api.send(BffRequest::post(QStringLiteral("/campaigns"), dto::toJson(bad)), this,
                 [&](Result<json::Json> body) { answer = std::move(body); });
        auto result = waitFor(answer);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Validation);
        QVERIFY(!result.error().message.empty());
        std::vector<std::string> fields;
        for (const auto& field : result.error().fields)
            fields.push_back(field.field);
        QVERIFY(std::find(fields.begin(), fields.end(), "name") != fields.end());
    }

    void aRevokedTokenLeadsBackToTheConnectDialog()
    {
        RealBff bff;
        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("401.ini")));
        settings.serverUrl.set(bff.url());
        settings.token.set(QStringLiteral("not-a-token"));
        ConsoleApp console(*qApp, settings, ConsoleOptions{});
        QSignalSpy signedIn(&console, &ConsoleApp::signedIn);
        console.start();
        QTRY_VERIFY_WITH_TIMEOUT(console.connectDialog() && console.connectDialog()->isVisible(), 20000);
        QVERIFY(console.connectDialog()->errorText().contains(QStringLiteral("session")));
        QVERIFY(settings.token.get().isEmpty());
        QCOMPARE(signedIn.count(), 0);
        // Signing in from there opens the main window and remembers the token, not the password.
        console.signIn(bff.url(), QStringLiteral("manager"), QString::fromLatin1(kPassword));
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 20000);
        QVERIFY(!settings.token.get().isEmpty());
        QVERIFY(console.mainWindow().isVisible());
    }

    void theStreamResumesWithTheLastEventIdWhenTheServerComesBack()
    {
        RealBff bff;
        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("restart.ini")));
        ConsoleApp console(*qApp, settings, ConsoleOptions{});
        QSignalSpy signedIn(&console, &ConsoleApp::signedIn);
        QSignalSpy signedOut(&console, &ConsoleApp::signedOut);
        console.signIn(bff.url(), QStringLiteral("manager"), QString::fromLatin1(kPassword));
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 20000);
        auto* reader = console.findChild<SseReader*>();
        QVERIFY(reader);
        // Every stream request as the client sent it.
        QStringList sentLastEventIds;
        connect(&console.client().network(), &QNetworkAccessManager::finished, this, [&](QNetworkReply* reply) {
            if (reply->request().url().path().endsWith(QStringLiteral("/stream")))
                sentLastEventIds << QString::fromUtf8(reply->request().rawHeader("Last-Event-ID"));
        });
        const ConnectionBanner& banner = *console.mainWindow().banner();
        // The first KPI tick (every 5 s) gives the reader an id to resume from.
        QTRY_VERIFY_WITH_TIMEOUT(!reader->lastEventId().isEmpty(), 20000);
        QCOMPARE(reader->state(), ConnectionState::Connected);
        QVERIFY(banner.isHidden());
        QList<ConnectionState> states;
        connect(reader, &SseReader::stateChanged, this, [&](ConnectionState state) { states << state; });

        bff.stop();
        QTRY_COMPARE_WITH_TIMEOUT(reader->state(), ConnectionState::Reconnecting, 20000);
        // The old stream has ended: this is the last id it delivered.
        const QString before = reader->lastEventId();
        QVERIFY(!banner.isHidden());
        QCOMPARE(console.mainWindow().statusPanel()->connectionText(), connectionStateText(ConnectionState::Reconnecting));

        bff.restart();
        QTRY_COMPARE_WITH_TIMEOUT(reader->state(), ConnectionState::Connected, 20000);
        QTRY_VERIFY(banner.isHidden());
        // The stream goes on past where it stopped: the restarted hub numbers on from the clock.
        QTRY_VERIFY_WITH_TIMEOUT(reader->lastEventId() != before, 20000);
        QVERIFY(reader->lastEventId().toULongLong() > before.toULongLong());
        // The resumed stream's request is in once it ends (attempts refused while the server was
        // down, if any, are in already).
        reader->stop();
        QTRY_VERIFY2(sentLastEventIds.contains(before), qPrintable(sentLastEventIds.join(u',')));
        // Down, then up (then stopped by the test).
        QCOMPARE(states.mid(0, 2), (QList<ConnectionState>{ConnectionState::Reconnecting, ConnectionState::Connected}));
        // The same session carried on: no trip back to the connect dialog.
        QCOMPARE(signedOut.count(), 0);
        QVERIFY(!console.connectDialog() || !console.connectDialog()->isVisible());
    }
};

QTEST_MAIN(TestBffClient)
#include "tst_bff_client.moc"
