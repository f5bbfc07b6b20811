#!/usr/bin/env bash
# Builds the installer packages for the current OS into build/package/packages/: an optimised
# build of the installed programs only (preset "package": no tests, no benchmarks), then CPack.
# Linux: .deb, .rpm and .tar.gz of alpes-console and alpes-bff. macOS: a .dmg (Qt 6 and the
# libraries from Homebrew). Windows has its own steps: docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)" = Linux ]; then
  bash scripts/setup.sh
fi
cmake --preset package >/dev/null
cmake --build --preset package
rm -rf build/package/packages
cpack --config build/package/CPackConfig.cmake
echo "package: the packages are in build/package/packages:"
for file in build/package/packages/*.*; do echo "  ${file##*/}"; done
