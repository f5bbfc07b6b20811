#pragma once

namespace alpes::storage {

// The name of a SQLite VFS that is the platform's default one except for write-ahead logs: a
// transaction's WAL frames, which SQLite writes with two pwrite() calls per page (a 24-byte frame
// header, then the page), are gathered in memory and written together when the commit frame is
// complete (in pieces of 120 KiB: the unix VFS writes less than 128 KiB per call). A small group
// commit dirties some fifty pages, so this turns ~100 system calls into two; on the project's
// virtual machines those calls were most of a commit's cost (benchmarks/results.md).
//
// Durability is unchanged: everything is in the file before SQLite publishes the commit in the
// WAL index and before it returns from COMMIT, and any read, sync, truncation or size query of
// the log writes what is pending first. A process killed with frames still in memory loses only
// a transaction that had not committed. A failed write is reported by the write that completes
// the commit frame, so the COMMIT fails as it would have without the buffer.
//
// Registered on first use; thread-safe. Each buffer belongs to one open WAL file, which SQLite
// only uses from the connection that opened it.
const char* coalescingWalVfsName();

}  // namespace alpes::storage
