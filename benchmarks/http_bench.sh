#!/usr/bin/env bash
# The HTTP benchmark (issue 5 "Performance", issue 9 point 1), in one run on this machine, with wrk:
#   (a) ceiling: bench_http_ceiling, the BFF's own HttpServer answering 202 at once;
#   (b) durable single ingest, POST /api/v1/interactions on the real alpes-bff, as a ratio of (a);
#   (c) batch ingest, 1,000 per request, in rows/s as a ratio of raw SQLite inserts of the same
#       rows in one large transaction (the ceiling row of bench_tracking_ingest, run here too);
#   (d) GET /campaigns/{id}/overview and /campaigns/{id}/stats/daily with N interactions stored
#       (bench_fill_interactions fills the data directory through the engine once; reused after),
#       right after (c), while the engine still checkpoints what (c) wrote, and the overview again
#       once the BFF is at rest (its CPU idle);
#   (e) the BFF's resident memory under that load: its peak as the kernel keeps it (VmHWM), read
#       at the end. Not sampled: a sampling loop forks several processes a second, and on 2 cores
#       that alone doubled the overview's p99 (results.md, 2026-11-24);
#   (f) the conversion saga (issue 4's targets): sustained sagas/s from purchase to `reserved`, and
#       that latency at a fixed offered rate (bench_saga_throughput, the engine in its own process
#       and data directory, run while the BFF is idle);
#   and a check that keep-alive responses are not delayed (TCP_NODELAY): one connection, GET /health.
# Each measurement runs ALPES_BENCH_RUNS times (alternating ceiling and BFF); the table shows the
# range. Prints a markdown table and appends it, with the machine and the date, to
# benchmarks/results.md. Called by scripts/bench.sh; may be run alone on an existing release build.
#
# Settings (environment): ALPES_BENCH_BUILD (build/release), ALPES_BENCH_RUNS (2),
# ALPES_BENCH_SECONDS per wrk run (10), ALPES_BENCH_CONNECTIONS for ingest (16),
# ALPES_BENCH_BATCH_CONNECTIONS (4), ALPES_BENCH_READ_CONNECTIONS (4), ALPES_BENCH_HTTP_THREADS (32,
# the BFF's default), ALPES_BENCH_INTERACTIONS (10000000), ALPES_BENCH_DATA (the data directory,
# /var/tmp/alpes-bench-N; kept between runs: remove it to fill again), ALPES_BENCH_SAGAS (20000, for
# sagas/s), ALPES_BENCH_SAGA_RATE (500 purchases/s offered for the latency) and
# ALPES_BENCH_SAGA_SECONDS (10, how long they are offered).
set -euo pipefail
cd "$(dirname "$0")/.."

build=${ALPES_BENCH_BUILD:-build/release}
runs=${ALPES_BENCH_RUNS:-2}
seconds=${ALPES_BENCH_SECONDS:-10}
connections=${ALPES_BENCH_CONNECTIONS:-16}
batchConnections=${ALPES_BENCH_BATCH_CONNECTIONS:-4}
readConnections=${ALPES_BENCH_READ_CONNECTIONS:-4}
httpThreads=${ALPES_BENCH_HTTP_THREADS:-32}
interactions=${ALPES_BENCH_INTERACTIONS:-10000000}
data=${ALPES_BENCH_DATA:-/var/tmp/alpes-bench-$interactions}
sagas=${ALPES_BENCH_SAGAS:-20000}
sagaRate=${ALPES_BENCH_SAGA_RATE:-500}
sagaSeconds=${ALPES_BENCH_SAGA_SECONDS:-10}
export ALPES_WRK_DIR=$PWD/benchmarks/wrk
adminPassword=bench-admin-password

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "http_bench: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
for program in bff/alpes-bff benchmarks/bench_http_ceiling benchmarks/bench_fill_interactions benchmarks/bench_tracking_ingest \
  benchmarks/bench_saga_throughput; do
  [ -x "$build/$program" ] || { echo "http_bench: $build/$program is not built" >&2; exit 1; }
