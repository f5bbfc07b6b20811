#include "bff/app/bff_app.h"

#include <spdlog/spdlog.h>

namespace alpes::app {

Result<std::unique_ptr<BffApp>> BffApp::start(const BffConfig& config, const Clock& clock)
{
    std::unique_ptr<BffApp> app(new BffApp());
    auto dataDir = config.demo && config.dataDir.empty() ? demo::freshDemoDataDir() : Result(config.dataDir);
    if (!dataDir)
        return std::move(dataDir).error();
    auto engine = Engine::open(EngineOptions{dataDir.value(), config.durability}, clock);
    if (!engine)
        return std::move(engine).error();
    app->m_engine = std::move(engine).value();
    app->m_engine->start();
    if (config.demo) {
        auto runner = demo::DemoRunner::start(*app->m_engine, *config.demo, clock);
        if (!runner)
            return std::move(runner).error();
        app->m_demo = std::move(runner).value();
    }
    app->m_http = std::make_unique<http::HttpServer>(*app->m_engine);
    auto port = app->m_http->start(config.host, config.port);
    if (!port)
        return std::move(port).error();
    app->m_port = port.value();
    spdlog::info("alpes-bff {} listening on {}:{} with data in {}", ALPES_VERSION, config.host, app->m_port,
                 dataDir->string());
    return app;
}

BffApp::~BffApp()
{
    stop();
}

void BffApp::stop()
{
    if (m_http) {
        m_http->stop();
        m_http.reset();
    }
    if (m_demo)
        m_demo->stop();
    if (m_engine)
        m_engine->stop();
}

}  // namespace alpes::app
