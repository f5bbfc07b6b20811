#include "bff/http/metrics.h"
#include "tests/support/test_printing.h"

#include <QtTest>

#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <thread>

using namespace alpes;
using namespace alpes::http;
using namespace std::chrono_literals;

namespace {

struct ParsedSample {
    std::string name;
    std::map<std::string, std::string> labels;  // unescaped values
    double value = 0;
};

struct Exposition {
    std::map<std::string, std::string> types;
    std::map<std::string, std::string> helps;  // unescaped
    std::vector<ParsedSample> samples;

    // The value of the one sample with this name and exactly these labels; NaN when absent.
    double value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const
    {
        for (const ParsedSample& sample : samples)
            if (sample.name == name && sample.labels == labels)
                return sample.value;
        return std::nan("");
    }
};

bool isMetricName(std::string_view name, bool allowColon = true)
{
    if (name.empty())
        return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allowColon && c == ':');
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

// Reverses the format's escapes; false on an escape the format does not define.
bool unescape(std::string_view text, bool quotes, std::string& out)
{
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        if (++i == text.size())
            return false;
        if (text[i] == '\\')
            out += '\\';
        else if (text[i] == 'n')
            out += '\n';
        else if (text[i] == '"' && quotes)
            out += '"';
        else
            return false;
    }
    return true;
}

bool parseValue(std::string_view text, double& value)
{
    if (text == "+Inf" || text == "-Inf" || text == "NaN") {
        value = text == "NaN" ? std::nan("") : (text == "+Inf" ? INFINITY : -INFINITY);
        return true;
    }
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

// Parses `name{a="x",b="y"} value`; an empty string on success, else what is wrong.
std::string parseSample(std::string_view line, ParsedSample& sample)
{
    const std::size_t nameEnd = line.find_first_of("{ ");
    if (nameEnd == std::string_view::npos)
        return "no value";
    sample.name = std::string(line.substr(0, nameEnd));
    if (!isMetricName(sample.name))
        return "bad metric name";
    std::size_t at = nameEnd;
    if (line[at] == '{') {
        ++at;
        while (line.at(at) != '}') {
            const std::size_t equals = line.find('=', at);
            if (equals == std::string_view::npos || line.at(equals + 1) != '"')
                return "bad label";
            const std::string labelName(line.substr(at, equals - at));
            if (!isMetricName(labelName, false))
                return "bad label name '" + labelName + "'";
            std::size_t close = equals + 2;
            while (close < line.size() && line[close] != '"')
                close += line[close] == '\\' ? 2 : 1;
            if (close >= line.size())
                return "unterminated label value";
            std::string value;
            if (!unescape(line.substr(equals + 2, close - equals - 2), true, value))
                return "bad escape in label value";
            if (!sample.labels.emplace(labelName, value).second)
                return "repeated label " + labelName;
            at = close + 1;
            if (line.at(at) == ',')
                ++at;
            else if (line.at(at) != '}')
                return "expected , or }";
        }
        ++at;
    }
    if (line.substr(at, 1) != " ")
        return "expected one space before the value";
    if (!parseValue(line.substr(at + 1), sample.value))
        return "bad value '" + std::string(line.substr(at + 1)) + "'";
    return {};
}

// Checks every rule of the text format 0.0.4 that our output can break, and that each
// histogram is consistent; returns what is wrong, or an empty string.
std::string parseExposition(const std::string& text, Exposition& exposition)
{
    if (text.empty() || text.back() != '\n')
        return "the text must end with a newline";
    std::string family;  // the family whose lines we are in
    std::set<std::string> finishedFamilies;
    std::set<std::string> seenSeries;
    std::size_t lineNumber = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string_view line(text.data() + start, end - start);
        start = end + 1;
        ++lineNumber;
        const std::string where = "line " + std::to_string(lineNumber) + " '" + std::string(line) + "': ";
        if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
            const std::string_view rest = line.substr(7);
            const std::size_t space = rest.find(' ');
            if (space == std::string_view::npos)
                return where + "HELP and TYPE need a name and a text";
            const std::string name(rest.substr(0, space));
            if (!isMetricName(name))
                return where + "bad metric name";
            if (name != family) {
                if (finishedFamilies.contains(name))
                    return where + "the family appears twice";
                if (!family.empty())
                    finishedFamilies.insert(family);
                family = name;
            }
            if (line.starts_with("# HELP ")) {
                std::string help;
                if (exposition.helps.contains(name) || !unescape(rest.substr(space + 1), false, help))
                    return where + "repeated HELP or bad escape";
                exposition.helps[name] = help;
            } else {
                const std::string type(rest.substr(space + 1));
                static const std::set<std::string> kTypes{"counter", "gauge", "histogram", "summary", "untyped"};
                if (!kTypes.contains(type) || exposition.types.contains(name))
                    return where + "unknown or repeated TYPE";
                exposition.types[name] = type;
            }
            continue;
        }
        if (line.starts_with("#") || line.empty())
            return where + "unexpected comment or empty line";
        ParsedSample sample;
        if (const std::string error = parseSample(line, sample); !error.empty())
            return where + error;
        const std::string& type = exposition.types[family];
        const bool belongs = sample.name == family
                          || (type == "histogram"
                              && (sample.name == family + "_bucket" || sample.name == family + "_sum"
                                  || sample.name == family + "_count"));
        if (!belongs || type.empty())
            return where + "the sample is not in its family's block, or before its TYPE";
        std::string series = sample.name;
        for (const auto& [name, value] : sample.labels)
            series += "|" + name + "=" + value;
        if (!seenSeries.insert(series).second)
            return where + "repeated series";
        exposition.samples.push_back(std::move(sample));
    }
    return {};
}

