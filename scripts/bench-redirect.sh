#!/usr/bin/env bash
# The tracked-link redirect under load (issue 4): a fresh embedded database with the demo
# workspace, one tracked link, `rapport serve`, then wrk (Debian package) against GET /l/{code}
# at each connection count for DURATION, and a check that every answered request left a click.
#
#   scripts/bench-redirect.sh [DURATION] [CONNECTIONS...]     (default: 30s 64)
#
# Each connection count runs twice: flat out (every connection sends its next request as soon as
# the answer arrives: the machine's limit, with wrk on the same cores) and paced (each connection
# pauses BENCH_PAUSE_MS, default 5 ms, between requests: visitors arriving at a steady rate).
#
# Environment: BENCH_JAR (default target/rapport.jar), BENCH_PORT (default 8099),
# RAPPORT_JAVA_OPTS (JVM options of the server), BENCH_WRK_THREADS (default 2),
# BENCH_POSTGRES (a PostgreSQL server URL without database, e.g.
# jdbc:postgresql://127.0.0.1:5432/?user=postgres: the server stores into a fresh database there,
# dropped at the end, instead of an embedded H2 file), BENCH_H2_OPTIONS (settings appended to the
# H2 URL, e.g. ";PAGE_SIZE=1024").
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${1:-30s}"
shift || true
connections=("$@")
[[ ${#connections[@]} -gt 0 ]] || connections=(64)
jar="${BENCH_JAR:-target/rapport.jar}"
port="${BENCH_PORT:-8099}"
threads="${BENCH_WRK_THREADS:-2}"
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
[[ -f "$jar" ]] || ./mvnw -q -B -ntp package -DskipTests -Dspotless.check.skip=true

dir=$(mktemp -d /tmp/rapport-redirect.XXXXXX)
url="jdbc:h2:file:$dir/rapport${BENCH_H2_OPTIONS:-}"
pgdb=
if [[ -n "${BENCH_POSTGRES:-}" ]]; then
  pgdb="rapport_redirect_$$"
  pghost=$(echo "$BENCH_POSTGRES" | sed -n 's#^jdbc:postgresql://\([^:/]*\).*#\1#p')
  pgport=$(echo "$BENCH_POSTGRES" | sed -n 's#^jdbc:postgresql://[^:/]*:\([0-9]*\).*#\1#p')
  pg() { psql -q -h "$pghost" -p "${pgport:-5432}" -U postgres "$@"; }
  pg -d postgres -c "CREATE DATABASE $pgdb"
  url=$(echo "$BENCH_POSTGRES" | sed "s#/?#/$pgdb?#")
fi
trap '[[ -n "${server:-}" ]] && kill "$server" 2>/dev/null; rm -rf "$dir"; [[ -n "$pgdb" ]] && pg -d postgres -c "DROP DATABASE IF EXISTS $pgdb"' EXIT
run() { java -jar "$jar" "$@" --database-url "$url"; }

run demo --no-serve >/dev/null
run post settings -w demo --as demo@rapport.local --link-base "http://127.0.0.1:$port" >/dev/null
variant=$(run post create -w demo --as demo@rapport.local -c mastodon:bakery.mastodon \
  --text "Our new sourdough recipe: https://bakery.example/sourdough" | sed -n 's/^ *variant \([0-9]*\) .*/\1/p')
link=$(run post track-links -w demo --as demo@rapport.local "$variant" | sed -n 's/.* -> //p')
echo "tracked link: $link"

# The server's own request log goes to a file, as it would under a service manager.
java ${RAPPORT_JAVA_OPTS:-} -jar "$jar" serve --port "$port" --database-url "$url" \
  >"$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs -o /dev/null -w "first answer: %{http_code} -> %{redirect_url}\n" "$link"

# Warm-up: the JIT compiles the request path before anything is measured.
warm=$(wrk -t"$threads" -c16 -d10s -s scripts/wrk-percentiles.lua "$link" | sed -n 's/^requests \([0-9]*\),.*/\1/p')

answered=$((1 + warm))
for c in "${connections[@]}"; do
  echo "== $c connections, $duration (wrk -t$threads -c$c -d$duration --latency)"
  out=$(wrk -t"$threads" -c"$c" -d"$duration" --latency -s scripts/wrk-percentiles.lua "$link")
  echo "$out" | grep -E "Requests/sec|percentiles|requests [0-9]|Non-2xx"
  n=$(echo "$out" | sed -n 's/^requests \([0-9]*\),.*/\1/p')
  answered=$((answered + n))
  echo "== $c connections, $duration, paced: ${BENCH_PAUSE_MS:-5} ms between a connection's requests"
  out=$(WRK_PAUSE_MS="${BENCH_PAUSE_MS:-5}" wrk -t"$threads" -c"$c" -d"$duration" --latency \
    -s scripts/wrk-paced.lua "$link")
  echo "$out" | grep -E "Requests/sec|percentiles|requests [0-9]|Non-2xx"
  n=$(echo "$out" | sed -n 's/^requests \([0-9]*\),.*/\1/p')
  answered=$((answered + n))
done

kill "$server"
wait "$server" 2>/dev/null || true
server=
if [[ -n "$pgdb" ]]; then
  clicks=$(pg -d "$pgdb" -At -c "SELECT COUNT(*) FROM link_click")
else
  clicks=$(java -cp "$jar" org.h2.tools.Shell -url "$url" -user "" \
    -sql "SELECT COUNT(*) FROM link_click" | sed -n '2p' | tr -d ' ')
fi
echo "requests answered (first answer, warm-up and runs): $answered; clicks stored: $clicks"
# wrk stops counting before the requests in flight are answered, so a few more clicks than
# answers is expected; fewer means a click was lost.
if (( clicks < answered )); then
  echo "LOST CLICKS: $((answered - clicks))" >&2
  exit 1
fi
