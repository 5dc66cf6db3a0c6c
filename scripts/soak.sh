#!/usr/bin/env bash
# Load and soak: Rapport's web server on loopback over a fresh database for SECONDS (default 1800),
# with engagement ingest, dashboard and API reads, tracked-link redirects and posts published
# through the local test platform with injected faults, all at fixed rates. Prints a table on
# stderr and writes one JSON line; exits non-zero when exactly-once fails, an error no injected
# fault explains occurs, or the heap after GC grows beyond the tolerance.
#
#   scripts/soak.sh [SECONDS] [JDBC_URL|h2]
#
# JDBC_URL defaults to RAPPORT_BENCH_POSTGRES_URL, else jdbc:postgresql://127.0.0.1:5432/test?user=postgres;
# the run uses a fresh schema, dropped after. Output in target/bench/soak.json and soak.log.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-1800}"
url="${2:-${RAPPORT_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}}"
out=target/bench
mkdir -p "$out"

./mvnw -q -B -ntp test-compile -Dspotless.check.skip=true
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$out/soak-classpath.txt" >/dev/null
# A copy of the compiled classes: a long run must not load classes recompiled under it.
rm -rf "$out/soak-classes"
mkdir -p "$out/soak-classes"
cp -r target/classes "$out/soak-classes/main"
cp -r target/test-classes "$out/soak-classes/test"
cp="$out/soak-classes/test:$out/soak-classes/main:$(cat "$out/soak-classpath.txt")"

echo "== soak: ${seconds}s on ${url%%\?*} ($(uptime))" >&2
status=0
# A fixed, modest heap: a leak shows as growth of the post-GC samples long before it fails.
java -Xms256m -Xmx512m -cp "$cp" dev.rapport.benchmarks.SoakBenchmark "$seconds" "$url" \
  > "$out/soak.json" 2> >(tee "$out/soak.log" >&2) || status=$?
cat "$out/soak.json"
exit "$status"
