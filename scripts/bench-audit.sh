#!/usr/bin/env bash
# Stores an audit of N generated Twitter-style profiles into a fresh workspace (with a channel the
# profiles follow) and prints the profiles stored per second; then audits the same file again
# into the same workspace (every identity known, verdicts replaced) and prints that rate too.
#
#   scripts/bench-audit.sh [h2|postgres] [N]
#
# Defaults: h2, 200,000 profiles. The profiles come from ../shared/tools/gen-profiles.py (or
# $RAPPORT_GEN_PROFILES), cached in target/bench. PostgreSQL comes from RAPPORT_BENCH_POSTGRES_URL
# (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres); a fresh schema is made for the run
# and dropped afterwards. Last comes the same audit with --no-store: the rate without the database
# under the same load, the ceiling for the stored rates. Extra JVM options (e.g. a JFR recording) come from BENCH_JAVA_OPTS;
# BENCH_AGAIN=0 skips the re-audit;
# BENCH_JAR runs another build (e.g. the one before a change) instead of target/rapport.jar.
# Besides wall time it prints the audit process's CPU time (user + system), which a loaded
# machine disturbs less; on PostgreSQL the server's CPU is not in it.
set -euo pipefail
cd "$(dirname "$0")/.."

which="${1:-h2}"
n="${2:-200000}"
pg_url="${RAPPORT_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
gen="${RAPPORT_GEN_PROFILES:-../shared/tools/gen-profiles.py}"
out=target/bench
mkdir -p "$out"

if [[ -z "${BENCH_JAR:-}" && ! -f target/rapport.jar ]]; then
  ./mvnw -q -B -ntp package -DskipTests
fi
# A copy, so that a rebuild during the run cannot pull the jar from under it.
jar="$out/rapport-bench-audit-$which.jar"
cp "${BENCH_JAR:-target/rapport.jar}" "$jar"
profiles="$out/profiles-$n.jsonl"
if [[ ! -s "$profiles" ]]; then
  python3 "$gen" "$n" > "$profiles"
fi
# shellcheck disable=SC2206
java_opts=(-Xmx2g ${BENCH_JAVA_OPTS:-})
home="$(mktemp -d "${TMPDIR:-/tmp}/rapport-bench-audit.XXXXXX")"

case "$which" in
  h2) url="jdbc:h2:file:$home/rapport;DB_CLOSE_ON_EXIT=FALSE" ;;
  postgres)
    schema="rapport_bench_audit_$(date +%s)_$$"
    psql "${pg_url#jdbc:}" -q -c "CREATE SCHEMA $schema"
    sep='?'
    [[ "$pg_url" == *\?* ]] && sep='&'
    url="$pg_url${sep}currentSchema=$schema"
    ;;
  *)
    echo "usage: $0 [h2|postgres] [N]" >&2
    exit 64
    ;;
esac

cleanup() {
  rm -rf "$home"
  if [[ "$which" == postgres ]]; then
    psql "${pg_url#jdbc:}" -q -c "DROP SCHEMA IF EXISTS $schema CASCADE" 2> /dev/null \
      || echo "drop the schema by hand: DROP SCHEMA $schema CASCADE" >&2
  fi
}
trap cleanup EXIT

rapport() {
  RAPPORT_HOME="$home" java "${java_opts[@]}" -jar "$jar" "$@" --database-url "$url"
}

rapport workspace create bench "Bench" > /dev/null
rapport workspace add-channel bench x brand > /dev/null

timed() {
  local label="$1" times store=(-w bench --channel brand)
  [[ "$label" == no-store ]] && store=(--no-store)
  times="$out/audit-$which-$label.time"
  TIMEFORMAT='%R %U %S'
  { time rapport audit "$profiles" "${store[@]}" --no-progress --format json \
    > "$out/audit-$which-$label.json" 2> "$out/audit-$which-$label.log"; } 2> "$times"
  awk -v n="$n" -v l="$label" -v w="$which" '{
    printf "%s %s: %d profiles in %.1f s wall = %.0f profiles/s stored (JVM start included);", w, l, n, $1, n / $1
    printf " audit process CPU %.1f s = %.0f profiles per CPU-second\n", $2 + $3, n / ($2 + $3) }' "$times"
}

echo "load: $(uptime)"
timed fresh
if [[ "${BENCH_AGAIN:-1}" != 0 ]]; then
  timed again
fi
# The same file scored but not stored: the ceiling at this machine's load.
timed no-store
echo "load: $(uptime)"
