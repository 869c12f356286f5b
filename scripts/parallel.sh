# Sourced by scripts/check.sh and scripts/test-all.sh: runs named npm scripts side by side, each into its own
# log, and prints each log whole when it ends (no interleaved lines), with its wall time.
#   start_job <name> <command...>   starts one in the background
#   wait_jobs                       waits for all; returns 1 if any failed, naming it
PARALLEL_LOGS=$(mktemp -d)
trap 'rm -rf "$PARALLEL_LOGS"' EXIT
declare -A JOB_PIDS=()

start_job() {
  local name=$1
  shift
  (
    started=$(date +%s)
    set +e
    "$@" >"$PARALLEL_LOGS/$name.log" 2>&1
    code=$?
    echo "$code $(($(date +%s) - started))" >"$PARALLEL_LOGS/$name.status"
    exit "$code"
  ) &
  JOB_PIDS[$name]=$!
}

wait_jobs() {
  local failed=()
  local name
  for name in "${!JOB_PIDS[@]}"; do
    wait "${JOB_PIDS[$name]}" || true
    read -r code secs <"$PARALLEL_LOGS/$name.status"
    echo "::::: $name ($secs s, exit $code)"
    cat "$PARALLEL_LOGS/$name.log"
    [ "$code" = 0 ] || failed+=("$name")
  done
  JOB_PIDS=()
  if [ ${#failed[@]} -gt 0 ]; then
    echo "::::: failed: ${failed[*]}"
    return 1
  fi
}
