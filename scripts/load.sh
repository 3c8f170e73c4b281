#!/usr/bin/env bash
# Load test on loopback: requests/s and p50/p99 latency of koers for a
# cached programme page, the organisation home and a search, against one
# instance and against two instances on one database, and nginx serving the
# same page bytes as a static file for comparison (alternating runs, both
# uncompressed; it prints the ratio).
#
#   scripts/load.sh [SECONDS] [CONNECTIONS]      (default 8 s, 64 connections)
#
# Two instances share PostgreSQL when KOERS_TEST_POSTGRES names a database
# (the script uses a schema of its own and drops it), else one SQLite file.
# wrk and nginx come from Debian (the script installs them when it may, and
# skips nginx when it cannot). Everything binds to 127.0.0.1; every run is
# bounded by SECONDS; the script stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
conns=${2:-64}
work=$(mktemp -d)
pids=()
schema=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "$schema" ] && psql "$KOERS_TEST_POSTGRES" -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq wrk nginx-light >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk nginx-light >/dev/null 2>&1; } || true
  fi
fi
command -v wrk >/dev/null || { echo "load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

go build -o "$work/koers" ./cmd/koers
page=/leiderdorp/begroting-2022/beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners

# start PORT DB: a koers instance in the background.
start() {
  "$work/koers" serve --addr "127.0.0.1:$1" --db "$2" --log-level error 2>>"$work/serve.log" &
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return; sleep 0.1; done
  echo "load: koers on port $1 did not start" >&2; cat "$work/serve.log" >&2; exit 1
}

# bench NAME URL...: wrk against each URL at once, connections split; prints
# requests/s (summed), p50 and p99 (the worst of the runs) in ms. Requests
# accept gzip unless ENCODING is set to something else ("identity").
bench() {
  local name=$1; shift
  local n=$#; local each=$((conns / n)); local i=0; local runs=()
  local threads=$(( n == 1 ? 2 : 1 ))
  for url in "$@"; do
    wrk -t"$threads" -c"$each" -d"${seconds}s" --latency -H "Accept-Encoding: ${ENCODING:-gzip}" "$url" >"$work/wrk.$i" 2>&1 &
    runs+=($!)
    i=$((i + 1))
  done
  wait "${runs[@]}"
  awk -v name="$name" -v out="$work/rps" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps += $2 }
    /^ +50%/ { v = ms($2); if (v > p50) p50 = v }
    /^ +99%/ { v = ms($2); if (v > p99) p99 = v }
    / [0-9]+ requests in/ { reqs += $1 }
    /Non-2xx/ { bad += $4 }
    END { printf "%-34s %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   (%d requests, %d non-2xx)\n", name, rps, p50, p99, reqs, bad
          printf "%d\n", rps > out }
  ' "$work"/wrk.*
  rm -f "$work"/wrk.*
}

sqlite="sqlite:$work/koers.db"
"$work/koers" import --db "$sqlite" demo/*.json demo/*.csv >/dev/null
shared=$sqlite
if [ -n "${KOERS_TEST_POSTGRES:-}" ] && command -v psql >/dev/null; then
  schema="koers_load_$$"
  psql "$KOERS_TEST_POSTGRES" -qc "CREATE SCHEMA $schema" >/dev/null
  sep='?'; case "$KOERS_TEST_POSTGRES" in *\?*) sep='&';; esac
  shared="${KOERS_TEST_POSTGRES}${sep}search_path=$schema"
  "$work/koers" copy --from "$sqlite" --to "$shared" >/dev/null
fi

echo "load: ${seconds}s per run, $conns connections, wrk on the same 2-core machine"
start 18301 "$sqlite"
one=http://127.0.0.1:18301
curl -sf -o "$work/page.html" "$one$page"
curl -sf -o /dev/null "$one/leiderdorp"; curl -sf -o /dev/null "$one/zoeken?q=uitkering"

# A bare net/http server answers with the same bytes from memory: what Go's
# own HTTP server costs per request.
go build -o "$work/plainhttp" ./scripts/plainhttp
"$work/plainhttp" 127.0.0.1:18305 "$work/page.html" 2>>"$work/serve.log" &
pids+=($!)
for _ in $(seq 1 50); do curl -sf -o /dev/null http://127.0.0.1:18305/ && break; sleep 0.1; done
plain_url=http://127.0.0.1:18305/

# nginx serves the same page bytes as a static file: the yardstick.
nginx_url=""
if command -v nginx >/dev/null; then
  mkdir -p "$work/www" "$work/nginx"
  cp "$work/page.html" "$work/www/page.html"
  cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:18304; root $work/www; }
}
NGINX
  nginx -c "$work/nginx.conf" -p "$work/nginx"
  sleep 0.3
  nginx_url=http://127.0.0.1:18304/page.html
fi

echo "-- one instance (SQLite)"
if [ -n "$nginx_url" ]; then
  # Alternating, three rounds, uncompressed on all sides: the machine's
  # drift between runs falls on each alike.
  k_sum=0; p_sum=0; n_sum=0
  for round in 1 2 3; do
    ENCODING=identity bench "programme page (cached, plain) #$round" "$one$page"
    k_sum=$((k_sum + $(cat "$work/rps")))
    ENCODING=identity bench "same bytes (bare net/http) #$round" "$plain_url"
    p_sum=$((p_sum + $(cat "$work/rps")))
    ENCODING=identity bench "static page (nginx, plain) #$round" "$nginx_url"
    n_sum=$((n_sum + $(cat "$work/rps")))
  done
  awk -v k="$k_sum" -v p="$p_sum" -v n="$n_sum" 'BEGIN {
    printf "ratio: koers serves the cached page at %.2f of nginx'"'"'s throughput (%d vs %d req/s, mean of 3 alternating runs)\n", k / n, k / 3, n / 3
    printf "       a bare net/http server serves the same bytes at %.2f of nginx'"'"'s (%d req/s)\n", p / n, p / 3 }'
else
  echo "(nginx is not installed: no comparison)"
  ENCODING=identity bench "programme page (cached, plain)" "$one$page"
fi
bench "programme page (cached, gzip)" "$one$page"
bench "organisation home (cached)" "$one/leiderdorp"
bench "search 'uitkering'" "$one/zoeken?q=uitkering"

echo "-- two instances (${shared%%:*}, one database)"
start 18302 "$shared"
start 18303 "$shared"
for port in 18302 18303; do
  curl -sf -o /dev/null "http://127.0.0.1:$port$page"; curl -sf -o /dev/null "http://127.0.0.1:$port/leiderdorp"
done
bench "programme page (cached)" "http://127.0.0.1:18302$page" "http://127.0.0.1:18303$page"
bench "organisation home (cached)" "http://127.0.0.1:18302/leiderdorp" "http://127.0.0.1:18303/leiderdorp"
bench "search 'uitkering'" "http://127.0.0.1:18302/zoeken?q=uitkering" "http://127.0.0.1:18303/zoeken?q=uitkering"
