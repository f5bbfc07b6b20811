#pragma once

#include "desktop/net/bff_client.h"
#include "shared/dto/auth.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

namespace alpes::console {

// The BFF's API in the console's terms: typed calls that decode answers with the shared DTO
// decoders (the same code that encodes them in the BFF). Pages and the app talk to this, never
// to the network. GUI thread only.
class ConsoleApi : public QObject {
    Q_OBJECT

public:
    template <typename T>
    using Done = std::function<void(Result<T>)>;
    template <typename T>
    using Decoder = Result<T> (*)(const json::Json&);
    // One page of a list as it arrives; `first` says the list starts over.
    template <typename T>
    using OnPage = std::function<void(std::vector<T> items, bool first)>;

    static constexpr int kPageSize = 500;
    static constexpr int kMaxListItems = 20'000;

    explicit ConsoleApi(BffClient& client, QObject* parent = nullptr);
    BffClient& client() { return m_client; }

    void login(const QString& username, const QString& password, const QObject* context, Done<dto::Session> done);
    void logout();

    // GET path and decode the body.
    template <typename T>
    void fetch(const BffRequest& request, Decoder<T> decode, const QObject* context, Done<T> done)
    {
        m_client.send(request, context, [decode, done = std::move(done)](Result<json::Json> body) {
            if (!body)
                return done(std::move(body).error());
            done(decode(*body));
        });
    }

    // A write whose answer the caller reads itself (or ignores).
    void send(const BffRequest& request, const QObject* context, Done<json::Json> done);

    // Loads a list page by page following nextCursor, up to kMaxListItems, handing each page over
    // as it arrives so a long list shows progressively and the UI never waits for all of it.
    template <typename T>
    void loadList(const QString& path, QUrlQuery query, Decoder<T> decode, const QObject* context, OnPage<T> onPage,
                  std::function<void(Status)> onDone)
    {
        query.removeAllQueryItems(QStringLiteral("limit"));
        query.addQueryItem(QStringLiteral("limit"), QString::number(kPageSize));
        loadPage<T>(path, query, QString(), 0, decode, context, std::move(onPage), std::move(onDone));
    }

    // One page of a list (a detail panel's "last 10"), decoded.
    template <typename T>
    void fetchItems(const QString& path, const QUrlQuery& query, Decoder<T> decode, const QObject* context,
                    Done<std::vector<T>> done)
    {
        m_client.send(BffRequest::get(path, query), context, [decode, done = std::move(done)](Result<json::Json> body) {
            if (!body)
                return done(std::move(body).error());
            std::vector<T> items;
            std::optional<QString> next;
            if (Status status = decodePage<T>(*body, decode, items, next); !status)
                return done(std::move(status).error());
            done(std::move(items));
        });
    }

private:
    template <typename T>
    void loadPage(const QString& path, const QUrlQuery& query, const QString& cursor, int loaded, Decoder<T> decode,
                  const QObject* context, OnPage<T> onPage, std::function<void(Status)> onDone)
    {
        QUrlQuery pageQuery = query;
        if (!cursor.isEmpty())
            pageQuery.addQueryItem(QStringLiteral("cursor"), cursor);
        const QPointer<const QObject> guard(context);
        m_client.send(BffRequest::get(path, pageQuery), context,
                      [=, this](Result<json::Json> body) {
                          if (!body)
                              return onDone(std::move(body).error());
                          std::vector<T> items;
                          std::optional<QString> next;
                          if (Status status = decodePage<T>(*body, decode, items, next); !status)
                              return onDone(std::move(status).error());
                          const int total = loaded + static_cast<int>(items.size());
                          onPage(std::move(items), cursor.isEmpty());
                          if (next && total < kMaxListItems && guard)
                              loadPage<T>(path, query, *next, total, decode, guard.data(), onPage, onDone);
                          else
                              onDone(Status());
                      });
    }

    template <typename T>
    static Status decodePage(const json::Json& body, Decoder<T> decode, std::vector<T>& items,
                             std::optional<QString>& next)
    {
        const json::Json* list = body.is_object() && body.contains("items") ? &body["items"] : nullptr;
        if (!list || !list->is_array())
            return Error::internal("The server answered a list without items");
        items.reserve(list->size());
        for (const json::Json& item : *list) {
            auto decoded = decode(item);
            if (!decoded)
                return std::move(decoded).error();
            items.push_back(std::move(*decoded));
        }
        if (const auto it = body.find("nextCursor"); it != body.end() && it->is_string())
            next = QString::fromStdString(it->get<std::string>());
        return Status();
    }

    BffClient& m_client;
};

}  // namespace alpes::console
