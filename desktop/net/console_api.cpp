#include "desktop/net/console_api.h"

namespace alpes::console {

ConsoleApi::ConsoleApi(BffClient& client, QObject* parent) : QObject(parent), m_client(client) {}

void ConsoleApi::login(const QString& username, const QString& password, const QObject* context,
                       Done<dto::Session> done)
{
    const dto::LoginRequest login{username.toStdString(), password.toStdString()};
    BffRequest request = BffRequest::post(QStringLiteral("/auth/login"), dto::toJson(login));
    request.endsSessionOn401 = false;
    fetch<dto::Session>(request, &dto::decodeSession, context, std::move(done));
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
