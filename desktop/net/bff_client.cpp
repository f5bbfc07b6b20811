#include "desktop/net/bff_client.h"

#include "desktop/net/problem_reader.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace alpes::console {

BffClient::BffClient(QObject* parent) : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

void BffClient::setBaseUrl(const QUrl& baseUrl) { m_baseUrl = baseUrl; }

void BffClient::setToken(const QString& token) { m_token = token; }

QUrl BffClient::urlFor(const QString& path, const QUrlQuery& query) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QStringLiteral("/api/v1") + path);
    url.setQuery(query);
    return url;
}

void BffClient::send(const BffRequest& request, const QObject* context, Callback done)
{
    QNetworkRequest networkRequest(urlFor(request.path, request.query));
    networkRequest.setTransferTimeout(static_cast<int>(request.timeout.count()));
    networkRequest.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        networkRequest.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_token.toUtf8());
    QByteArray payload;
    if (request.body) {
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        payload = QByteArray::fromStdString(request.body->dump());
    }
    QNetworkReply* reply = m_network->sendCustomRequest(networkRequest, request.method, payload);
    ++m_pending;
    Q_EMIT pendingRequestsChanged(m_pending);
    // The reply is always finished and freed by this client; only the callback depends on the context.
    const QPointer<const QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, guard, endsSession = request.endsSessionOn401, done = std::move(done)] {
                finish(reply, endsSession, guard, done);
            });
}

void BffClient::finish(QNetworkReply* reply, bool endsSessionOn401, const QPointer<const QObject>& context,
                       const Callback& done)
{
    reply->deleteLater();
    --m_pending;
    Q_EMIT pendingRequestsChanged(m_pending);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    Result<json::Json> result = Error::internal("No answer");
    if (status == 0) {
        setReachable(false);
        Error error = Error::unavailable(tr("The server cannot be reached").toStdString(),
                                         reply->errorString().toStdString());
        if (reply->error() == QNetworkReply::OperationCanceledError ||
            reply->error() == QNetworkReply::TimeoutError)
            error.code = ErrorCode::Timeout;
        result = std::move(error);
    } else {
        setReachable(true);
        if (status >= 200 && status < 300) {
            if (body.trimmed().isEmpty())
                result = json::Json::object();
            else
                result = json::parse(std::string_view(body.constData(), static_cast<size_t>(body.size())));
        } else {
            result = errorFromProblem(status, std::string_view(body.constData(), static_cast<size_t>(body.size())));
            if (status == 401 && endsSessionOn401)
                Q_EMIT unauthorized();
        }
    }
    if (context)
        done(std::move(result));
}

void BffClient::setReachable(bool reachable)
{
    if (reachable == m_reachable)
        return;
    m_reachable = reachable;
    Q_EMIT reachabilityChanged(reachable);
}

}  // namespace alpes::console
