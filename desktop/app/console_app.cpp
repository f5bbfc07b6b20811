#include "desktop/app/console_app.h"

#include "desktop/app/console_settings.h"
#include "desktop/app/demo_server.h"
#include "desktop/app/screenshot_tour.h"
#include "desktop/models/affiliate_table_model.h"
#include "desktop/models/campaign_table_model.h"
#include "desktop/models/commission_table_model.h"
#include "desktop/models/display_format.h"
#include "desktop/models/interaction_feed_model.h"
#include "desktop/models/name_directory.h"
#include "desktop/models/saga_table_model.h"
#include "desktop/net/bff_client.h"
#include "desktop/net/console_api.h"
#include "desktop/net/live_stream.h"
#include "desktop/net/sse_reader.h"
#include "desktop/ui/dialogs/connect_dialog.h"
#include "desktop/ui/error_display.h"
#include "desktop/ui/main_window.h"
#include "desktop/ui/pages/campaigns_page.h"
#include "desktop/ui/pages/commissions_page.h"
#include "desktop/ui/pages/dashboard_page.h"
#include "desktop/ui/pages/live_page.h"
#include "desktop/ui/pages/partners_page.h"
#include "desktop/ui/pages/sagas_page.h"
#include "desktop/ui/widgets/connection_banner.h"
#include "desktop/ui/widgets/status_panel.h"

#include <QApplication>
#include <QStatusBar>

#include <cstdio>
#include <memory>