done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "http_bench: $*" >&2; }

# Waits for "listening on ...:PORT" in a log file; prints PORT.
portOf() {
  local file=$1
  for _ in $(seq 600); do
    local port
    port=$(grep -oE 'listening on (https?://)?127\.0\.0\.1:[0-9]+' "$file" 2>/dev/null | grep -oE '[0-9]+$' | head -1 || true)
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.1
  done
  log "no port in $file:"; cat "$file" >&2; return 1
}

# wrk with a script; prints its RESULT line (requests= seconds= rps= p50_ms= p99_ms= errors=).
runWrk() {
  local url=$1 script=$2 conns=$3 threads=$4
  shift 4
  local result
  result=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 10s -s "$ALPES_WRK_DIR/$script" "$@" "$url" | grep '^RESULT')
  log "$url ($script, $conns connections): $result"
  echo "$result"
}
field() { echo "$1" | grep -oE "$2=[0-9.]+" | cut -d= -f2; }
# The number in the "measured" column of bench_saga_throughput's markdown row starting with $1, e.g.
# "| p99 latency at 500 purchases/s | ≤ 50 ms | 31.9 ms | 1.57 |" → 31.9.
sagaCell() { awk -F'|' -v row="$1" 'index($2, " " row) == 1 {gsub(/[^0-9.]/, "", $4); print $4}' "$work/saga.md"; }

# min–max of numbers, formatted with printf format $1.
range() {
  local format=$1
  shift
  printf '%s\n' "$@" | sort -g | awk -v f="$format" 'NR==1 {lo=$1} {hi=$1} END {lo=sprintf(f, lo); hi=sprintf(f, hi); print (lo==hi ? lo : lo "–" hi)}'
}
percent() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", 100 * a / b}'; }
# Each of the values after $1 divided by $1, two decimals, one per line.
ratiosTo() {
  local of=$1
  shift
  printf '%s\n' "$@" | awk -v of="$of" '{printf "%.2f\n", $1 / of}'
}
# "yes" when none of the values after $2 is above (noneAbove) or below (noneBelow) $1, else "no".
noneAbove() { noneBeyond '>' "$@"; }
noneBelow() { noneBeyond '<' "$@"; }
noneBeyond() {
  local comparison=$1 limit=$2
  shift 2
  printf '%s\n' "$@" | awk -v c="$comparison" -v limit="$limit" \
    '(c == ">" && $1 > limit) || (c == "<" && $1 < limit) {bad=1} END {print bad ? "no" : "yes"}'
}

# Waits (at most 60 s) until process $1 used under 3 % of a core for a whole second; prints the
# seconds waited.
waitForRest() {
  local pid=$1 tick
  tick=$(getconf CLK_TCK)
  for waited in $(seq 60); do
    local before after
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep 1
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    awk -v d=$((after - before)) -v t="$tick" 'BEGIN {exit !(d / t < 0.03)}' && { echo "$waited"; return 0; }
  done
  echo "60+"
}

# (d) data: N interactions through the engine, once.
log "filling $data with $interactions interactions (reused when already filled)"
fillStart=$(date +%s)
"$build/benchmarks/bench_fill_interactions" "$data" "$interactions" >&2
campaign=$(grep -oE '"campaign": *"[^"]+"' "$data/bench-world.json" | sed -E 's/.*"([^"]+)"$/\1/')
affiliate=$(grep -oE '"affiliate": *"[^"]+"' "$data/bench-world.json" | sed -E 's/.*"([^"]+)"$/\1/')
fillSeconds=$(grep -oE '"seconds": *[0-9.]+' "$data/bench-world.json" | grep -oE '[0-9.]+$')
stored=$(grep -oE '"interactions": *[0-9]+' "$data/bench-world.json" | grep -oE '[0-9]+$')
log "fill done in $(( $(date +%s) - fillStart )) s this run; campaign $campaign"

