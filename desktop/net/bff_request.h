#pragma once

#include "shared/json/json_decoder.h"

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

#include <chrono>
#include <optional>

namespace alpes::console {

// One call of the BFF's /api/v1, as a value: what BffClient::send() needs to know.
struct BffRequest {
    QByteArray method = QByteArrayLiteral("GET");
    QString path;  // under /api/v1, e.g. "/campaigns"
    QUrlQuery query;
    std::optional<json::Json> body;
    std::chrono::milliseconds timeout{10'000};
    // A 401 ends the session (BffClient::unauthorized) except for the sign-in itself, where it
    // only means a wrong password.
    bool endsSessionOn401 = true;

    static BffRequest get(QString path, QUrlQuery query = {})
    {
        return {QByteArrayLiteral("GET"), std::move(path), std::move(query), std::nullopt, std::chrono::milliseconds{10'000}, true};
    }
    static BffRequest post(QString path, json::Json body = json::Json::object())
    {
        return {QByteArrayLiteral("POST"), std::move(path), {}, std::move(body), std::chrono::milliseconds{10'000}, true};
    }
    static BffRequest patch(QString path, json::Json body)
    {
        return {QByteArrayLiteral("PATCH"), std::move(path), {}, std::move(body), std::chrono::milliseconds{10'000}, true};
    }
};

}  // namespace alpes::console
