#pragma once

#include "desktop/net/bff_request.h"
#include "shared/core/result.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace alpes::console {

// The console's only way to the BFF's REST API: asynchronous requests on QNetworkAccessManager
// with the session's Bearer token. Each answer is delivered to a callback bound to a context
// object (dropped when the context is gone), as the JSON body or an Error decoded from
// problem+json. A 401 also emits unauthorized() so the app can lead back to login. GUI thread only.
class BffClient : public QObject {
    Q_OBJECT

public:
    using Callback = std::function<void(Result<json::Json>)>;

    explicit BffClient(QObject* parent = nullptr);
    // The one network access manager of the console; the stream reader shares it.
    QNetworkAccessManager& network() { return *m_network; }

    void setBaseUrl(const QUrl& baseUrl);
    const QUrl& baseUrl() const { return m_baseUrl; }
    void setToken(const QString& token);
    const QString& token() const { return m_token; }

    // `http://host:port/api/v1` + path, with the query.
    QUrl urlFor(const QString& path, const QUrlQuery& query = {}) const;

    void send(const BffRequest& request, const QObject* context, Callback done);
    int pendingRequests() const { return m_pending; }

Q_SIGNALS:
    void unauthorized();
    // The server answered (reachable) or could not be reached at all (unreachable).
    void reachabilityChanged(bool reachable);
    void pendingRequestsChanged(int pending);

private:
    void finish(QNetworkReply* reply, bool endsSessionOn401, const QPointer<const QObject>& context,
                const Callback& done);
    void setReachable(bool reachable);

    QNetworkAccessManager* m_network = nullptr;
    QUrl m_baseUrl;
    QString m_token;
    int m_pending = 0;
    bool m_reachable = true;
};

}  // namespace alpes::console
