#!/usr/bin/env bash
# Fresh clone → the app on the embedded SQLite default at http://localhost:${PORT:-3000}, reachable from this
# machine only (127.0.0.1) unless HOSTNAME says otherwise.
# Installs, builds, then scripts/quickstart-serve.sh migrates, seeds, creates the first Super user (its password
# is printed once) and serves.
# Install and build are skipped when what they would produce is already current.
set -euo pipefail
cd "$(dirname "$0")/.."

fingerprint() { # sha256 over the named files' contents
  find "$@" -type f -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

install_stamp=node_modules/.quickstart-install
want=$(fingerprint package.json package-lock.json)
if [ -f "$install_stamp" ] && [ "$(cat "$install_stamp")" = "$want" ]; then
  echo "quickstart: dependencies are current (package-lock.json unchanged since the last install); skipping npm ci"
else
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$want" > "$install_stamp"
fi

# The build's own fingerprint (scripts/source-fingerprint.mjs, written by npm run build): the same inputs the
# test harness checks, messages/ included.
if node scripts/source-fingerprint.mjs --check; then
  echo "quickstart: the production build is current (no source changed since it was made); skipping npm run build"
else
  npm run build
fi

exec bash scripts/quickstart-serve.sh
