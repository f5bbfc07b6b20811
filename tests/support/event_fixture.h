#pragma once

#include "bff/events/consumer.h"
#include "bff/events/event_tables.h"
#include "bff/storage/group_commit_writer.h"
#include "bff/storage/migrations.h"
#include "bff/storage/reader_pool.h"

#include <filesystem>
#include <memory>
#include <string>

namespace alpes::testing {

// A database with the messaging tables and its writer: a stand-in producer or consumer for tests
// of the event backbone, on a real SQLite file.
struct EventDatabase {
    std::string path;
    std::unique_ptr<storage::GroupCommitWriter> writer;
    std::unique_ptr<storage::ReaderPool> readers;

    static EventDatabase open(const std::filesystem::path& file, std::string_view extraSchema = {})
    {
        auto db = storage::Database::open(file.string()).value();
        const storage::Migration migrations[] = {{1, "events", events::kEventTablesSql},
                                                 {2, "test", extraSchema.empty() ? "SELECT 1" : extraSchema}};
        if (!storage::migrate(db, migrations).ok())
            throw std::runtime_error("migration failed");
        EventDatabase out;
        out.path = file.string();
        out.writer = std::make_unique<storage::GroupCommitWriter>(std::move(db), storage::GroupCommitWriter::Options{});
        out.readers = std::make_unique<storage::ReaderPool>(file.string());
        return out;
    }

    std::int64_t count(const std::string& sql)
    {
        return readers
            ->read([&](storage::Database& db) -> Result<std::int64_t> {
                auto stmt = db.prepare(sql);
                stmt.step();
                return stmt.int64At(0);
            })
            .value();
    }
};

}  // namespace alpes::testing
