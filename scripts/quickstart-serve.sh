#!/usr/bin/env bash
# The quick start's second half (after install and build): migrate, seed, create the first Super user, serve.
# Listens on 127.0.0.1 unless HOSTNAME is set in the environment: a fresh install, with its generated admin
# password, is not reachable from the plant's network before someone chose that (README, Safe defaults).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run db:migrate
npm run db:seed
npm run cli -- users:bootstrap

# Bash sets HOSTNAME itself (to the machine's name) without exporting it; only an exported one is a choice.
if [ -z "$(printenv HOSTNAME || true)" ]; then
  export HOSTNAME=127.0.0.1
  echo "quickstart: listening on 127.0.0.1 only: this machine reaches http://localhost:${PORT:-3000}, no other can."
  echo "quickstart: to open it to the network, set the address to listen on and the one people browse, e.g."
  echo "quickstart:   HOSTNAME=0.0.0.0 APP_URL=http://$(uname -n):${PORT:-3000} bash scripts/quickstart.sh"
else
  echo "quickstart: listening on HOSTNAME=${HOSTNAME} (from the environment)"
fi
# npm start requires the public origin in production; here it is this machine.
export APP_URL="${APP_URL:-http://localhost:${PORT:-3000}}"
exec npm start