// Per histogram series (labels without `le`): buckets in order must be cumulative, end with
// +Inf, and +Inf must equal _count. Returns what is wrong, or an empty string.
std::string checkHistograms(const Exposition& exposition)
{
    for (const auto& [family, type] : exposition.types) {
        if (type != "histogram")
            continue;
        std::map<std::map<std::string, std::string>, std::vector<std::pair<double, double>>> buckets;
        for (const ParsedSample& sample : exposition.samples) {
            if (sample.name != family + "_bucket")
                continue;
            auto labels = sample.labels;
            double bound = 0;
            if (!labels.contains("le") || !parseValue(labels["le"], bound))
                return family + ": a bucket without a valid le";
            labels.erase("le");
            buckets[labels].emplace_back(bound, sample.value);
        }
        for (const auto& [labels, series] : buckets) {
            for (std::size_t i = 1; i < series.size(); ++i)
                if (series[i].first <= series[i - 1].first || series[i].second < series[i - 1].second)
                    return family + ": buckets out of order or not cumulative";
            if (series.empty() || !std::isinf(series.back().first))
                return family + ": no +Inf bucket";
            if (exposition.value(family + "_count", labels) != series.back().second
                || std::isnan(exposition.value(family + "_sum", labels)))
                return family + ": _count differs from the +Inf bucket, or no _sum";
        }
    }
    return {};
}

}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private:
    static Exposition scrape(const Metrics& metrics)
    {
        const std::string text = metrics.render();
        Exposition exposition;
        const std::string error = parseExposition(text, exposition);
        if (!error.empty())
            qWarning("%s\n%s", error.c_str(), text.c_str());
        const std::string histogramError = error.empty() ? checkHistograms(exposition) : std::string();
        if (!histogramError.empty())
            qWarning("%s\n%s", histogramError.c_str(), text.c_str());
        return error.empty() && histogramError.empty() ? exposition : Exposition{};
    }

