#!/usr/bin/env bash
# Fresh clone → the app on the embedded SQLite default at http://localhost:${PORT:-3000}.
# Installs, builds, migrates, seeds, creates the first Super user (its password is printed once), serves.
set -euo pipefail
cd "$(dirname "$0")/.."
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
npm run build
npm run db:migrate
npm run db:seed
npm run cli -- users:bootstrap
exec npm start
