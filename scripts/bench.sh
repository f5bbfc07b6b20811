#!/usr/bin/env bash
# Builds the optimised benchmarks and runs them. Each prints a markdown table of what it measured
# next to its target and its ceiling (measured in the same run); the tables are appended, with the
# machine and the date, to benchmarks/results.md. Not part of the tests: speed is measured, not asserted.
# benchmarks/http_bench.sh (HTTP ingest and reads with wrk) runs last; its settings are in its header.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target all

results=benchmarks/results.md
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo
} >> "$results"
echo "bench: running bench_tracking_ingest" >&2
build/release/benchmarks/bench_tracking_ingest | tee -a "$results"
echo >> "$results"
# The HTTP benchmark (wrk against the real alpes-bff and a bare ceiling server) appends its own table,
# with the conversion saga's figures (bench_saga_throughput, run there) in it.
bash benchmarks/http_bench.sh
echo "bench: results appended to $results" >&2
