#!/usr/bin/env bash
# The console's benchmarks (issue 6, "Performance"), measured in one run on this machine and
# appended with the machine and the date to benchmarks/results.md. Not part of the tests: speed is
# measured here, never asserted.
#   (a) cold start: `alpes-console --demo` (the whole BFF in-process) from exec to the first live
#       counts drawn on the dashboard (the hidden --log-ready line), median of 3 starts;
#   (b) console CPU, % of one core from /proc/<pid>/stat, while `alpes-bff --simulate` pushes
#       interactions into the `alpes-bff --demo` the console is connected to (--server), at
#       several rates in turn (ALPES_BENCH_RATES, up to the target 20,000/s, which a 2-core
#       machine running generator, BFF and console does not reach): per rate, the ingest rate the
#       BFF counted and the stream events the console received, then the slope of a straight-line
#       fit and its extrapolation to 20,000/s, labelled as such;
#   (c) console resident memory (VmRSS) after an hour of demo traffic at speed 60, which is 60 s
#       of wall time against `alpes-bff --demo --speed 60` in its own process, so the figure is the
#       console's alone.
# The console runs under Xvfb when it is installed (scripts/setup.sh installs it), else offscreen.
#   benchmarks/console_bench.sh [BUILD_DIR]   (default build/release; builds the two programs there)
#   ALPES_BENCH_CONSOLE=path/to/alpes-console benchmarks/console_bench.sh   (measures that console)
#   ALPES_BENCH_CONSOLE_PAGE=sagas benchmarks/console_bench.sh   (the console on its Sagas page, a
#       saga of the demo on its timeline: the hidden --show-saga ID; its stream then carries that
#       saga's steps too, `?sagaId=`)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/release}
# The asked rates, lowest first; the last is the target, which on a small machine the BFF does
# not reach: the console's CPU is measured at each rate reached and extrapolated to 20,000/s.
rates=${ALPES_BENCH_RATES:-2500 5000 20000}
# The stream topics the console takes on its dashboard, where it stays here: saga steps only on
# its Sagas page. (Set ALPES_BENCH_CONSOLE_TOPICS=interactions,sagas,kpis for a console before
# that change.)
console_page=${ALPES_BENCH_CONSOLE_PAGE:-dashboard}
case "$console_page" in
  dashboard) console_topics=${ALPES_BENCH_CONSOLE_TOPICS:-interactions,kpis} ;;
  # On the Sagas page with a saga shown: that saga's steps only (counted by its id below).
  sagas) console_topics=${ALPES_BENCH_CONSOLE_TOPICS:-interactions,kpis,sagas} ;;
  *) echo "bench: ALPES_BENCH_CONSOLE_PAGE is dashboard or sagas" >&2; exit 2 ;;
esac
console_saga=
load_seconds=${ALPES_BENCH_LOAD_SECONDS:-25}
soak_seconds=${ALPES_BENCH_SOAK_SECONDS:-60}

if [ "$build_dir" = build/release ] && [ ! -f build/release/CMakeCache.txt ]; then
  cmake --preset release >/dev/null
fi
cmake --build "$build_dir" --target alpes-bff alpes-console
bff=$build_dir/bff/alpes-bff
# Another console binary (a build of the previous commit) for a before/after pair in one sitting.
console=${ALPES_BENCH_CONSOLE:-$build_dir/desktop/alpes-console}

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# Demo data directories go to TMPDIR; the console's settings to XDG_CONFIG_HOME: both thrown away.
export TMPDIR=$work XDG_CONFIG_HOME=$work/config LANG=C.UTF-8
settings_dir="$XDG_CONFIG_HOME/Alpes Partners"
mkdir -p "$settings_dir"

if command -v Xvfb >/dev/null; then
  Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.05; done
  export DISPLAY=":$(cat "$work/display")"
  display="Xvfb $DISPLAY"
else
  export QT_QPA_PLATFORM=offscreen
  display="QT_QPA_PLATFORM=offscreen"
fi

