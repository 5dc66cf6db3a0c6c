#!/usr/bin/env bash
# The dashboard under load: `rapport serve` on an existing workspace, a signed-in viewer, then
# wrk at C connections for S seconds against /w/SLUG with the session cookie (loopback only).
#
#   scripts/bench-dashboard.sh JDBC_URL WORKSPACE_SLUG [CONNECTIONS] [SECONDS]
#
# e.g. after `rapport simulate ... --schema bench1m` on PostgreSQL:
#   scripts/bench-dashboard.sh 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=bench1m' bench
# Needs wrk (Debian package). Output: wrk's latency distribution, plus the server log in
# target/bench/dashboard-serve.log.
set -euo pipefail
cd "$(dirname "$0")/.."

url="$1"
slug="$2"
conns="${3:-16}"
secs="${4:-30}"
port="${RAPPORT_BENCH_PORT:-18090}"
email="dashboard-bench@rapport.invalid"
password="a long benchmark passphrase"
out=target/bench
mkdir -p "$out"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
if [[ ! -f target/rapport.jar ]]; then
  ./mvnw -q -B -ntp package -DskipTests
fi
jar="$out/rapport-bench-dashboard.jar"
cp target/rapport.jar "$jar"
home="$(mktemp -d "${TMPDIR:-/tmp}/rapport-bench-home.XXXXXX")"
export RAPPORT_HOME="$home"

echo "$password" | java -jar "$jar" workspace add-user "$slug" "$email" --role viewer \
  --database-url "$url" >&2

java -Xmx2g -jar "$jar" serve --port "$port" --bind 127.0.0.1 --database-url "$url" \
  > "$out/dashboard-serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$home"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 1
done

cookies="$home/cookies.txt"
csrf="$(curl -s -c "$cookies" "http://127.0.0.1:$port/login" \
  | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
curl -s -b "$cookies" -c "$cookies" -o /dev/null \
  --data-urlencode "email=$email" --data-urlencode "password=$password" \
  --data-urlencode "csrf=$csrf" --data-urlencode "next=/w/$slug" \
  "http://127.0.0.1:$port/login"
session="$(awk '$6 == "rapport_session" {print $7}' "$cookies")"
[[ -n "$session" ]] || { echo "sign-in failed; see $out/dashboard-serve.log" >&2; exit 1; }

# The first view computes the figures (the cold cost, reported apart).
cold="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: rapport_session=$session" \
  "http://127.0.0.1:$port/w/$slug")"
echo "first view (cold): HTTP ${cold% *}, ${cold#* } s" >&2
[[ "${cold% *}" == 200 ]] || exit 1

wrk -t2 -c"$conns" -d"${secs}s" --latency -s scripts/wrk-percentiles.lua \
  -H "Cookie: rapport_session=$session" \
  "http://127.0.0.1:$port/w/$slug"
