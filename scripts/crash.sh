#!/usr/bin/env bash
# Crash safety (issue 8): a Rapport node importing CSV files, storing audits and dispatching posts
# to a local test platform is killed with SIGKILL KILLS times at random moments (seeded) and
# restarted; after every kill and at the end the harness checks that no import is half-applied,
# no post is lost or on the platform twice, and every rollup equals its recomputation
# (reliability/CrashHarness, the same code as the short run in `./mvnw verify`).
#
#   scripts/crash.sh [KILLS] [h2|postgres|both] [SEED]
#
# PostgreSQL needs RAPPORT_TEST_POSTGRES_URL, e.g.
#   RAPPORT_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' scripts/crash.sh 20 postgres
# Output: the figures (where each kill landed, posts and audits in flight, results) on stdout and
# in target/crash/<database>/report.md; the nodes' logs and the generated files beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

kills="${1:-20}"
database="${2:-h2}"
seed="${3:-82026}"
case "$database" in
  h2|postgres) only="$database" ;;
  both) only="" ;;
  *) echo "usage: scripts/crash.sh [KILLS] [h2|postgres|both] [SEED]" >&2; exit 2 ;;
esac
if [[ "$database" != h2 && -z "${RAPPORT_TEST_POSTGRES_URL:-}" ]]; then
  echo "set RAPPORT_TEST_POSTGRES_URL to run on PostgreSQL" >&2
  exit 2
fi
status=0
./mvnw -q -B -ntp ${RAPPORT_MVN_FLAGS:-} test -Dspotless.check.skip=true -Dtest=CrashSafetyTest \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Drapport.crash.kills="$kills" -Drapport.crash.database="$only" -Drapport.crash.seed="$seed" || status=$?
for report in target/crash/*/report.md; do
  [[ -f "$report" ]] && cat "$report"
done
exit $status
