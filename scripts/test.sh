#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs every test, then runs them
# all again under the sanitizers.
# This is the README's test command and exactly what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --workflow --preset dev
# The same suite again under AddressSanitizer and UBSan: memory errors and undefined behaviour fail CI.
cmake --workflow --preset asan
