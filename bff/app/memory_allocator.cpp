#include "bff/app/memory_allocator.h"

#include <cstdlib>

#ifdef ALPES_USE_MIMALLOC
#include <mimalloc.h>
#endif

namespace alpes::app {

std::string memoryAllocator()
{
#ifdef ALPES_USE_MIMALLOC
    // Linking mimalloc replaces malloc() only if the dynamic loader finds mimalloc's before the C
    // library's: ask where a block the C API returns comes from rather than assume it.
    void* probe = std::calloc(1, 16);  // calloc: the check reads nothing, but GCC cannot know
    const bool replaced = probe != nullptr && mi_is_in_heap_region(probe);
    std::free(probe);
    const int version = mi_version();  // 209 for 2.0.9
    return "mimalloc " + std::to_string(version / 100) + "." + std::to_string(version / 10 % 10) + "." +
           std::to_string(version % 10) + (replaced ? "" : " (linked, but malloc() is still the C library's)");
#else
    return "the C library's malloc";
#endif
}

}  // namespace alpes::app
