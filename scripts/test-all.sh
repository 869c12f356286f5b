#!/usr/bin/env bash
# npm test: builds the production server, then runs every suite against it (Vitest, then Playwright).
# PostgreSQL runs join when TEST_DATABASE_URL is a postgresql:// URL; otherwise they are reported as skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run typecheck
npm run build
npx vitest run
npx playwright test
