#!/usr/bin/env bash
# Dispatch benchmark: 10,000 posts due within one minute across 100 channels, against the local
# test platform (5 ms latency, no idempotency keys). Prints one JSON line per configuration with
# p50/p90/p99/max lateness (platform create time minus scheduled time), duplicates, lost posts and
# the load average before and after.
#
#   scripts/bench-dispatch.sh [h2|postgres|postgres-2nodes|all] [POSTS] [CHANNELS] [LATENCY_MS] [THREADS] [POLLING_MS]
#
# PostgreSQL comes from RAPPORT_BENCH_POSTGRES_URL (default
# jdbc:postgresql://127.0.0.1:5432/test?user=postgres); each run uses a fresh schema, dropped after.
# Takes about 2.5 minutes per configuration. Output in target/bench/dispatch-<mode>.json.
set -euo pipefail
cd "$(dirname "$0")/.."

which="${1:-all}"
shift || true
out=target/bench
mkdir -p "$out"

./mvnw -q -B -ntp test-compile -Dspotless.check.skip=true
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$out/dispatch-classpath.txt" >/dev/null
cp="target/test-classes:target/classes:$(cat "$out/dispatch-classpath.txt")"

run() {
  local mode="$1"
  shift
  echo "== dispatch benchmark: $mode ($(uptime))" >&2
  java -Xmx2g -cp "$cp" dev.rapport.benchmarks.DispatchBenchmark "$mode" "$@" \
    > "$out/dispatch-$mode.json" 2> "$out/dispatch-$mode.log"
  cat "$out/dispatch-$mode.json"
}

if [[ "$which" == all ]]; then
  for m in h2 postgres postgres-2nodes; do run "$m" "$@"; done
else
  run "$which" "$@"
fi