namespace alpes::console {

ConsoleApp::ConsoleApp(QApplication& application, ConsoleSettings& settings, ConsoleOptions options, QObject* parent)
    : QObject(parent), m_application(application), m_settings(settings), m_options(std::move(options)),
      m_systemPalette(QApplication::palette())
{
    applyTheme(themeFromName(m_settings.theme.get()));
    m_client = new BffClient(this);
    m_api = new ConsoleApi(*m_client, this);
    m_reader = new SseReader(*m_client, this);
    m_live = new LiveStream(*m_reader, this);
    m_names = std::make_unique<NameDirectory>();
    m_campaigns = new CampaignTableModel(this);
    m_partners = new AffiliateTableModel(this);
    m_commissions = new CommissionTableModel(*m_names, this);
    m_sagas = new SagaTableModel(*m_names, this);
    m_feed = new InteractionFeedModel(*m_names, InteractionFeedModel::kDefaultCapacity, this);
    m_window = std::make_unique<MainWindow>(m_settings);
    buildPages();
    if (m_options.logReady) {
        // Once: the first counts of the stream are what the dashboard's chart draws.
        auto first = std::make_shared<QMetaObject::Connection>();
        *first = connect(m_live, &LiveStream::interactionsTick, this, [first] {
            std::fputs("alpes-console: dashboard has live data\n", stderr);
            std::fflush(stderr);
            QObject::disconnect(*first);
        });
    }

    connect(m_window.get(), &MainWindow::currentPageChanged, this, &ConsoleApp::followCurrentPage);
    connect(m_sagasPage, &SagasPage::shownSagaChanged, this, &ConsoleApp::followCurrentPage);

    StatusPanel* status = m_window->statusPanel();
    connect(m_client, &BffClient::pendingRequestsChanged, status, &StatusPanel::setBusy);
    connect(m_client, &BffClient::unauthorized, this,
            [this] { endSession(tr("Your session has ended. Please sign in again.")); });
    connect(m_reader, &SseReader::unauthorized, this,
            [this] { endSession(tr("Your session has ended. Please sign in again.")); });
    connect(m_client, &BffClient::reachabilityChanged, this, &ConsoleApp::onReachability);
    connect(m_reader, &SseReader::stateChanged, this, &ConsoleApp::onStreamState);
    connect(m_live, &LiveStream::statsChanged, status, [this, status] {
        status->setEventsPerSecond(m_live->eventsPerSecond());
        if (m_live->lastUpdate().isValid())
            status->setLastUpdate(m_live->lastUpdate());
    });
    connect(m_window->banner(), &ConnectionBanner::retryRequested, this, [this] {
        m_reader->stop();
        m_reader->start(streamTopics(), streamSagaId());
        refreshAll();
    });
    connect(m_window.get(), &MainWindow::themeChosen, this, [this](ThemeChoice choice) {
        m_settings.theme.set(themeName(choice));
        applyTheme(choice);
    });
    connect(m_window.get(), &MainWindow::languageChosen, this,
            [this](const QString& language) { m_settings.language.set(language); });
    connect(m_window.get(), &MainWindow::signOutRequested, this, [this] {
        m_api->logout();
        endSession(tr("You signed out."));
    });
}

ConsoleApp::~ConsoleApp() = default;

ConnectDialog* ConsoleApp::connectDialog() const { return m_connectDialog.data(); }

void ConsoleApp::buildPages()
{
    m_window->addPage(new DashboardPage(*m_api, *m_live), tr("Dashboard"));
    m_window->addPage(new CampaignsPage(*m_api, *m_campaigns, *m_names, *m_live), tr("Campaigns"));
    m_window->addPage(new PartnersPage(*m_api, *m_partners, *m_names), tr("Partners"));
    m_window->addPage(new LivePage(*m_live, *m_feed), tr("Live"));
    m_sagasPage = new SagasPage(*m_api, *m_sagas, *m_live);
    m_window->addPage(m_sagasPage, tr("Sagas"));
    m_window->addPage(new CommissionsPage(*m_api, *m_commissions, *m_live), tr("Commissions"));
}

QStringList ConsoleApp::streamTopics() const
{
    // Saga steps grow with the ingest rate (thousands a second under load) and only the Sagas
    // page's timeline shows them one by one, for the one saga it shows: the stream carries that
    // saga's steps alone (streamSagaId()). Everything else follows the per-second interactions
    // ticks and the KPI ticks (commissions and sagas by state), whose rate is fixed.
    QStringList topics{QStringLiteral("interactions"), QStringLiteral("kpis")};
    if (!streamSagaId().isEmpty())
        topics << QStringLiteral("sagas");
    return topics;
}

QString ConsoleApp::streamSagaId() const
{
    return m_window->currentPage() == m_sagasPage ? m_sagasPage->shownSagaId() : QString();
}

void ConsoleApp::followCurrentPage()
{
    m_reader->setTopics(streamTopics(), streamSagaId());
}

void ConsoleApp::applyTheme(ThemeChoice choice) { alpes::console::applyTheme(m_application, choice, m_systemPalette); }

void ConsoleApp::start()
{
    if (m_options.demo)
        return startDemo();
    const QUrl server = m_options.server.value_or(m_settings.serverUrl.get());
    const QString token = m_settings.token.get();
    if (!server.isEmpty() && !token.isEmpty() && (!m_options.server || *m_options.server == m_settings.serverUrl.get()))
        return resumeSession(server, token);
    showConnectDialog();
}

void ConsoleApp::showConnectDialog(const QString& message)
{
    if (!m_connectDialog) {
        const QUrl server = m_options.server.value_or(m_settings.serverUrl.get());
        m_connectDialog = new ConnectDialog(server, m_settings.username.get(), m_window.get());
        m_connectDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_connectDialog, &ConnectDialog::connectRequested, this, &ConsoleApp::signIn);
        connect(m_connectDialog, &ConnectDialog::demoRequested, this, &ConsoleApp::startDemo);
        connect(m_connectDialog, &QDialog::rejected, this, [this] {
            if (!m_window->isVisible())
                m_application.quit();
        });
    }
    if (!message.isEmpty())
        m_connectDialog->showError(message);
    m_connectDialog->open();
}

