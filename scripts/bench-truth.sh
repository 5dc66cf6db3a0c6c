#!/usr/bin/env bash
# Times the dashboard's truth queries on an existing workspace (cold, then warm median of five).
# Usage: scripts/bench-truth.sh JDBC_URL WORKSPACE_SLUG AS_OF [POSTGRESQL_SCHEMA|'' [PARTS]]
#   e.g. ... bench 2026-11-20T00:00:00Z bench1m summary,weeks,posts
# PARTS: comma-separated subset of summary,core,weeks,posts,refresh,focus,people,core-people,quality.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >/dev/null
exec java -Xmx6g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.rapport.benchmarks.TruthTimings "$@"
