#!/usr/bin/env bash
# Screenshots of every console page, light and dark, at 1440×900, into docs/screenshots/.
# Runs the console in demo mode under Xvfb with fresh settings; the console grabs its own window
# (hidden option --screenshot-dir), so no capture tool is needed.
#   scripts/screenshots.sh [BUILD_DIR]   (default build/dev; builds alpes-console there first)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/dev}
out_dir=docs/screenshots

cmake --build "$build_dir" --target alpes-console -j2
mkdir -p "$out_dir"
settings_home=$(mktemp -d)
trap 'rm -rf "$settings_home"' EXIT

# Light is forced by the tour itself; LANG=C keeps the English strings.
XDG_CONFIG_HOME="$settings_home" LANG=C.UTF-8 \
  xvfb-run -a -s "-screen 0 1440x900x24" \
  "$build_dir/desktop/alpes-console" --demo --screenshot-dir "$out_dir"
ls -1 "$out_dir"
