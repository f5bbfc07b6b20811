#include "bff/storage/reader_pool.h"

namespace alpes::storage {

ReaderPool::ReaderPool(std::string path) : m_path(std::move(path)) {}

Result<std::unique_ptr<Database>> ReaderPool::acquire()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto db = std::move(m_idle.back());
            m_idle.pop_back();
            return db;
        }
    }
    auto opened = Database::open(m_path, OpenOptions{.readOnly = true});
    if (!opened)
        return std::move(opened).error();
    return std::make_unique<Database>(std::move(opened).value());
}

void ReaderPool::release(std::unique_ptr<Database> db)
{
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(db));
}

}  // namespace alpes::storage
