#!/usr/bin/env bash
# npm test: static checks, the production build, then every suite against it (Vitest, then Playwright).
# PostgreSQL and Redis cases join when TEST_DATABASE_URL / REDIS_TEST_URL are set; otherwise they are listed
# as skipped, by name, with the variable that enables them.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run typecheck
npm run lint
npm run format:check
npm run build
npx vitest run
npx playwright test
