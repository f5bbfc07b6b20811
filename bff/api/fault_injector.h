#pragma once

#include "shared/core/error.h"
#include "shared/core/time.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace alpes::api {

// Faults the Aggregator applies to a source before calling it, for tests and the reliability
// suite: an added delay (the source looks slow) and/or a forced failure (the source is not
// called and fails with this error). The real code path runs; nothing is mocked.
//
// Thread-safety: every member may be called from any thread; the aggregator reads faults on its
// pool threads while a test changes them.
class FaultInjector {
public:
    struct Fault {
        Millis delay{0};
        std::optional<Error> failure;
    };

    void set(std::string source, Fault fault);
    void clear(std::string_view source);
    std::optional<Fault> faultFor(std::string_view source) const;

private:
    mutable std::mutex m_mutex;
    std::map<std::string, Fault, std::less<>> m_faults;
};

}  // namespace alpes::api
