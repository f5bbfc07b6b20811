#include "desktop/app/embedded_demo_server.h"

#include "bff/app/bff_app.h"

#include <QPointer>

#include <mutex>

namespace alpes::console {

namespace {

DemoEndpoint endpointOf(const app::BffApp& bff)
{
    // The demo's manager: every page of the console has something to show and to do.
    return DemoEndpoint{QUrl(QStringLiteral("http://127.0.0.1:%1").arg(bff.port())), QStringLiteral("manager"),
                        QString::fromLatin1(app::BffApp::kDemoPassword)};
}

}  // namespace

EmbeddedDemoServer::EmbeddedDemoServer() : m_clock(std::make_unique<SystemClock>()) {}

EmbeddedDemoServer::~EmbeddedDemoServer()
{
    if (m_starter.joinable())
        m_starter.join();
    if (m_app)
        m_app->stop();
}

void EmbeddedDemoServer::start(const QObject* context, std::function<void(Result<DemoEndpoint>)> done)
{
    QPointer<const QObject> guard(context);
    auto deliver = [this, guard, done = std::move(done)](Result<DemoEndpoint> endpoint) {
        // Back on the GUI thread: hand over the endpoint unless the asker is gone.
        QMetaObject::invokeMethod(
            this,
            [guard, done, endpoint = std::move(endpoint)]() mutable {
                if (guard)
                    done(std::move(endpoint));
            },
            Qt::QueuedConnection);
    };
    {
        std::lock_guard lock(m_mutex);
        if (m_app) {
            deliver(endpointOf(*m_app));
            return;
        }
    }
    if (m_starter.joinable())
        m_starter.join();
    m_starter = std::thread([this, deliver = std::move(deliver)]() mutable {
        app::BffConfig config;
        config.host = "127.0.0.1";
        config.port = 0;
        config.demo = demo::DemoOptions{};
        config.logLevel = "warn";
        auto started = app::BffApp::start(config, *m_clock);
        if (!started) {
            deliver(std::move(started).error());
            return;
        }
        std::lock_guard lock(m_mutex);
        m_app = std::move(started).value();
        deliver(endpointOf(*m_app));
    });
}

}  // namespace alpes::console
