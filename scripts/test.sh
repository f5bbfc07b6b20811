#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs every test, then runs them
# all again under the sanitizers, then runs the fuzzers for 30 s each.
# This is the README's test command and exactly what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --workflow --preset dev
# The server's and shared code's suite again under AddressSanitizer and UBSan: memory errors and
# undefined behaviour fail CI. The console's tests run in the dev preset only, and line tables
# (-g1) stand in for full debug info, to keep CI within its 45 minutes on 2 cores.
cmake --workflow --preset asan
# The libFuzzer targets (clang, ASan + UBSan) for 30 s each, side by side: the decoders of every
# DTO and message, the cursor and times, and the HTTP pipeline (docs/fuzzing.md).
bash scripts/fuzz.sh 30
