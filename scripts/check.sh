#!/usr/bin/env bash
# npm run check: the inner loop, no build and no server: types, lint, formatting and the unit tests
# (every *.test.ts but the *.contract.test.ts suites), side by side. tsc (incremental), ESLint and Prettier keep
# caches under node_modules/.cache and tsconfig.tsbuildinfo: after the first run they look again only at what
# changed (ESLint's cache is keyed on the import graph too: scripts/lint/import-graph-key.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/parallel.sh
start_job typecheck npm run --silent typecheck
start_job lint npm run --silent lint
start_job format npm run --silent format:check
start_job unit npm run --silent test:unit
wait_jobs
