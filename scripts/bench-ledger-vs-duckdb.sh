#!/usr/bin/env bash
# Rapport's per-person aggregation vs DuckDB over the same ledger exported to Parquet.
# Usage: scripts/bench-ledger-vs-duckdb.sh JDBC_URL WORKSPACE_SLUG   (e.g. after rapport simulate)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >/dev/null
exec java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.rapport.benchmarks.LedgerVsDuckDb "$@"
