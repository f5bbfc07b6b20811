#include "bff/http/metrics.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <mutex>

namespace alpes::http {

namespace {

constexpr std::string_view kRequestsName = "alpes_http_requests_total";
constexpr std::string_view kDurationName = "alpes_http_request_duration_seconds";

bool isValidMetricName(std::string_view name)
{
    // ASCII only, whatever the locale: [a-zA-Z_:][a-zA-Z0-9_:]*
    const auto head = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'; };
    const auto tail = [&](char c) { return head(c) || (c >= '0' && c <= '9'); };
    return !name.empty() && head(name.front()) && std::all_of(name.begin() + 1, name.end(), tail);
}

// Prometheus escaping: HELP text escapes backslash and newline; label values also the double quote.
std::string escape(std::string_view text, bool quotes)
{
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        if (c == '\\')
            escaped += "\\\\";
        else if (c == '\n')
            escaped += "\\n";
        else if (c == '"' && quotes)
            escaped += "\\\"";
        else
            escaped += c;
    }
    return escaped;
}

// Prometheus floats: shortest round-trip decimal, or +Inf, -Inf, NaN.
std::string formatValue(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    char buffer[32];
    const auto [end, error] = std::to_chars(std::begin(buffer), std::end(buffer), value);
    assert(error == std::errc());
    return std::string(buffer, end);
}

// A bucket bound as people write it in queries (le="0.0005", never "5e-04").
std::string formatBound(double bound)
{
    char buffer[32];
    const auto [end, error] = std::to_chars(std::begin(buffer), std::end(buffer), bound, std::chars_format::fixed);
    assert(error == std::errc());
    return std::string(buffer, end);
}

void appendHeader(std::string& out, std::string_view name, std::string_view help, std::string_view type)
{
    if (!help.empty())
        out.append("# HELP ").append(name).append(" ").append(escape(help, false)).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void appendSample(std::string& out, std::string_view name, const MetricLabels& labels, double value)
{
    out.append(name);
    if (!labels.empty()) {
        out.append("{");
        for (std::size_t i = 0; i < labels.size(); ++i) {
            assert(isValidMetricName(labels[i].first) && labels[i].first.find(':') == std::string::npos);
            out.append(i == 0 ? "" : ",").append(labels[i].first).append("=\"");
            out.append(escape(labels[i].second, true)).append("\"");
        }
        out.append("}");
    }
    out.append(" ").append(formatValue(value)).append("\n");
}

}  // namespace

Metrics::RouteSeries& Metrics::routeSeries(std::string_view method, std::string_view routePattern)
{
    const RouteKeyView key{method, routePattern};
    {
        std::shared_lock lock(m_mutex);
        if (const auto found = m_routes.find(key); found != m_routes.end())
            return found->second;
    }
    // First request on this route: series are never removed, so the reference stays valid.
    std::unique_lock lock(m_mutex);
    auto found = m_routes.find(key);
    if (found == m_routes.end())
        found = m_routes.try_emplace(RouteKey{std::string(method), std::string(routePattern)}).first;
    return found->second;
}

void Metrics::observeRequest(std::string_view method, std::string_view routePattern, int status,
                             std::chrono::nanoseconds latency)
{
    RouteSeries& series = routeSeries(method, routePattern);
    assert(status >= kFirstStatus && status < kFirstStatus + kStatusCount);
    if (status >= kFirstStatus && status < kFirstStatus + kStatusCount)
        series.statuses[static_cast<std::size_t>(status - kFirstStatus)].fetch_add(1, std::memory_order_relaxed);

    const auto nanos = std::max<std::int64_t>(latency.count(), 0);
    const double seconds = static_cast<double>(nanos) / 1e9;
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds) - kLatencyBuckets.begin());
    series.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    series.sumNanos.fetch_add(static_cast<std::uint64_t>(nanos), std::memory_order_relaxed);
}

