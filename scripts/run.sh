#!/usr/bin/env bash
# Installs what is missing, builds, and starts the product: alpes-bff in demo mode (a seeded
# world with live simulated traffic and the demo users) and, when there is a display, the console
# connected to it. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release

listen="${ALPES_LISTEN:-127.0.0.1:8080}"
# The demo seeds a fresh temporary data directory unless ALPES_DATA_DIR names one.
build/release/bff/alpes-bff --demo --listen "$listen" &
bff=$!
trap 'kill -TERM $bff 2>/dev/null; wait $bff 2>/dev/null' EXIT INT TERM

# Wait until the server answers, or report why it did not start.
for _ in $(seq 1 300); do
  if curl -fsS "http://$listen/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 $bff 2>/dev/null; then echo "run: alpes-bff did not start (see above)" >&2; exit 1; fi
  sleep 0.1
done
echo "run: alpes-bff is serving the demo on http://$listen; sign in as admin, manager, analyst or partner, password demo"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  build/release/desktop/alpes-console --server "http://$listen"
else
  echo "run: no display found (DISPLAY/WAYLAND_DISPLAY unset), so the console is not started;"
  echo "run: the BFF runs alone. Press Ctrl-C to stop it."
  wait $bff
fi
