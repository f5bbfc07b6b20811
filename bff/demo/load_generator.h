#pragma once

#include "bff/demo/demo_options.h"
#include "bff/demo/traffic_sink.h"
#include "bff/demo/traffic_simulator.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace alpes::demo {

// alpes-bff --simulate: the simulator as a load generator against any BFF.
struct LoadOptions {
    std::string target;  // "http://host:port"
    std::string apiKey;  // an ingest key
    double rate = 100;   // interactions per second
    std::chrono::seconds duration{10};
    std::uint64_t seed = kDefaultSeed;
};

struct LoadSummary {
    std::uint64_t sent = 0;
    std::uint64_t acknowledged = 0;
    std::uint64_t rejected = 0;
    double seconds = 0;  // wall-clock time from the first send to the last answer
    // Per request (one batch), in milliseconds.
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    std::string lastFailure;  // the last whole-batch failure, for the summary line
};

// Sends the simulator's interactions at `rate` for `duration` through `sink`, a batch every 100 ms
// (at most HttpSink::kMaxBatch per request), each dated when it is sent. The simulator's own
// pace is ignored: its stream of interactions is taken in order at the rate asked for. Writes a
// progress line to `progress` once a second. Thread-safety: runs on the calling thread.
LoadSummary runLoad(TrafficSimulator& simulator, TrafficSink& sink, const LoadOptions& options, const Clock& clock,
                    std::FILE* progress);

// The nearest-rank percentile of `samples` (sorted in place); 0 for none.
double percentile(std::vector<double>& samples, double fraction);

// The one-line summary printed at the end.
std::string formatSummary(const LoadSummary& summary);

// Fetches the target's world, runs the load and prints the summary to stdout; 0 when every
// interaction was acknowledged, 1 when some were not or the target's world could not be read.
int runLoadGenerator(const LoadOptions& options);

}  // namespace alpes::demo
