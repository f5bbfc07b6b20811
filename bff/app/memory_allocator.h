#pragma once

#include <string>

namespace alpes::app {

// Which malloc() this program runs on, e.g. "mimalloc 2.0.9" or "the C library's malloc", for the
// start-up log and the benchmarks' headers. Linking alpes::memory_allocator is what selects it.
// Thread-safe.
std::string memoryAllocator();

}  // namespace alpes::app
