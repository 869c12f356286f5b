#!/usr/bin/env bash
# npm test: static checks beside the production build, then every suite against it (Vitest, then Playwright).
# PostgreSQL and Redis cases join when TEST_DATABASE_URL / REDIS_TEST_URL are set; otherwise they are listed
# as skipped, by name, with the variable that enables them. Where the time goes: docs/decisions/023-the-inner-loop.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/parallel.sh
# The Prisma clients first: the checks read them. Then the checks only read the tree while the build writes
# its own folder.
npm run --silent db:generate
start_job typecheck npm run --silent typecheck
start_job lint npm run --silent lint
start_job format npm run --silent format:check
start_job build npm run --silent build:app
wait_jobs
# Each stage's wall time in the log: where CI's time goes.
stage() {
  local name=$1 started=$SECONDS
  shift
  "$@"
  echo "::::: $name ($((SECONDS - started)) s)"
}
stage vitest npx vitest run
stage playwright npx playwright test
