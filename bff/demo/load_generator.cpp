#include "bff/demo/load_generator.h"

#include "bff/demo/http_sink.h"
#include "bff/demo/target_world.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <thread>

namespace alpes::demo {
namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr auto kSendInterval = std::chrono::milliseconds(100);

double secondsBetween(SteadyClock::time_point from, SteadyClock::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

std::string formatProgress(double elapsed, const LoadSummary& so)
{
    char line[200];
    std::snprintf(line, sizeof line, "%5.1f s  sent %llu  acknowledged %llu  rejected %llu  %.0f/s\n", elapsed,
                  static_cast<unsigned long long>(so.sent), static_cast<unsigned long long>(so.acknowledged),
                  static_cast<unsigned long long>(so.rejected), elapsed > 0 ? static_cast<double>(so.sent) / elapsed : 0.0);
    return line;
}

}  // namespace

double percentile(std::vector<double>& samples, double fraction)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto rank = static_cast<size_t>(std::ceil(fraction * static_cast<double>(samples.size())));
    return samples[std::clamp<size_t>(rank, 1, samples.size()) - 1];
}

LoadSummary runLoad(TrafficSimulator& simulator, TrafficSink& sink, const LoadOptions& options, const Clock& clock,
                    std::FILE* progress)
{
    LoadSummary summary;
    std::vector<double> latencies;
    std::deque<dto::InteractionInput> queued;
    const auto startedAt = SteadyClock::now();
    const auto endsAt = startedAt + options.duration;
    auto nextProgress = startedAt + std::chrono::seconds(1);
    for (auto sendAt = startedAt; sendAt < endsAt; sendAt += kSendInterval) {
        std::this_thread::sleep_until(sendAt);
        // How many should have gone by the end of this interval, whatever earlier ones managed.
        const auto due = static_cast<std::uint64_t>(
            options.rate * std::min(secondsBetween(startedAt, sendAt + kSendInterval),
                                    std::chrono::duration<double>(options.duration).count()));
        std::uint64_t owed = due > summary.sent ? due - summary.sent : 0;
        while (owed > 0) {
            while (queued.size() < std::min<std::uint64_t>(owed, HttpSink::kMaxBatch)) {
                TrafficTick tick = simulator.next();
                for (auto& interaction : tick.interactions)
                    queued.push_back(std::move(interaction.input));
            }
            std::vector<dto::InteractionInput> batch;
            const UtcTime now = clock.now();
            while (batch.size() < std::min<std::uint64_t>(owed, HttpSink::kMaxBatch)) {
                batch.push_back(std::move(queued.front()));
                batch.back().occurredAt = now;
                queued.pop_front();
            }
            const auto requestStarted = SteadyClock::now();
            const SinkReport report = sink.send(batch);
            latencies.push_back(secondsBetween(requestStarted, SteadyClock::now()) * 1000.0);
            summary.sent += batch.size();
            summary.acknowledged += report.accepted;
            summary.rejected += report.rejected;
            if (!report.failure.empty())
                summary.lastFailure = report.failure;
            owed -= batch.size();
        }
        if (progress && SteadyClock::now() >= nextProgress) {
            std::fputs(formatProgress(secondsBetween(startedAt, SteadyClock::now()), summary).c_str(), progress);
            nextProgress += std::chrono::seconds(1);
        }
    }
    summary.seconds = secondsBetween(startedAt, SteadyClock::now());
    summary.p50 = percentile(latencies, 0.50);
    summary.p90 = percentile(latencies, 0.90);
    summary.p99 = percentile(latencies, 0.99);
    return summary;
}

std::string formatSummary(const LoadSummary& summary)
{
    char line[400];
    std::snprintf(line, sizeof line,
                  "sent %llu, acknowledged %llu, rejected %llu in %.1f s (%.0f/s); latency per batch p50 %.1f ms,"
                  " p90 %.1f ms, p99 %.1f ms%s%s\n",
                  static_cast<unsigned long long>(summary.sent), static_cast<unsigned long long>(summary.acknowledged),
                  static_cast<unsigned long long>(summary.rejected), summary.seconds,
                  summary.seconds > 0 ? static_cast<double>(summary.sent) / summary.seconds : 0.0, summary.p50,
                  summary.p90, summary.p99, summary.lastFailure.empty() ? "" : "; last failure: ",
                  summary.lastFailure.c_str());
    return line;
}

int runLoadGenerator(const LoadOptions& options)
{
    const auto world = fetchTargetWorld(options.target, options.apiKey);
    if (!world) {
        std::fprintf(stderr, "alpes-bff: %s%s%s\n", world.error().message.c_str(),
                     world.error().detail.empty() ? "" : ": ", world.error().detail.c_str());
        return 1;
    }
    TrafficSimulator simulator(world.value(), {.seed = options.seed, .fraud = false});
    HttpSink sink(options.target, options.apiKey);
    SystemClock clock;
    const LoadSummary summary = runLoad(simulator, sink, options, clock, stderr);
    std::fputs(formatSummary(summary).c_str(), stdout);
    return summary.sent > 0 && summary.acknowledged == summary.sent ? 0 : 1;
}

}  // namespace alpes::demo
