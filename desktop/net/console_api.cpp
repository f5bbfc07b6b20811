#include "desktop/net/console_api.h"

namespace alpes::console {

ConsoleApi::ConsoleApi(BffClient& client, QObject* parent) : QObject(parent), m_client(client) {}

void ConsoleApi::login(const QString& username, const QString& password, const QObject* context, Done<Session> done)
{
    const json::Json body{{"username", username.toStdString()}, {"password", password.toStdString()}};
    BffRequest request = BffRequest::post(QStringLiteral("/auth/login"), body);
    request.endsSessionOn401 = false;
    fetch<Session>(request, &decodeSession, context, std::move(done));
}

void ConsoleApi::logout()
{
    if (m_client.token().isEmpty())
        return;
    m_client.send(BffRequest::post(QStringLiteral("/auth/logout")), this, [](Result<json::Json>) {});
    m_client.setToken({});
}

void ConsoleApi::send(const BffRequest& request, const QObject* context, Done<json::Json> done)
{
    m_client.send(request, context, std::move(done));
}

}  // namespace alpes::console