# The BFF on that data directory, as deployed (info log, access log included), no rate limit.
ALPES_ADMIN_PASSWORD=$adminPassword "$build/bff/alpes-bff" --listen 127.0.0.1:0 --data-dir "$data" \
  --rate-limit 0 --http-threads "$httpThreads" > "$work/bff.log" 2>&1 &
bff=$!
pids+=("$bff")
bffPort=$(portOf "$work/bff.log")
bffUrl=http://127.0.0.1:$bffPort
token=$(curl -sf "$bffUrl/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$adminPassword\"}" | grep -oE '"token":"[^"]+"' | cut -d'"' -f4)
ALPES_BENCH_KEY=$(curl -sf "$bffUrl/api/v1/api-keys" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"http-bench","scope":"ingest"}' | grep -oE '"key":"[^"]+"' | cut -d'"' -f4)
export ALPES_BENCH_KEY ALPES_BENCH_CAMPAIGN=$campaign ALPES_BENCH_AFFILIATE=$affiliate
[ -n "$token" ] && [ -n "$ALPES_BENCH_KEY" ] || { log "cannot sign in to the BFF"; cat "$work/bff.log" >&2; exit 1; }
idleRss=$(awk '/^VmRSS:/ {print $2}' "/proc/$bff/status")

"$build/benchmarks/bench_http_ceiling" 0 "$httpThreads" > "$work/ceiling.log" 2>&1 &
ceilingPid=$!
pids+=("$ceilingPid")
ceilingUrl=http://127.0.0.1:$(portOf "$work/ceiling.log")

ceilingRps=() singleRps=() singleRatio=() singleP50=() singleP99=() singleErrors=0
batchRows=() batchRatio=() batchP50=() batchP99=() batchErrors=0 sqliteRows=()
overviewP50=() overviewP99=() overviewRps=() restP50=() restP99=() restRps=() restWaits=() dailyP50=() dailyP99=() dailyRps=() readErrors=0
healthP50=() healthP99=() sagaRps=() sagaRatio=() sagaCpu=() sagaP50=() sagaP99=() sagaP99Ratio=() sagaReserved=()
for run in $(seq "$runs"); do
  log "run $run of $runs"
  # (a) and (b), one after the other, same wrk threads and connections.
  ceiling=$(ALPES_BENCH_ITEMS=1 runWrk "$ceilingUrl/api/v1/interactions" ingest.lua "$connections" 2)
  single=$(ALPES_BENCH_ITEMS=1 runWrk "$bffUrl/api/v1/interactions" ingest.lua "$connections" 2)
  ceilingRps+=("$(field "$ceiling" rps)")
  singleRps+=("$(field "$single" rps)")
  singleRatio+=("$(percent "$(field "$single" rps)" "$(field "$ceiling" rps)")")
  singleP50+=("$(field "$single" p50_ms)")
  singleP99+=("$(field "$single" p99_ms)")
  singleErrors=$((singleErrors + $(field "$single" errors)))

  # (c) batch ingest against raw SQLite inserts of the same rows, measured now too.
  sqlite=$( "$build/benchmarks/bench_tracking_ingest" 20000 8 | awk -F'|' '/^\| ceiling/ {gsub(/ /, "", $6); print $6}')
  batch=$(ALPES_BENCH_ITEMS=1000 runWrk "$bffUrl/api/v1/interactions/batch" ingest.lua "$batchConnections" 2)
  rows=$(awk -v r="$(field "$batch" rps)" 'BEGIN {printf "%.0f", r * 1000}')
  sqliteRows+=("$sqlite")
  batchRows+=("$rows")
  batchRatio+=("$(percent "$rows" "$sqlite")")
  batchP50+=("$(field "$batch" p50_ms)")
  batchP99+=("$(field "$batch" p99_ms)")
  batchErrors=$((batchErrors + $(field "$batch" errors)))

  # (d) reads with N interactions stored.
  overview=$(runWrk "$bffUrl/api/v1/campaigns/$campaign/overview" report.lua "$readConnections" 2 -H "Authorization: Bearer $token")
  daily=$(runWrk "$bffUrl/api/v1/campaigns/$campaign/stats/daily" report.lua "$readConnections" 2 -H "Authorization: Bearer $token")
  overviewP50+=("$(field "$overview" p50_ms)") overviewP99+=("$(field "$overview" p99_ms)") overviewRps+=("$(field "$overview" rps)")
  dailyP50+=("$(field "$daily" p50_ms)") dailyP99+=("$(field "$daily" p99_ms)") dailyRps+=("$(field "$daily" rps)")
  readErrors=$((readErrors + $(field "$overview" errors) + $(field "$daily" errors)))
  restWaits+=("$(waitForRest "$bff")")
  log "BFF at rest after ${restWaits[-1]} s"
  rest=$(runWrk "$bffUrl/api/v1/campaigns/$campaign/overview" report.lua "$readConnections" 2 -H "Authorization: Bearer $token")
  restP50+=("$(field "$rest" p50_ms)") restP99+=("$(field "$rest" p99_ms)") restRps+=("$(field "$rest" rps)")
  readErrors=$((readErrors + $(field "$rest" errors)))

  # Keep-alive latency on one connection: ~40 ms per response if TCP_NODELAY were off.
  health=$(runWrk "$bffUrl/health" report.lua 1 1)
  healthP50+=("$(field "$health" p50_ms)") healthP99+=("$(field "$health" p99_ms)")

  # (f) the conversion saga, on an engine of its own while the BFF is idle.
  log "bench_saga_throughput $sagas $sagaRate $sagaSeconds"
  "$build/benchmarks/bench_saga_throughput" "$sagas" "$sagaRate" "$sagaSeconds" > "$work/saga.md" 2>> "$work/saga.log"
  rate=$(sagaCell "sustained sagas/s")
  sagaRps+=("$rate") sagaRatio+=("$(awk -v r="$rate" 'BEGIN {printf "%.2f", r / 2000}')")
  sagaCpu+=("$(sagaCell "CPU per saga")")
  sagaP50+=("$(sagaCell "p50 latency")") sagaP99+=("$(sagaCell "p99 latency")")
  sagaP99Ratio+=("$(awk -v p="$(sagaCell "p99 latency")" 'BEGIN {printf "%.2f", p / 50}')")
  sagaReserved+=("$(grep -oE '[0-9]+ of [0-9]+ reserved' "$work/saga.md")")
  log "sagas: $rate/s sustained, p50 ${sagaP50[-1]} ms, p99 ${sagaP99[-1]} ms at $sagaRate/s (${sagaReserved[-1]})"
