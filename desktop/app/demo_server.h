#pragma once

#include "shared/core/result.h"

#include <QString>
#include <QUrl>

#include <functional>

class QObject;

namespace alpes::console {

// Where demo mode's server listens and whom to sign in as.
struct DemoEndpoint {
    QUrl baseUrl;
    QString username;
    QString password;
};

// The seam for "Demo mode (offline)": something that starts the BFF engine in-process on a
// loopback port with demo data and says where it is. The console then connects to it like to
// any server (one code path). The console never links the engine itself; the composition root
// (main.cpp) hands an implementation to ConsoleApp. Starting must not block the GUI thread:
// `done` is called later, on the GUI thread, unless `context` is gone by then.
class DemoServer {
public:
    virtual ~DemoServer() = default;
    virtual void start(const QObject* context, std::function<void(Result<DemoEndpoint>)> done) = 0;
};

}  // namespace alpes::console
