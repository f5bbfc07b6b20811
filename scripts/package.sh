#!/usr/bin/env bash
# Builds the installer packages for the current OS from an optimised build, into
# build/release/packages/. Linux: .deb, .rpm and .tar.gz of alpes-console and alpes-bff. macOS:
# a .dmg (needs Qt 6 and the libraries from Homebrew). Windows has its own steps:
# docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)" = Linux ]; then
  bash scripts/setup.sh
fi
cmake --preset release >/dev/null
cmake --build --preset release
rm -rf build/release/packages
cpack --config build/release/CPackConfig.cmake
echo "package: the packages are in build/release/packages:"
find build/release/packages -maxdepth 1 -type f -printf '  %f\n' | sort
