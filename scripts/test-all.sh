#!/usr/bin/env bash
# npm test: static checks beside the production build, then every suite against it (Vitest beside Playwright).
# PostgreSQL and Redis cases join when TEST_DATABASE_URL / REDIS_TEST_URL are set; otherwise they are listed
# as skipped, by name, with the variable that enables them. Where the time goes: docs/decisions/023-the-inner-loop.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/parallel.sh
# The Prisma clients first: the checks read them. Then the checks only read the tree while the build writes
# its own folder.
npm run --silent db:generate
# SQLite's native addon, if the install skipped its script (`npm ci --ignore-scripts`, as .ci/run installs): it
# compiles beside the checks and the build, which do not load it. One compiler process for about a minute, the
# longest job: the others yield to it (nice), or it ends last, alone on one core (40 s longer, measured).
niced=()
if [ ! -e node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  start_job sqlite-addon npm rebuild better-sqlite3
  niced=(nice -n 10)
fi
start_job typecheck "${niced[@]}" npm run --silent typecheck
start_job lint "${niced[@]}" npm run --silent lint
start_job format "${niced[@]}" npm run --silent format:check
start_job build "${niced[@]}" npm run --silent build:app
wait_jobs
# Then Vitest and Playwright side by side (each into its own log, printed whole when it ends, with its wall time).
# They share nothing but the CPU, and each alone leaves the two cores idle about half the time, waiting on
# deadlines, servers and browsers (docs/decisions/023-the-inner-loop.md has the CPU figures).
start_job vitest npx vitest run
start_job playwright npx playwright test
wait_jobs
