#include "bff/storage/coalescing_wal_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <new>
#include <vector>

namespace alpes::storage {
namespace {

constexpr char kVfsName[] = "alpes-coalescing-wal";
constexpr int kFrameHeaderSize = 24;          // WAL_FRAME_HDRSIZE in SQLite's wal.c
constexpr size_t kMaxPending = 4 * 1024 * 1024;  // a big transaction is flushed every 4 MiB
constexpr size_t kMaxWrite = 120 * 1024;  // the unix VFS writes at most 128 KiB - 1 per call (seekAndWriteFd)

sqlite3_vfs* g_root = nullptr;  // the platform's default VFS, which does the real work

// A WAL file: the real one, opened by the root VFS right behind this header, and the bytes
// written since the last flush, which are contiguous from `start`.
struct WalFile {
    sqlite3_file base;
    sqlite3_file* real;
    std::vector<unsigned char>* pending;
    sqlite3_int64 start;
    sqlite3_int64 commitPageAt;  // where the page of the last commit frame header goes, or -1
};

WalFile* walOf(sqlite3_file* file)
{
    return reinterpret_cast<WalFile*>(file);
}

int flush(WalFile* wal)
{
    int rc = SQLITE_OK;
    for (size_t done = 0; done < wal->pending->size() && rc == SQLITE_OK; done += kMaxWrite) {
        const size_t piece = std::min(kMaxWrite, wal->pending->size() - done);
        rc = wal->real->pMethods->xWrite(wal->real, wal->pending->data() + done, static_cast<int>(piece),
                                         wal->start + static_cast<sqlite3_int64>(done));
    }
    wal->pending->clear();
    return rc;
}

bool isCommitFrameHeader(const void* data, int amount)
{
    if (amount != kFrameHeaderSize)
        return false;
    // Bytes 4..7 of a frame header: the database size after the commit, zero for other frames.
    const auto* bytes = static_cast<const unsigned char*>(data);
    return (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
}

int walWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset)
{
    WalFile* wal = walOf(file);
    const bool contiguous = offset == wal->start + static_cast<sqlite3_int64>(wal->pending->size());
    if (!wal->pending->empty() && (!contiguous || wal->pending->size() + static_cast<size_t>(amount) > kMaxPending))
        if (const int rc = flush(wal); rc != SQLITE_OK)
            return rc;
    if (wal->pending->empty())
        wal->start = offset;
    const auto* bytes = static_cast<const unsigned char*>(data);
    try {
        wal->pending->insert(wal->pending->end(), bytes, bytes + amount);
    } catch (const std::bad_alloc&) {
        return SQLITE_IOERR_NOMEM;
    }
    if (isCommitFrameHeader(data, amount)) {
        wal->commitPageAt = offset + kFrameHeaderSize;
    } else if (offset == wal->commitPageAt) {
        wal->commitPageAt = -1;
        return flush(wal);  // the commit frame is complete: SQLite publishes it next
    }
    return SQLITE_OK;
}

int walClose(sqlite3_file* file)
{
    WalFile* wal = walOf(file);
    const int flushed = flush(wal);
    const int closed = wal->real->pMethods->xClose(wal->real);
    delete wal->pending;
    return flushed != SQLITE_OK ? flushed : closed;
}

int walRead(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset)
{
    WalFile* wal = walOf(file);
    if (const int rc = flush(wal); rc != SQLITE_OK)
        return rc;
    return wal->real->pMethods->xRead(wal->real, data, amount, offset);
}

int walTruncate(sqlite3_file* file, sqlite3_int64 size)
{
    WalFile* wal = walOf(file);
    if (const int rc = flush(wal); rc != SQLITE_OK)
        return rc;
    return wal->real->pMethods->xTruncate(wal->real, size);
}

int walSync(sqlite3_file* file, int flags)
{
    WalFile* wal = walOf(file);
    if (const int rc = flush(wal); rc != SQLITE_OK)
        return rc;
    return wal->real->pMethods->xSync(wal->real, flags);
}

int walFileSize(sqlite3_file* file, sqlite3_int64* size)
{
    WalFile* wal = walOf(file);
    if (const int rc = flush(wal); rc != SQLITE_OK)
        return rc;
    return wal->real->pMethods->xFileSize(wal->real, size);
}

int walLock(sqlite3_file* file, int level)
{
    return walOf(file)->real->pMethods->xLock(walOf(file)->real, level);
}

int walUnlock(sqlite3_file* file, int level)
{
    return walOf(file)->real->pMethods->xUnlock(walOf(file)->real, level);
}

int walCheckReservedLock(sqlite3_file* file, int* reserved)
{
    return walOf(file)->real->pMethods->xCheckReservedLock(walOf(file)->real, reserved);
}

int walFileControl(sqlite3_file* file, int op, void* argument)
{
    WalFile* wal = walOf(file);
    if (const int rc = flush(wal); rc != SQLITE_OK)
        return rc;
    return wal->real->pMethods->xFileControl(wal->real, op, argument);
}

int walSectorSize(sqlite3_file* file)
{
    return walOf(file)->real->pMethods->xSectorSize(walOf(file)->real);
}

int walDeviceCharacteristics(sqlite3_file* file)
{
    return walOf(file)->real->pMethods->xDeviceCharacteristics(walOf(file)->real);
}

// Version 1: SQLite maps memory and shared memory through the database file, never the log.
const sqlite3_io_methods kWalMethods = {
    .iVersion = 1,
    .xClose = walClose,
    .xRead = walRead,
    .xWrite = walWrite,
    .xTruncate = walTruncate,
    .xSync = walSync,
    .xFileSize = walFileSize,
    .xLock = walLock,
    .xUnlock = walUnlock,
    .xCheckReservedLock = walCheckReservedLock,
    .xFileControl = walFileControl,
    .xSectorSize = walSectorSize,
    .xDeviceCharacteristics = walDeviceCharacteristics,
};

int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags)
{
    // Everything but a write-ahead log is the root VFS's own file, in place.
    if ((flags & SQLITE_OPEN_WAL) == 0)
        return g_root->xOpen(g_root, name, file, flags, outFlags);
    WalFile* wal = walOf(file);
    wal->base.pMethods = nullptr;  // until the real file is open: SQLite closes only what opened
    wal->real = reinterpret_cast<sqlite3_file*>(wal + 1);
    const int rc = g_root->xOpen(g_root, name, wal->real, flags, outFlags);
    if (rc != SQLITE_OK)
        return rc;
    wal->pending = new (std::nothrow) std::vector<unsigned char>();
    if (!wal->pending) {
        wal->real->pMethods->xClose(wal->real);
        return SQLITE_NOMEM;
    }
    wal->start = 0;
    wal->commitPageAt = -1;
    wal->base.pMethods = &kWalMethods;
    return SQLITE_OK;
}

sqlite3_vfs g_vfs;

}  // namespace

const char* coalescingWalVfsName()
{
    static std::once_flag registered;
    std::call_once(registered, [] {
        g_root = sqlite3_vfs_find(nullptr);
        g_vfs = *g_root;  // the root's other methods and its pAppData, which they may rely on
        g_vfs.pNext = nullptr;
        g_vfs.zName = kVfsName;
        g_vfs.szOsFile = static_cast<int>(sizeof(WalFile)) + g_root->szOsFile;
        g_vfs.xOpen = open;
        sqlite3_vfs_register(&g_vfs, 0);
    });
    return kVfsName;
}

}  // namespace alpes::storage