Status Metrics::checkNewName(const std::string& name) const
{
    if (!isValidMetricName(name))
        return Error::validation("name", "'" + name + "' is not a valid metric name");
    const auto reserved = {std::string(kRequestsName), std::string(kDurationName),
                           std::string(kDurationName) + "_bucket", std::string(kDurationName) + "_sum",
                           std::string(kDurationName) + "_count"};
    const bool isGauge = std::any_of(m_gauges.begin(), m_gauges.end(), [&](const Gauge& g) { return g.name == name; });
    if (isGauge || m_counters.contains(name) || std::find(reserved.begin(), reserved.end(), name) != reserved.end())
        return Error::conflict("The metric '" + name + "' already exists");
    return {};
}

Status Metrics::addCounter(std::string name, std::string help)
{
    std::unique_lock lock(m_mutex);
    if (auto checked = checkNewName(name); !checked)
        return checked;
    m_counters.try_emplace(std::move(name)).first->second.help = std::move(help);
    return {};
}

void Metrics::increment(std::string_view name, const MetricLabels& labels, double by)
{
    assert(by >= 0);
    std::atomic<double>* value = nullptr;
    CounterFamily* family = nullptr;
    {
        std::shared_lock lock(m_mutex);
        const auto found = m_counters.find(name);
        assert(found != m_counters.end() && "increment() of a counter that addCounter() did not declare");
        if (found == m_counters.end())
            return;
        family = &found->second;
        if (const auto series = family->series.find(labels); series != family->series.end())
            value = &series->second;
    }
    if (value == nullptr) {
        // First time these labels are seen; families and series are never removed.
        std::unique_lock lock(m_mutex);
        value = &family->series.try_emplace(labels, 0.0).first->second;
    }
    value->fetch_add(by, std::memory_order_relaxed);
}

Status Metrics::addGauge(std::string name, std::string help, GaugeSource source)
{
    std::unique_lock lock(m_mutex);
    if (auto checked = checkNewName(name); !checked)
        return checked;
    m_gauges.push_back(Gauge{std::move(name), std::move(help), std::move(source)});
    return {};
}

void Metrics::renderRequests(std::string& out) const
{
    appendHeader(out, kRequestsName, "HTTP requests answered, by method, route pattern and status.", "counter");
    for (const auto& [key, series] : m_routes) {
        for (int i = 0; i < kStatusCount; ++i) {
            const auto count = series.statuses[static_cast<std::size_t>(i)].load(std::memory_order_relaxed);
            if (count != 0)
                appendSample(out, kRequestsName,
                             {{"method", key.method}, {"route", key.route}, {"status", std::to_string(kFirstStatus + i)}},
                             static_cast<double>(count));
        }
    }

    appendHeader(out, kDurationName, "Time from receiving a request to answering it, by method and route pattern.",
                 "histogram");
    const std::string bucketName = std::string(kDurationName) + "_bucket";
    for (const auto& [key, series] : m_routes) {
        const MetricLabels labels{{"method", key.method}, {"route", key.route}};
        // _count is the +Inf bucket's value, so the two agree even while requests are observed.
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < series.buckets.size(); ++i) {
            cumulative += series.buckets[i].load(std::memory_order_relaxed);
            MetricLabels withBound = labels;
            withBound.emplace_back("le", i < kLatencyBuckets.size() ? formatBound(kLatencyBuckets[i]) : "+Inf");
            appendSample(out, bucketName, withBound, static_cast<double>(cumulative));
        }
        appendSample(out, std::string(kDurationName) + "_sum", labels,
                     static_cast<double>(series.sumNanos.load(std::memory_order_relaxed)) / 1e9);
        appendSample(out, std::string(kDurationName) + "_count", labels, static_cast<double>(cumulative));
    }
}

void Metrics::renderCounters(std::string& out) const
{
    for (const auto& [name, family] : m_counters) {
        appendHeader(out, name, family.help, "counter");
        for (const auto& [labels, value] : family.series)
            appendSample(out, name, labels, value.load(std::memory_order_relaxed));
    }
}

std::string Metrics::render() const
{
    std::string out;
    std::vector<Gauge> gauges;
    {
        std::shared_lock lock(m_mutex);
        renderRequests(out);
        renderCounters(out);
        gauges = m_gauges;
    }
    for (const Gauge& gauge : gauges) {
        appendHeader(out, gauge.name, gauge.help, "gauge");
        for (const Sample& sample : gauge.source())
            appendSample(out, gauge.name, sample.labels, sample.value);
    }
    return out;
}

}  // namespace alpes::http