void ConsoleApp::startDemo()
{
    if (!m_demoServer) {
        showConnectDialog(tr("Demo mode is not available in this build."));
        return;
    }
    if (m_connectDialog)
        m_connectDialog->setBusy(true);
    m_window->statusBar()->showMessage(tr("Starting demo mode…"));
    m_demoServer->start(this, [this](Result<DemoEndpoint> endpoint) {
        if (!endpoint) {
            showConnectDialog(tr("Demo mode could not start: %1").arg(errorText(endpoint.error())));
            return;
        }
        signIn(endpoint->baseUrl, endpoint->username, endpoint->password);
    });
}

void ConsoleApp::signIn(const QUrl& server, const QString& username, const QString& password)
{
    if (m_connectDialog)
        m_connectDialog->setBusy(true);
    m_client->setBaseUrl(server);
    m_client->setToken({});
    m_api->login(username, password, this, [this, server, username](Result<dto::Session> session) {
        if (!session) {
            const QString text = session.error().code == ErrorCode::Unauthorized
                                     ? tr("Wrong username or password.")
                                     : errorText(session.error());
            showConnectDialog(text);
            return;
        }
        m_client->setToken(qs(session->token));
        m_settings.serverUrl.set(server);
        m_settings.username.set(username);
        m_settings.token.set(qs(session->token));  // the token, never the password
        enterMainWindow();
    });
}

void ConsoleApp::resumeSession(const QUrl& server, const QString& token)
{
    m_client->setBaseUrl(server);
    m_client->setToken(token);
    m_api->send(BffRequest::get(QStringLiteral("/auth/me")), this, [this](Result<json::Json> me) {
        if (me)
            return enterMainWindow();
        // A 401 already led to endSession(); anything else: let the user decide where to go.
        if (me.error().code != ErrorCode::Unauthorized)
            showConnectDialog(errorText(me.error()));
    });
}

void ConsoleApp::enterMainWindow()
{
    if (!m_options.screenshotDir.isEmpty() && !m_tour) {
        m_tour = new ScreenshotTour(*m_window, QDir(m_options.screenshotDir),
                                    [this](ThemeChoice choice) { applyTheme(choice); }, this);
        connect(m_tour, &ScreenshotTour::finished, this,
                [this](bool ok) { m_application.exit(ok ? 0 : 1); });
        m_tour->start();
    }
    if (m_connectDialog)
        m_connectDialog->accept();
    m_window->setServerLabel(m_client->baseUrl().toString());
    if (!m_window->isVisible()) {
        m_window->restoreGeometryFromSettings();
        m_window->show();
    }
    m_reader->start(streamTopics(), streamSagaId());
    refreshAll();
    if (!m_options.showSaga.isEmpty()) {
        m_window->showPage(m_window->indexOf(m_sagasPage));
        m_sagasPage->showSaga(m_options.showSaga);
    }
    Q_EMIT signedIn();
}

void ConsoleApp::endSession(const QString& message)
{
    m_reader->stop();
    m_client->setToken({});
    m_settings.token.clear();
    Q_EMIT signedOut();
    showConnectDialog(message);
}

void ConsoleApp::refreshAll()
{
    for (int i = 0; i < m_window->pageCount(); ++i)
        m_window->page(i)->refresh();
}

void ConsoleApp::onStreamState(ConnectionState state)
{
    m_window->statusPanel()->setConnectionState(state);
    if (state == ConnectionState::Reconnecting)
        onReachability(false);
    else if (state == ConnectionState::Connected)
        onReachability(true);
}

void ConsoleApp::onReachability(bool reachable)
{
    if (!reachable) {
        m_wasOffline = true;
        m_window->banner()->showMessage(
            tr("The server cannot be reached. The data on screen is the last that arrived; reconnecting automatically…"));
        return;
    }
    m_window->banner()->hide();
    if (m_wasOffline) {
        m_wasOffline = false;
        refreshAll();  // catch up on what happened while away
    }
}

}  // namespace alpes::console
