// The HTTP ceiling of scripts/bench.sh: the BFF's own HttpServer (same cpp-httplib, same thread
// pool, TCP_NODELAY, keep-alive limits and timeouts) with one route that answers 202 at once, as
// the ingest route does after its commit. What the BFF's ingest is compared with.
//
//   bench_http_ceiling PORT [threads=32]
//
// Prints "listening on 127.0.0.1:PORT" and serves until SIGTERM or SIGINT.

#include "bff/app/memory_allocator.h"
#include "bff/http/http_server.h"

#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <string>

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_http_ceiling PORT [threads=32]\n");
        return 2;
    }
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    alpes::http::ServerOptions options;
    if (argc > 2)
        options.threads = std::stoi(argv[2]);
    auto server = alpes::http::HttpServer::create(options);
    if (!server) {
        std::fprintf(stderr, "bench_http_ceiling: %s\n", server.error().message.c_str());
        return 1;
    }
    // An answer the size of the ingest route's.
    const std::string accepted = R"({"id":"019a5a5e-0000-7000-8000-000000000000","type":"view","status":"recorded"})";
    server.value()->server().Post("/api/v1/interactions", [&accepted](const httplib::Request&, httplib::Response& response) {
        response.status = 202;
        response.set_content(accepted, "application/json");
    });
    auto port = server.value()->start("127.0.0.1", static_cast<std::uint16_t>(std::stoi(argv[1])));
    if (!port) {
        std::fprintf(stderr, "bench_http_ceiling: %s\n", port.error().message.c_str());
        return 1;
    }
    std::printf("listening on 127.0.0.1:%u with %d threads, memory allocator: %s\n", port.value(), options.threads,
                alpes::app::memoryAllocator().c_str());
    std::fflush(stdout);
    int signal = 0;
    sigwait(&stopSignals, &signal);
    server.value()->stop();
    return 0;
}
