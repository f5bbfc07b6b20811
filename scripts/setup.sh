#!/usr/bin/env bash
# Installs every Debian 12 package the build, the tests and the tools need.
# Idempotent and quiet: prints nothing when nothing is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git curl lld
  # the fuzzers (scripts/fuzz.sh): clang with libFuzzer and the sanitizers' runtimes
  clang libclang-rt-14-dev
  # server libraries
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libssl-dev libspdlog-dev libfmt-dev libcli11-dev libmimalloc-dev
  # the TLS test makes a throwaway certificate with the openssl tool
  openssl
  # the HTTP benchmark (scripts/bench.sh)
  wrk
  # console
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  # Qt Charts needs Qt OpenGL's CMake package, which qt6-base-dev only recommends
  libqt6opengl6-dev libgl-dev fonts-dejavu-core
  # real windows without a screen (screenshots, the console under run.sh on a headless box)
  xvfb xauth
  # packages (scripts/package.sh) and their test: CPack's tools, validators, lintian, systemd-analyze
  dpkg-dev rpm file lintian desktop-file-utils appstream systemd
  # rendering the icons (resources/icons/render_icons.sh)
  librsvg2-bin icoutils icnsutils
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: run as root to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
