#pragma once

#include "desktop/app/console_options.h"
#include "desktop/app/theme.h"
#include "desktop/net/connection_state.h"

#include <QObject>
#include <QPalette>
#include <QPointer>

#include <memory>

class QApplication;

namespace alpes::console {

class AffiliateTableModel;
class BffClient;
class CampaignTableModel;
class CommissionTableModel;
class ConnectDialog;
class ConsoleApi;
class ConsoleSettings;
class DemoServer;
class InteractionFeedModel;
class LiveStream;
class MainWindow;
class NameDirectory;
class SagaTableModel;
class SagasPage;
class ScreenshotTour;
class SseReader;
struct DemoEndpoint;

// The console's composition root: builds the network client, the stream, the models, the main
// window and its pages, passes each its dependencies (no singletons), and runs the flows between
// them: connect or demo → sign in → main window; 401 → back to the connect dialog; unreachable →
// banner, last data kept, automatic reconnect. The stream carries saga steps only while the Sagas
// page is current, and only those of the saga its timeline shows (see streamTopics()). GUI thread
// only.
class ConsoleApp : public QObject {
    Q_OBJECT

public:
    ConsoleApp(QApplication& application, ConsoleSettings& settings, ConsoleOptions options,
               QObject* parent = nullptr);
    ~ConsoleApp() override;

    // Not owned; may stay unset (demo mode then says it is unavailable).
    void setDemoServer(DemoServer* demoServer) { m_demoServer = demoServer; }

    // Starts demo mode, signs in with a remembered token, or shows the connect dialog.
    void start();
    // Signs in and opens the main window (the connect dialog's path; tests call it directly).
    void signIn(const QUrl& server, const QString& username, const QString& password);
    void applyTheme(ThemeChoice choice);

    MainWindow& mainWindow() { return *m_window; }
    ConnectDialog* connectDialog() const;
    BffClient& client() { return *m_client; }
    LiveStream& liveStream() { return *m_live; }
    SseReader& streamReader() { return *m_reader; }

Q_SIGNALS:
    // The main window is up and its first data was requested.
    void signedIn();
    void signedOut();

private:
    void buildPages();
    QStringList streamTopics() const;
    QString streamSagaId() const;
    void followCurrentPage();
    void showConnectDialog(const QString& message = {});
    void startDemo();
    void resumeSession(const QUrl& server, const QString& token);
    void enterMainWindow();
    void endSession(const QString& message);
    void refreshAll();
    void onStreamState(ConnectionState state);
    void onReachability(bool reachable);

    QApplication& m_application;
    ConsoleSettings& m_settings;
    ConsoleOptions m_options;
    QPalette m_systemPalette;
    DemoServer* m_demoServer = nullptr;
    BffClient* m_client = nullptr;
    ConsoleApi* m_api = nullptr;
    SseReader* m_reader = nullptr;
    LiveStream* m_live = nullptr;
    std::unique_ptr<NameDirectory> m_names;
    CampaignTableModel* m_campaigns = nullptr;
    AffiliateTableModel* m_partners = nullptr;
    CommissionTableModel* m_commissions = nullptr;
    SagaTableModel* m_sagas = nullptr;
    InteractionFeedModel* m_feed = nullptr;
    std::unique_ptr<MainWindow> m_window;
    SagasPage* m_sagasPage = nullptr;  // owned by the window
    QPointer<ConnectDialog> m_connectDialog;
    bool m_wasOffline = false;
    ScreenshotTour* m_tour = nullptr;
};

}  // namespace alpes::console