now_ms() { date +%s%3N; }
# Waits up to $2 seconds for the text $3 in file $1.
wait_for() {
  local deadline=$(( $(now_ms) + $2 * 1000 ))
  until grep -q "$3" "$1" 2>/dev/null; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "bench: no '$3' in $1 after $2 s" >&2; cat "$1" >&2; return 1; }
    sleep 0.01
  done
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
per_second() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", n / s}'; }
rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# Starts `alpes-bff --demo` with extra options on a free port; sets bff_pid and bff_url.
start_bff() {
  local log=$work/bff-$RANDOM.log
  "$bff" --demo --listen 127.0.0.1:0 --data-dir "$(mktemp -d)" "$@" >"$log" 2>&1 &
  bff_pid=$!
  pids+=("$bff_pid")
  wait_for "$log" 60 "listening on"
  bff_url=$(sed -n 's/.*listening on \(https\?:\/\/[0-9.:]*\).*/\1/p' "$log" | head -1)
}
login() {
  curl -sf -X POST "$bff_url/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
# The id of the newest saga of $bff_url (waits up to 60 s for the demo's first).
newest_saga() {
  local token id deadline=$(( $(now_ms) + 60000 ))
  token=$(login manager)
  until id=$(curl -sf "$bff_url/api/v1/sagas?limit=1" -H "Authorization: Bearer $token" |
      grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4) && [ -n "$id" ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "bench: no saga in the demo after 60 s" >&2; return 1; }
    sleep 0.5
  done
  echo "$id"
}
# Starts the console signed in to $bff_url as the demo's manager (a remembered session, as after
# a first sign-in); sets console_pid once its dashboard has live data. On the Sagas page
# (ALPES_BENCH_CONSOLE_PAGE=sagas) it shows the newest saga, whose id goes to console_saga.
start_console() {
  local log=$work/console-$RANDOM.log
  local page_args=()
  if [ "$console_page" = sagas ]; then
    console_saga=$(newest_saga)
    page_args=(--show-saga "$console_saga")
  fi
  printf '[connection]\nserverUrl=%s\nusername=manager\ntoken=%s\n' "$bff_url" "$(login manager)" \
    >"$settings_dir/alpes-console.conf"
  "$console" --server "$bff_url" --log-ready "${page_args[@]}" >"$log" 2>&1 &
  console_pid=$!
  pids+=("$console_pid")
  wait_for "$log" 60 "dashboard has live data"
}

echo "bench: (a) cold start of alpes-console --demo" >&2
starts=()
for run in 1 2 3; do
  rm -f "$settings_dir/alpes-console.conf"
  log=$work/cold-$run.log
  began=$(now_ms)
  "$console" --demo --log-ready >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_for "$log" 60 "dashboard has live data"
  starts+=($(( $(now_ms) - began )))
  stop "$pid"
done
cold_ms=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p)

