#pragma once

#include "bff/storage/database.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace alpes::storage {

// Read-only connections for query threads (WAL lets them read while the writer writes).
// Each read runs in its own snapshot transaction. Thread-safe; connections are opened on demand
// and kept for reuse, so the pool grows to the number of threads reading at once.
class ReaderPool {
public:
    explicit ReaderPool(std::string path);

    template <typename F>
    auto read(F&& work) -> decltype(work(std::declval<Database&>()))
    {
        using R = decltype(work(std::declval<Database&>()));
        auto connection = acquire();
        if (!connection)
            return R(std::move(connection).error());
        try {
            Database& db = *connection.value();
            db.exec("BEGIN");
            R result = work(db);
            db.exec("COMMIT");
            release(std::move(connection).value());
            return result;
        } catch (...) {
            // The connection may be mid-transaction: drop it rather than reuse it.
            return R(errorFromCurrentException("read " + m_path));
        }
    }

private:
    Result<std::unique_ptr<Database>> acquire();
    void release(std::unique_ptr<Database> db);

    std::string m_path;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Database>> m_idle;
};

}  // namespace alpes::storage
