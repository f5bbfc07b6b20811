#!/usr/bin/env bash
# Builds the libFuzzer targets (preset fuzz: clang, ASan + UBSan, only the libraries they need)
# and runs them side by side for N seconds each (default 30, what CI runs), starting from the seed
# corpora in fuzz/corpus/<target>/. What the fuzzers learn stays in build/fuzz/corpus/<target>/.
# A crash, leak, sanitizer report or server error stops that target, leaves its input in
# build/fuzz/<target>-crash-* and fails the script. Longer runs: docs/fuzzing.md.
#   bash scripts/fuzz.sh          # 30 s per target
#   bash scripts/fuzz.sh 3600     # an hour per target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
targets=(fuzz_decoders fuzz_http)

bash scripts/setup.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
echo "fuzz: configured and built in ${SECONDS} s"
built=$SECONDS

pids=()
for target in "${targets[@]}"; do
  mkdir -p "build/fuzz/corpus/$target"
  dict=()
  [ -f "fuzz/$target.dict" ] && dict=("-dict=fuzz/$target.dict")
  "build/fuzz/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/$target-" "${dict[@]}" "build/fuzz/corpus/$target" "fuzz/corpus/$target" \
    >"build/fuzz/$target.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!targets[@]}"; do
  if wait "${pids[$i]}"; then
    echo "fuzz: ${targets[$i]}: $(grep -m1 -o 'Done [0-9]* runs.*' "build/fuzz/${targets[$i]}.log" || echo ok)"
  else
    echo "fuzz: ${targets[$i]} FAILED; its log:" >&2
    tail -n 60 "build/fuzz/${targets[$i]}.log" >&2
    status=1
  fi
done
echo "fuzz: ran in $((SECONDS - built)) s"
exit $status