echo "bench: (b) console CPU at the ingest rates $rates (asked) interactions/s" >&2
start_bff
start_console
token=$(login manager)
key=$(curl -sf -X POST "$bff_url/api/v1/api-keys" -H "Authorization: Bearer $(login admin)" \
  -H 'Content-Type: application/json' -d '{"name":"console-bench","scope":"ingest"}' |
  sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
hz=$(getconf CLK_TCK)
window=$(( load_seconds - 10 ))
cpu_rows=()
points=()
for asked in $rates; do
  ALPES_API_KEY=$key "$bff" --simulate --target "$bff_url" --rate "$asked" --duration "$load_seconds" \
    >"$work/load-$asked.out" 2>"$work/load-$asked.err" &
  load_pid=$!
  pids+=("$load_pid")
  # The middle of the run: after the load generator's first batches, before its last. A second
  # subscriber to every topic records in the same window what the BFF publishes: its interactions
  # ticks give the rate the BFF counted, its events of the console's topics the console's input.
  sleep 5
  stream=$work/stream-$asked.txt
  timeout "$window" curl -sN -H "Authorization: Bearer $token" \
    "$bff_url/api/v1/stream?topics=interactions,sagas,kpis" >"$stream" 2>/dev/null &
  stream_pid=$!
  ticks0=$(cpu_ticks "$console_pid"); bff_ticks0=$(cpu_ticks "$bff_pid"); t0=$(now_ms)
  wait "$stream_pid" || true
  ticks1=$(cpu_ticks "$console_pid"); bff_ticks1=$(cpu_ticks "$bff_pid"); t1=$(now_ms)
  # Paced by its answers, the generator may still be sending at the asked rate: the window is over.
  stop "$load_pid"
  cpu=$(awk -v d=$((ticks1 - ticks0)) -v hz="$hz" -v ms=$((t1 - t0)) 'BEGIN {printf "%.1f", 100 * d / hz / (ms / 1000)}')
  bff_cpu=$(awk -v d=$((bff_ticks1 - bff_ticks0)) -v hz="$hz" -v ms=$((t1 - t0)) 'BEGIN {printf "%.0f", 100 * d / hz / (ms / 1000)}')
  ticks=$(grep -c '^event: interactions' "$stream" || true)
  ingest=$(grep -A1 '^event: interactions' "$stream" | grep '^data:' | sed 's/\],"recent".*//' |
    grep -o '"count":[0-9]*' | cut -d: -f2 | awk -v n="$ticks" '{s += $1} END {printf "%.0f", (n > 0 ? s / n : 0)}')
  seconds=$(awk -v ms=$((t1 - t0)) 'BEGIN {print ms / 1000}')
  sagas=$(per_second "$(grep -c '^event: saga' "$stream" || true)" "$seconds")
  # The events of the console's topics; of its saga's steps only when it shows one (?sagaId=).
  received=$(awk -v topics="$console_topics" -v saga="$console_saga" \
    'BEGIN {split(topics, t, ","); for (i in t) take[t[i] == "sagas" ? "saga" : t[i]] = 1}
      /^event: / {name = substr($0, 8); next}
      /^data: / {if (name in take && (name != "saga" || saga == "" || index($0, "\"sagaId\":\"" saga "\""))) n++; name = ""}
      END {print n + 0}' "$stream")
  events=$(per_second "$received" "$seconds")
  cpu_rows+=("| console CPU, asked $asked/s: the BFF counted ${ingest}/s (BFF at ${bff_cpu} % of a core); the console received ${events} stream events/s (topics ${console_topics}${console_saga:+ of saga $console_saga}; the BFF published ${sagas}/s saga steps) | ≤ 10 % of one core at 20,000/s | ${cpu} % | — |")
  points+=("$ingest $events $cpu")
  sleep 3  # lets the BFF's sagas of this step settle before the next
done
# Least squares: console CPU % = intercept + slope × x, over the points' column $1 (x) and $3.
fit() { printf '%s\n' "${points[@]}" | awk -v col="$1" '{x = $col; n++; sx += x; sy += $3; sxx += x * x; sxy += x * $3}
  END {d = n * sxx - sx * sx; b = (d > 0 ? (n * sxy - sx * sy) / d : 0); a = (sy - b * sx) / n;
       printf "%.2f %.2f", a, b * 1000}'; }
# (1) against the ingest rate, as the target is stated;
read -r intercept slope <<<"$(fit 1)"
extrapolated=$(awk -v a="$intercept" -v b="$slope" 'BEGIN {printf "%.1f", a + b * 20}')
# (2) against the stream events the console received: the saga step events follow the sagas the
# BFF completes, which a CPU-starved BFF caps whatever the ingest rate, so (1) can understate the
# growth. At 20,000/s the BFF would send 20,000 × the most events per counted interaction seen.
read -r event_intercept event_slope <<<"$(fit 2)"
events_per_interaction=$(printf '%s\n' "${points[@]}" | awk '$1 > 0 && $2 / $1 > r {r = $2 / $1} END {printf "%.2f", r}')
extrapolated_events=$(awk -v a="$event_intercept" -v b="$event_slope" -v r="$events_per_interaction" \
  'BEGIN {printf "%.1f", a + b * 20 * r}')
stop "$console_pid"; stop "$bff_pid"

echo "bench: (c) console memory after an hour of demo traffic at speed 60 (${soak_seconds} s)" >&2
start_bff --speed 60
start_console
rss_start=$(rss_mb "$console_pid")
sleep "$soak_seconds"
rss_end=$(rss_mb "$console_pid")
stop "$console_pid"; stop "$bff_pid"

ratio() { awk -v t="$1" -v m="$2" 'BEGIN {printf (m > 0 ? "%.2f" : "—"), t / m}'; }
cold_s=$(awk -v ms="$cold_ms" 'BEGIN {printf "%.2f", ms / 1000}')
results=benchmarks/results.md
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — console (benchmarks/console_bench.sh), $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg); $(basename "$build_dir") build; console $console on its $console_page page${console_saga:+ showing a saga}; $display."
  echo
  echo "| metric | target | measured | ratio (≥ 1 meets it) |"
  echo "|---|---|---|---|"
  echo "| cold start of \`alpes-console --demo\` to live data on the dashboard (median of 3: ${starts[*]} ms) | ≤ 2 s | ${cold_s} s | $(ratio 2 "$cold_s") |"
  printf '%s\n' "${cpu_rows[@]}"
  echo "| console CPU at 20,000 interactions/s, EXTRAPOLATED (not measured) from a straight-line fit of the rows above against the ingest rate: ${intercept} % + ${slope} % per 1,000 interactions/s | ≤ 10 % of one core | ${extrapolated} % | $(ratio 10 "$extrapolated") |"
  echo "| console CPU at 20,000 interactions/s, EXTRAPOLATED (not measured) from a fit against the stream events received: ${event_intercept} % + ${event_slope} % per 1,000 events/s, at 20,000 × ${events_per_interaction} received per interaction (the most seen above) | ≤ 10 % of one core | ${extrapolated_events} % | $(ratio 10 "$extrapolated_events") |"
  echo "| console resident memory after one simulated hour at speed 60 (= ${soak_seconds} s of wall time; BFF in its own process; ${rss_start} MB when connected) | ≤ 250 MB | ${rss_end} MB | $(ratio 250 "$rss_end") |"
  echo
  echo "Console CPU: % of one core from /proc over ${window} s in the middle of each ${load_seconds}-s load step (\`alpes-bff --simulate\` on the same machine; the BFF's ingest rate as it counted it in its per-second ticks, the demo's own traffic included)."
} | tee -a "$results"
echo "bench: results appended to $results" >&2
