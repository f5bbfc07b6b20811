#!/usr/bin/env bash
# Installs what is missing, builds everything with warnings as errors under AddressSanitizer and
# UBSan and runs every test there, then runs the fuzzers for 30 s each.
# This is the README's test command and exactly what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# One build of everything (server, shared code, console, benchmarks, every test, the packages)
# under the sanitizers: memory errors and undefined behaviour fail CI, and the whole suite runs
# once. A plain build beside it would double the build, which is most of CI's 45 minutes on 2
# cores; the same suite unsanitized is `cmake --workflow --preset dev`. Line tables (-g1) stand
# in for full debug info for the same reason.
cmake --workflow --preset asan
# The libFuzzer targets (clang, ASan + UBSan) for 30 s each, side by side: the decoders of every
# DTO and message, the cursor and times, and the HTTP pipeline (docs/fuzzing.md).
bash scripts/fuzz.sh 30
