#!/usr/bin/env bash
# Runs the big simulation on a fresh embedded H2 database and on a fresh PostgreSQL schema (dropped
# afterwards), printing the ingest rate and the truth-metric timings of each as JSON.
#
#   scripts/bench-ingest.sh [h2|postgres|both] [PEOPLE] [ENGAGEMENTS]
#
# Defaults: both, 1,000,000 people, 10,000,000 engagements. PostgreSQL comes from
# RAPPORT_BENCH_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres).
# Results go to target/bench/simulate-<database>.json, logs beside them.
set -euo pipefail
cd "$(dirname "$0")/.."

which="${1:-both}"
people="${2:-1000000}"
engagements="${3:-10000000}"
pg_url="${RAPPORT_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
out=target/bench
mkdir -p "$out"

if [[ ! -f target/rapport.jar ]]; then
  ./mvnw -q -B -ntp package -DskipTests
fi
# A copy, so that a rebuild during a long run cannot pull the jar from under it.
jar="$out/rapport-bench-$which.jar"
cp target/rapport.jar "$jar"
# The heap holds the per-person arrays and H2's page cache (CACHE_SIZE below, in KiB).
java_opts=(-Xmx6g -XX:+UseParallelGC)

run() {
  local name="$1" url="$2"
  shift 2
  echo "== $name: $people people, $engagements engagements" >&2
  java "${java_opts[@]}" -cp "$jar" dev.rapport.cli.SimulateCommand \
    --people "$people" --engagements "$engagements" --seed 1 --as-of 2026-11-20 \
    --workspace bench --database-url "$url" --format json "$@" \
    > "$out/simulate-$name.json" 2> "$out/simulate-$name.log"
  cat "$out/simulate-$name.json"
}

if [[ "$which" == h2 || "$which" == both ]]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/rapport-bench-h2.XXXXXX")"
  # A page cache large enough for the ledger's indexes keeps H2 off the disk while it ingests.
  run h2 "jdbc:h2:file:$dir/rapport;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=2097152"
  rm -rf "$dir"
fi

if [[ "$which" == postgres || "$which" == both ]]; then
  schema="rapport_bench_$(date +%s)_$$"
  drop() {
    psql "${pg_url#jdbc:}" -q -c "DROP SCHEMA IF EXISTS $schema CASCADE" 2> /dev/null \
      || echo "drop the schema by hand: DROP SCHEMA $schema CASCADE" >&2
  }
  trap drop EXIT
  run postgres "$pg_url" --schema "$schema"
fi
