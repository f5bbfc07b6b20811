#!/usr/bin/env bash
# The Linux packages, end to end: builds them with CPack from the build tree the tests run in,
# checks what the .deb, .rpm and .tar.gz files hold, validates the desktop entry, the AppStream
# metadata and the systemd unit with the distribution's tools, runs lintian, installs the .debs
# on this machine, runs the installed programs (alpes-bff answers /health), then purges them and
# checks that nothing is left. Installing needs root; without it the test is skipped (77).
#   tst_packages.sh BUILD_DIR VERSION
# Registered with CTest as installer.packages (label package) by tests/installer/CMakeLists.txt.
set -euo pipefail

build_dir=$(realpath "$1")
version=$2
packages_dir=$build_dir/packages
app_id=com.alpespartners.Console
arch=$(dpkg --print-architecture)
rpm_arch=$(uname -m)

step() { echo "--- $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# has LISTING LINE: the listing (a package's files, its requirements, ...) holds LINE.
# (Outputs are captured before grep reads them: grep -q in a pipe would cut the writer off,
# which pipefail reports as a failure.)
has() { grep -qxF -- "$2" <<<"$1" || fail "the package lacks $2"; }
# mentions TEXT WORD: TEXT contains WORD somewhere.
mentions() { grep -qF -- "$2" <<<"$1"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: installing packages needs root"
  exit 77
fi

# Other worktrees on this machine may run this test at the same time: one at a time.
exec 9>/tmp/alpes-partners-package-test.lock
flock --timeout 1200 9 || fail "another package test held /tmp/alpes-partners-package-test.lock too long"

for package in alpes-bff alpes-console; do
  if mentions "$(dpkg-query --show --showformat='${Status}' "$package" 2>/dev/null || true)" 'ok installed'; then
    fail "$package is already installed on this machine and this test would purge it; remove it first (apt-get purge $package)"
  fi
done

work=$(mktemp -d)
bff_pid=""
installed=""
cleanup() {
  if [ -n "$bff_pid" ]; then
    kill -TERM "$bff_pid" 2>/dev/null || true
    wait "$bff_pid" 2>/dev/null || true
  fi
  if [ -n "$installed" ]; then
    dpkg --purge alpes-bff alpes-console >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step "build the packages (cpack)"
rm -rf "$packages_dir"
cpack --config "$build_dir/CPackConfig.cmake" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack failed"; }
deb_server=$packages_dir/alpes-bff_${version}_$arch.deb
deb_console=$packages_dir/alpes-console_${version}_$arch.deb
rpm_server=$(compgen -G "$packages_dir/alpes-bff-$version-*.$rpm_arch.rpm" || true)
rpm_console=$(compgen -G "$packages_dir/alpes-console-$version-*.$rpm_arch.rpm" || true)
tgz_server=$packages_dir/alpes-partners-$version-Linux-server.tar.gz
tgz_console=$packages_dir/alpes-partners-$version-Linux-console.tar.gz
for file in "$deb_server" "$deb_console" "$rpm_server" "$rpm_console" "$tgz_server" "$tgz_console"; do
  [ -n "$file" ] && [ -f "$file" ] || { ls -l "$packages_dir"; fail "cpack did not make ${file:-an .rpm}"; }
done

# What both formats must hold, as absolute paths.
server_files=(
  /usr/bin/alpes-bff
  /usr/lib/systemd/system/alpes-bff.service
  /etc/alpes-partners/alpes-bff.env
  /usr/share/doc/alpes-bff/copyright
)
console_files=(
  /usr/bin/alpes-console
  /usr/share/applications/$app_id.desktop
  /usr/share/metainfo/$app_id.metainfo.xml
  /usr/share/icons/hicolor/scalable/apps/$app_id.svg
  /usr/share/doc/alpes-console/copyright
)
for size in 16 32 48 64 128 256; do
  console_files+=("/usr/share/icons/hicolor/${size}x$size/apps/$app_id.png")
done

step "check the .deb contents and control data"
listing=$(dpkg-deb --fsys-tarfile "$deb_server" | tar -t | sed 's|^\./|/|; s|/$||')
for path in "${server_files[@]}"; do has "$listing" "$path"; done
listing=$(dpkg-deb --fsys-tarfile "$deb_console" | tar -t | sed 's|^\./|/|; s|/$||')
for path in "${console_files[@]}"; do has "$listing" "$path"; done
[ "$(dpkg-deb --field "$deb_server" Version)" = "$version" ] || fail "alpes-bff.deb is not version $version"
[ "$(dpkg-deb --info "$deb_server" conffiles)" = "/etc/alpes-partners/alpes-bff.env" ] ||
  fail "alpes-bff.deb does not mark its config file as a conffile"
# The library dependencies come from dpkg-shlibdeps: the distribution's Qt and SQLite packages.
depends=$(dpkg-deb --field "$deb_console" Depends)
mentions "$depends" 'libqt6widgets6' || fail "alpes-console.deb does not depend on Qt Widgets: $depends"
depends=$(dpkg-deb --field "$deb_server" Depends)
mentions "$depends" 'libsqlite3-0' || fail "alpes-bff.deb does not depend on SQLite: $depends"

step "check the .rpm contents and metadata"
listing=$(rpm --query --list --package "$rpm_server")
for path in "${server_files[@]}"; do has "$listing" "$path"; done
listing=$(rpm --query --list --package "$rpm_console")
for path in "${console_files[@]}"; do has "$listing" "$path"; done
[ "$(rpm --query --configfiles --package "$rpm_server")" = "/etc/alpes-partners/alpes-bff.env" ] ||
  fail "alpes-bff.rpm does not mark its config file as %config"
mentions "$(rpm --query --requires --package "$rpm_console")" 'libQt6Widgets.so.6' ||
  fail "alpes-console.rpm has no automatic requirement on Qt Widgets"
# The scriptlets cannot run here (no RPM system): check that they are there and parse.
for tag in POSTIN PREUN POSTUN; do
  scriptlet=$(rpm --query --queryformat "%{$tag}" --package "$rpm_server")
  mentions "$scriptlet" 'alpes-bff.service' || fail "alpes-bff.rpm has no $tag scriptlet for its unit"
  sh -n <<<"$scriptlet" || fail "alpes-bff.rpm's $tag scriptlet is not valid sh"
done

step "check the .tar.gz contents"
# Rooted at /, to be unpacked with tar -C /.
has "$(tar -tzf "$tgz_server")" usr/bin/alpes-bff
has "$(tar -tzf "$tgz_console")" usr/bin/alpes-console

step "validate the desktop entry, the AppStream metadata and the icons"
dpkg-deb --extract "$deb_console" "$work/console"
desktop-file-validate "$work/console/usr/share/applications/$app_id.desktop"
# --no-net: the screenshots and URLs point at the repository, which this check must not need.
appstreamcli validate --no-net "$work/console/usr/share/metainfo/$app_id.metainfo.xml"
grep -q "<release version=\"$version\"" "$work/console/usr/share/metainfo/$app_id.metainfo.xml" ||
  fail "the AppStream metadata has no release $version"
for size in 16 32 48 64 128 256; do
  mentions "$(file --brief "$work/console/usr/share/icons/hicolor/${size}x$size/apps/$app_id.png")" \
    "PNG image data, $size x $size," || fail "the ${size}x$size icon is not a $size-pixel PNG"
done

step "lintian"
# Errors fail the test; warnings are printed. Nothing is suppressed.
lintian --fail-on error --tag-display-limit 0 "$deb_server" "$deb_console"

step "install the .debs"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb_server" "$deb_console" \
  >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install failed"; }
installed=yes
[ -L /etc/systemd/system/multi-user.target.wants/alpes-bff.service ] || fail "postinst did not enable alpes-bff.service"
systemd-analyze verify /usr/lib/systemd/system/alpes-bff.service
# The hardening, as systemd scores it (0 best, 10 worst; the unit scores 1.4): fails above 2.0.
systemd-analyze security --offline=yes --threshold=20 /usr/lib/systemd/system/alpes-bff.service >"$work/security.log" 2>&1 ||
  { cat "$work/security.log"; fail "alpes-bff.service is less hardened than it was"; }

step "run the installed alpes-bff"
[ "$(/usr/bin/alpes-bff --version)" = "alpes-bff $version" ] || fail "alpes-bff --version does not say $version"
# The health check runs demo mode, so it also shows that the demo works from the installed files.
bff_args=(--demo --listen 127.0.0.1:0 --data-dir "$work/data")
/usr/bin/alpes-bff "${bff_args[@]}" >"$work/bff.log" 2>&1 &
bff_pid=$!
port=""
# It logs the port it got; waits up to 30 s for that line (a loaded machine opens SQLite slowly).
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*listening on https\{0,1\}:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p; T; q' "$work/bff.log")
  [ -n "$port" ] && break
  kill -0 "$bff_pid" 2>/dev/null || { cat "$work/bff.log"; fail "the installed alpes-bff exited"; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/bff.log"; fail "the installed alpes-bff did not say which port it serves"; }
health=$(curl --fail --silent --show-error "http://127.0.0.1:$port/health")
mentions "$health" '"status":"ok"' || fail "/health answered $health"
login=$(curl --fail --silent --show-error -X POST "http://127.0.0.1:$port/api/v1/auth/login" \
  -d '{"username":"manager","password":"demo"}')
mentions "$login" '"role":"manager"' || fail "the demo user could not sign in: $login"
kill -TERM "$bff_pid"
wait "$bff_pid" || fail "alpes-bff did not stop cleanly on SIGTERM"
bff_pid=""

step "run the installed alpes-console"
[ "$(QT_QPA_PLATFORM=offscreen /usr/bin/alpes-console --version)" = "alpes-console $version" ] ||
  fail "alpes-console --version does not say $version"

step "remove, then purge the packages"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq alpes-bff alpes-console >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log"; fail "apt-get remove failed"; }
[ ! -e /usr/bin/alpes-bff ] && [ ! -e /usr/bin/alpes-console ] || fail "the programs are still there after remove"
# A conffile stays until purge: that is what marks it as configuration.
[ -f /etc/alpes-partners/alpes-bff.env ] || fail "remove deleted the configuration file, so it is no conffile"
# dpkg, not apt-get: alpes-console, without conffiles, is already gone, and apt no longer knows it.
dpkg --purge alpes-bff alpes-console >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "dpkg --purge failed"; }
installed=""
for path in "${server_files[@]}" "${console_files[@]}" /etc/alpes-partners \
  /etc/systemd/system/multi-user.target.wants/alpes-bff.service; do
  [ ! -e "$path" ] && [ ! -L "$path" ] || fail "$path is still there after purge"
done
for package in alpes-bff alpes-console; do
  ! dpkg-query --show "$package" >/dev/null 2>&1 || fail "dpkg still knows $package after purge"
done

echo "PASS: packages built, checked, installed, run and purged"