private Q_SLOTS:
    void anEmptyRegistryStillDeclaresTheRequestFamilies()
    {
        Metrics metrics;
        const Exposition exposition = scrape(metrics);
        QCOMPARE(exposition.types.at("alpes_http_requests_total"), std::string("counter"));
        QCOMPARE(exposition.types.at("alpes_http_request_duration_seconds"), std::string("histogram"));
        QVERIFY(!exposition.helps.at("alpes_http_requests_total").empty());
        QVERIFY(exposition.samples.empty());
    }

    void countsRequestsByMethodRoutePatternAndStatus()
    {
        Metrics metrics;
        metrics.observeRequest("GET", "/api/v1/campaigns/{id}", 200, 1ms);
        metrics.observeRequest("GET", "/api/v1/campaigns/{id}", 200, 1ms);
        metrics.observeRequest("GET", "/api/v1/campaigns/{id}", 404, 1ms);
        metrics.observeRequest("PATCH", "/api/v1/campaigns/{id}", 200, 1ms);
        metrics.observeRequest("POST", "/api/v1/interactions", 202, 1ms);

        const Exposition exposition = scrape(metrics);
        const std::string name = "alpes_http_requests_total";
        QCOMPARE(exposition.value(name, {{"method", "GET"}, {"route", "/api/v1/campaigns/{id}"}, {"status", "200"}}), 2.0);
        QCOMPARE(exposition.value(name, {{"method", "GET"}, {"route", "/api/v1/campaigns/{id}"}, {"status", "404"}}), 1.0);
        QCOMPARE(exposition.value(name, {{"method", "PATCH"}, {"route", "/api/v1/campaigns/{id}"}, {"status", "200"}}),
                 1.0);
        QCOMPARE(exposition.value(name, {{"method", "POST"}, {"route", "/api/v1/interactions"}, {"status", "202"}}), 1.0);
        const auto requestSamples = std::count_if(exposition.samples.begin(), exposition.samples.end(),
                                                  [&](const ParsedSample& s) { return s.name == name; });
        QCOMPARE(requestSamples, std::ptrdiff_t(4));
    }

    void latencyBucketsAreCumulativeAndBoundsAreInclusive()
    {
        Metrics metrics;
        const std::string route = "/api/v1/campaigns";
        metrics.observeRequest("GET", route, 200, 300us);
        metrics.observeRequest("GET", route, 200, 500us);  // exactly on the first bound: le is ≤
        metrics.observeRequest("GET", route, 200, 3ms);
        metrics.observeRequest("GET", route, 200, 20s);  // above the last bound: only +Inf

        const Exposition exposition = scrape(metrics);
        const auto bucket = [&](const std::string& le) {
            return exposition.value("alpes_http_request_duration_seconds_bucket",
                                    {{"method", "GET"}, {"route", route}, {"le", le}});
        };
        QCOMPARE(bucket("0.0005"), 2.0);  // spelled as in queries, not 5e-04
        QCOMPARE(bucket("0.001"), 2.0);
        QCOMPARE(bucket("0.0025"), 2.0);
        QCOMPARE(bucket("0.005"), 3.0);
        QCOMPARE(bucket("1"), 3.0);
        QCOMPARE(bucket("10"), 3.0);
        QCOMPARE(bucket("+Inf"), 4.0);
        const std::map<std::string, std::string> labels{{"method", "GET"}, {"route", route}};
        QCOMPARE(exposition.value("alpes_http_request_duration_seconds_count", labels), 4.0);
        QCOMPARE(exposition.value("alpes_http_request_duration_seconds_sum", labels), 20.0038);
        const auto buckets = std::count_if(exposition.samples.begin(), exposition.samples.end(), [](const ParsedSample& s) {
            return s.name == "alpes_http_request_duration_seconds_bucket";
        });
        QCOMPARE(buckets, static_cast<std::ptrdiff_t>(Metrics::kLatencyBuckets.size() + 1));
    }

    void countersAddUpPerLabelSet()
    {
        Metrics metrics;
        QVERIFY(metrics.addCounter("alpes_ingested_interactions_total", "Interactions stored.").ok());
        metrics.increment("alpes_ingested_interactions_total", {{"type", "click"}});
        metrics.increment("alpes_ingested_interactions_total", {{"type", "click"}}, 999);
        metrics.increment("alpes_ingested_interactions_total", {{"type", "view"}}, 2.5);

        const Exposition exposition = scrape(metrics);
        QCOMPARE(exposition.types.at("alpes_ingested_interactions_total"), std::string("counter"));
        QCOMPARE(exposition.helps.at("alpes_ingested_interactions_total"), std::string("Interactions stored."));
        QCOMPARE(exposition.value("alpes_ingested_interactions_total", {{"type", "click"}}), 1000.0);
        QCOMPARE(exposition.value("alpes_ingested_interactions_total", {{"type", "view"}}), 2.5);
    }

    void gaugesAreComputedAtEachScrape()
    {
        Metrics metrics;
        int clients = 3;
        QVERIFY(metrics
                    .addGauge("alpes_sse_clients", "Connected live-stream clients.",
                              [&] { return std::vector<Metrics::Sample>{{{}, double(clients)}}; })
                    .ok());
        QVERIFY(metrics
                    .addGauge("alpes_sagas", "Sagas by state.",
                              [] {
                                  return std::vector<Metrics::Sample>{{{{"state", "running"}}, 4},
                                                                      {{{"state", "compensating"}}, 1}};
                              })
                    .ok());
        QCOMPARE(scrape(metrics).value("alpes_sse_clients"), 3.0);
        clients = 5;
        const Exposition exposition = scrape(metrics);
        QCOMPARE(exposition.value("alpes_sse_clients"), 5.0);
        QCOMPARE(exposition.types.at("alpes_sagas"), std::string("gauge"));
        QCOMPARE(exposition.value("alpes_sagas", {{"state", "running"}}), 4.0);
        QCOMPARE(exposition.value("alpes_sagas", {{"state", "compensating"}}), 1.0);
    }

    void labelValuesAndHelpAreEscaped()
    {
        Metrics metrics;
        const std::string awkward = "a\\b\"c\nd";
        QVERIFY(metrics.addCounter("alpes_odd_total", "Help with a \\ and a\nnew line and \"quotes\".").ok());
        metrics.increment("alpes_odd_total", {{"value", awkward}});
        metrics.observeRequest("GET", "/r/{code}\"\n", 302, 1ms);

        const std::string text = metrics.render();
        QVERIFY(text.find("alpes_odd_total{value=\"a\\\\b\\\"c\\nd\"} 1\n") != std::string::npos);
        QVERIFY(text.find("# HELP alpes_odd_total Help with a \\\\ and a\\nnew line and \"quotes\".\n")
                != std::string::npos);
        const Exposition exposition = scrape(metrics);
        QCOMPARE(exposition.value("alpes_odd_total", {{"value", awkward}}), 1.0);
        QCOMPARE(exposition.helps.at("alpes_odd_total"), std::string("Help with a \\ and a\nnew line and \"quotes\"."));
        QCOMPARE(exposition.value("alpes_http_requests_total",
                                  {{"method", "GET"}, {"route", "/r/{code}\"\n"}, {"status", "302"}}),
                 1.0);
    }

    void gaugeValuesUseThePrometheusSpellingOfSpecialFloats()
    {
        Metrics metrics;
        QVERIFY(metrics
                    .addGauge("alpes_special", "Special values.",
                              [] {
                                  return std::vector<Metrics::Sample>{{{{"v", "inf"}}, INFINITY},
                                                                      {{{"v", "nan"}}, std::nan("")},
                                                                      {{{"v", "small"}}, 0.000125}};
                              })
                    .ok());
        const std::string text = metrics.render();
        QVERIFY(text.find("alpes_special{v=\"inf\"} +Inf\n") != std::string::npos);
        QVERIFY(text.find("alpes_special{v=\"nan\"} NaN\n") != std::string::npos);
        QVERIFY(text.find("alpes_special{v=\"small\"} 0.000125\n") != std::string::npos);
        QCOMPARE(scrape(metrics).samples.size(), std::size_t(3));
    }

    void refusesInvalidAndTakenNames()
    {
        Metrics metrics;
        QCOMPARE(metrics.addCounter("9lives", "x").error().code, ErrorCode::Validation);
        QCOMPARE(metrics.addCounter("has-dash", "x").error().code, ErrorCode::Validation);
        QCOMPARE(metrics.addCounter("", "x").error().code, ErrorCode::Validation);
        QVERIFY(metrics.addCounter("alpes_a_total", "x").ok());
        QCOMPARE(metrics.addCounter("alpes_a_total", "x").error().code, ErrorCode::Conflict);
        QCOMPARE(metrics.addGauge("alpes_a_total", "x", [] { return std::vector<Metrics::Sample>{}; }).error().code,
                 ErrorCode::Conflict);
        QVERIFY(metrics.addGauge("alpes_g", "x", [] { return std::vector<Metrics::Sample>{}; }).ok());
        QCOMPARE(metrics.addCounter("alpes_g", "x").error().code, ErrorCode::Conflict);
        QCOMPARE(metrics.addCounter("alpes_http_requests_total", "x").error().code, ErrorCode::Conflict);
        QCOMPARE(metrics.addCounter("alpes_http_request_duration_seconds_count", "x").error().code,
                 ErrorCode::Conflict);
    }

    void concurrentObservationsAreAllCounted()
    {
        Metrics metrics;
        QVERIFY(metrics.addCounter("alpes_events_total", "Events.").ok());
        constexpr int kThreads = 4;
        constexpr int kEach = 5000;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < kEach; ++i) {
                    // Every thread also creates series of its own, racing first-time inserts.
                    metrics.observeRequest("GET", "/route/" + std::to_string(i % 7), 200, std::chrono::microseconds(i));
                    metrics.increment("alpes_events_total", {{"thread", std::to_string(t)}});
                    if (i % 1000 == 0)
                        (void)metrics.render();
                }
            });
        for (std::thread& thread : threads)
            thread.join();

        const Exposition exposition = scrape(metrics);
        double requests = 0;
        double histogramCount = 0;
        double events = 0;
        for (const ParsedSample& sample : exposition.samples) {
            if (sample.name == "alpes_http_requests_total")
                requests += sample.value;
            else if (sample.name == "alpes_http_request_duration_seconds_count")
                histogramCount += sample.value;
            else if (sample.name == "alpes_events_total")
                events += sample.value;
        }
        QCOMPARE(requests, double(kThreads * kEach));
        QCOMPARE(histogramCount, double(kThreads * kEach));
        QCOMPARE(events, double(kThreads * kEach));
        QCOMPARE(exposition.value("alpes_events_total", {{"thread", "2"}}), double(kEach));
    }

    void theCheckerRejectsMalformedExpositions()
    {
        // The parser above is what the other tests trust; it must catch what a broken renderer writes.
        const std::vector<std::string> broken{
            "# TYPE a counter\na 1",                                        // no final newline
            "a 1\n",                                                        // sample before TYPE
            "# TYPE a counter\na{x=\"1\"} 1\n# TYPE b gauge\nb 1\na 2\n",   // family split in two
            "# TYPE a counter\na{x=\"a\"b\"} 1\n",                          // unescaped quote
            "# TYPE a counter\na{x=\"\\t\"} 1\n",                           // unknown escape
            "# TYPE a counter\na  1\n",                                     // two spaces
            "# TYPE a counter\na 1\na 2\n",                                 // repeated series
            "# TYPE a counter\na one\n",                                    // bad value
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",  // not cumulative
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n",  // count ≠ +Inf
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_sum 1\nh_count 2\n",                          // no +Inf
        };
        for (const std::string& text : broken) {
            Exposition exposition;
            const std::string error = parseExposition(text, exposition);
            QVERIFY2(!error.empty() || !checkHistograms(exposition).empty(), text.c_str());
        }
        Exposition valid;
        QCOMPARE(parseExposition("# HELP a A.\n# TYPE a counter\na{x=\"1\",y=\"\\\\\"} 1.5\n", valid), std::string());
        QCOMPARE(valid.value("a", {{"x", "1"}, {"y", "\\"}}), 1.5);
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