done
hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$bff/status")
kill "$bff" "$ceilingPid"
wait "$bff" 2>/dev/null || true

mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
mapfile -t p99Ratio < <(ratiosTo 5 "${overviewP99[@]}")
mapfile -t restRatio < <(ratiosTo 5 "${restP99[@]}")
singleMet=$(noneBelow 50 "${singleRatio[@]}")
batchMet=$(noneBelow 40 "${batchRatio[@]}")
overviewMet=$(noneAbove 5 "${overviewP99[@]}")
restMet=$(noneAbove 5 "${restP99[@]}")
sagaMet=$(noneBelow 2000 "${sagaRps[@]}")
sagaP99Met=$(noneAbove 50 "${sagaP99[@]}")
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain 2>/dev/null)" ] || commit="$commit (working tree)"

table=$(cat <<EOF
## $(date -u +%Y-%m-%dT%H:%MZ) — HTTP benchmark (benchmarks/http_bench.sh), commit $commit

Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //').
$runs runs of ${seconds} s per measurement (ranges below); wrk 2 threads; ingest $connections connections,
batch $batchConnections, reads $readConnections; BFF and ceiling with $httpThreads HTTP threads (every
connection keeps its own), keep-alive, TCP_NODELAY; BFF at log level info (access log on), no rate limit.
Data: $stored interactions stored through the engine (filled in $(printf '%.0f' "$fillSeconds") s, $(awk -v n="$stored" -v s="$fillSeconds" 'BEGIN {printf "%.0f", n / s}')/s, by bench_fill_interactions).
Conversion saga: bench_saga_throughput $sagas $sagaRate $sagaSeconds (its own engine and data directory, while the BFF is idle).

| metric | target | measured | ratio | met |
|---|---|---|---|---|
| (a) ceiling: bare HttpServer answering 202 | — | $(range %.0f "${ceilingRps[@]}") req/s | 100 % | — |
| (b) durable single ingest, POST /interactions | ≥ 50 % of (a) | $(range %.0f "${singleRps[@]}") req/s, p50 $(range %.2f "${singleP50[@]}") ms, p99 $(range %.2f "${singleP99[@]}") ms | $(range %.0f "${singleRatio[@]}") % | $singleMet |
| raw SQLite inserts of the same rows, one transaction (bench_tracking_ingest ceiling) | — | $(range %.0f "${sqliteRows[@]}") rows/s | 100 % | — |
| (c) batch ingest, 1,000 per request | ≥ 40 % of raw SQLite | $(range %.0f "${batchRows[@]}") rows/s, p50 $(range %.1f "${batchP50[@]}") ms, p99 $(range %.1f "${batchP99[@]}") ms per request | $(range %.0f "${batchRatio[@]}") % | $batchMet |
| (d) GET /campaigns/{id}/overview, right after (c) (the engine still checkpoints what it wrote) | p99 ≤ 5 ms | p50 $(range %.2f "${overviewP50[@]}") ms, p99 $(range %.2f "${overviewP99[@]}") ms ($(range %.0f "${overviewRps[@]}") req/s) | $(range %.2f "${p99Ratio[@]}") × target | $overviewMet |
| (d) GET /campaigns/{id}/overview, BFF at rest (CPU idle after $(printf '%s s, ' "${restWaits[@]}" | sed 's/, $//')) | p99 ≤ 5 ms | p50 $(range %.2f "${restP50[@]}") ms, p99 $(range %.2f "${restP99[@]}") ms ($(range %.0f "${restRps[@]}") req/s) | $(range %.2f "${restRatio[@]}") × target | $restMet |
| (d) GET /campaigns/{id}/stats/daily | — | p50 $(range %.2f "${dailyP50[@]}") ms, p99 $(range %.2f "${dailyP99[@]}") ms ($(range %.0f "${dailyRps[@]}") req/s) | — | — |
| keep-alive, 1 connection, GET /health (TCP_NODELAY check) | ≪ 40 ms | p50 $(range %.2f "${healthP50[@]}") ms, p99 $(range %.2f "${healthP99[@]}") ms | — | $(noneAbove 20 "${healthP50[@]}") |
| (e) BFF resident memory | — | idle $(mib "$idleRss") MiB, peak (VmHWM) $(mib "$hwm") MiB | — | — |
| (f) conversion saga: sustained sagas/s, purchase → reserved ($sagas sagas, ≤ 2,000 in flight) | ≥ 2,000/s | $(range %.0f "${sagaRps[@]}") sagas/s ($(range %.2f "${sagaCpu[@]}") ms CPU per saga, all threads) | $(range %.2f "${sagaRatio[@]}") × target | $sagaMet |
| (f) purchase acknowledged → reserved at $sagaRate purchases/s offered for $sagaSeconds s | p99 ≤ 50 ms | p50 $(range %.1f "${sagaP50[@]}") ms, p99 $(range %.1f "${sagaP99[@]}") ms ($(printf '%s; ' "${sagaReserved[@]}" | sed 's/; $//')) | $(range %.2f "${sagaP99Ratio[@]}") × target | $sagaP99Met |

Errors (non-2xx, socket errors, refused batch items): single $singleErrors, batch $batchErrors, reads $readErrors.

Conversion saga, the last run's own table (bench_saga_throughput):

$(grep '^|' "$work/saga.md")
EOF
)
echo "$table"
{ echo; echo "$table"; } >> benchmarks/results.md
log "appended to benchmarks/results.md"
