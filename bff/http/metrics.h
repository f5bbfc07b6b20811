#pragma once

#include "shared/core/result.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alpes::http {

// Label name → value pairs, rendered in the order given.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// The BFF's metrics, rendered for GET /metrics in the Prometheus text exposition format 0.0.4.
//
// Built in: `alpes_http_requests_total{method,route,status}` (counter) and
// `alpes_http_request_duration_seconds{method,route}` (histogram, fixed buckets 0.5 ms … 10 s).
// `route` is the route's pattern ("/api/v1/campaigns/{id}"), never the raw path: the set of
// patterns is fixed by the route table, so the number of series stays bounded whatever clients
// send. Requests that match no route must be observed under one fixed pattern too.
// Beyond those: counters declared with addCounter() and incremented by the application, and
// gauges whose samples a callback computes at scrape time (sagas by state, outbox lag, SSE
// clients), so nothing has to push values that already live elsewhere.
//
// Thread-safety: every member may be called from any thread. observeRequest() and increment()
// take a shared lock only to find their series and then update atomics; the exclusive lock is
// taken only the first time a series appears. Gauge callbacks run on the scraping thread,
// outside the registry's lock, so they may take their own locks.
class Metrics {
public:
    struct Sample {
        MetricLabels labels;
        double value = 0;
    };
    using GaugeSource = std::function<std::vector<Sample>()>;

    // Upper bounds of the latency histogram's buckets, in seconds (+Inf comes on top).
    static constexpr std::array<double, 14> kLatencyBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                            0.1,    0.25,  0.5,    1,     2.5,  5,     10};

    Metrics() = default;
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    // One answered request. `status` is the HTTP status sent (100…599).
    void observeRequest(std::string_view method, std::string_view routePattern, int status,
                        std::chrono::nanoseconds latency);

    // Declares a counter; refuses a name that is not a valid metric name or is already taken.
    Status addCounter(std::string name, std::string help);
    // Adds `by` (≥ 0) to the counter's series with these labels. The counter must have been
    // declared with addCounter(): an undeclared name is a programming error (asserts in debug
    // builds, counts nothing otherwise).
    void increment(std::string_view name, const MetricLabels& labels = {}, double by = 1);

    // Declares a gauge whose samples `source` returns at each scrape.
    Status addGauge(std::string name, std::string help, GaugeSource source);

    // The whole exposition, "text/plain; version=0.0.4".
    std::string render() const;

private:
    // (method, route pattern), looked up without building strings on the request path.
    struct RouteKey {
        std::string method;
        std::string route;
    };
    struct RouteKeyView {
        std::string_view method;
        std::string_view route;
    };
    struct RouteKeyLess {
        using is_transparent = void;
        template <typename A, typename B>
        bool operator()(const A& a, const B& b) const
        {
            return std::pair<std::string_view, std::string_view>(a.method, a.route)
                 < std::pair<std::string_view, std::string_view>(b.method, b.route);
        }
    };
    // Lowest status code counted; statuses index an array from here.
    static constexpr int kFirstStatus = 100;
    static constexpr int kStatusCount = 500;
    struct RouteSeries {
        std::array<std::atomic<std::uint64_t>, kStatusCount> statuses{};
        // Per bucket, not cumulative (render() sums them); the last one is above 10 s.
        std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> buckets{};
        std::atomic<std::uint64_t> sumNanos{0};
    };
    struct CounterFamily {
        std::string help;
        std::map<MetricLabels, std::atomic<double>> series;
    };
    struct Gauge {
        std::string name;
        std::string help;
        GaugeSource source;
    };

    RouteSeries& routeSeries(std::string_view method, std::string_view routePattern);
    Status checkNewName(const std::string& name) const;
    void renderRequests(std::string& out) const;
    void renderCounters(std::string& out) const;

    mutable std::shared_mutex m_mutex;
    std::map<RouteKey, RouteSeries, RouteKeyLess> m_routes;
    std::map<std::string, CounterFamily, std::less<>> m_counters;
    std::vector<Gauge> m_gauges;
};

}  // namespace alpes::http
