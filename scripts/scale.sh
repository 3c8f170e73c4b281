#!/usr/bin/env bash
# Scale test: a hosting provider's installation of N organisations × M
# documents (10 programmes each) from `koers synth`, imported one
# organisation per `koers import`, then served and measured:
#
#   import time per document of the first and the last batches (it must not
#   grow with what is already stored), database size, cold start (from
#   `koers serve` to /readyz 200), RSS after start and after the load,
#   /sitemap.xml (and, when it is an index, the first organisation's
#   sitemap and the slowest), search p50/p99 over 200 queries one at a time
#   and throughput at 64 connections (the same queries again, which a
#   search cache may answer, and each within each organisation in turn,
#   which it cannot), and a crawl of every sitemap URL
#   (8 connections) while a reader asks for one programme page every 10 ms:
#   that page's p50/p99 and how often it was rendered again, from the
#   cache counters.
#
#   scripts/scale.sh [N] [M]       (default 50 40: 2,000 documents)
#
# SQLite always; PostgreSQL too when KOERS_TEST_POSTGRES names a database
# (the script uses a schema of its own and drops it). Environment:
# SCALE_SECONDS (the 64-connection search run, default 10), SCALE_CRAWL_MAX
# (seconds, default 600). Servers bind 127.0.0.1 on a free port, which is
# also their --base-url; every phase is bounded; the script stops what it
# started and removes its files. The HTTP side is scripts/scaleload. Prints
# one table at the end; at 50 × 40 it takes about 25 minutes and 2 GB of
# disk.

# All of it in one block, which bash reads whole before it runs any: the
# script may then be edited while it runs.
{
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${1:-50}
docs=${2:-40}
seconds=${SCALE_SECONDS:-10}
crawl_max=${SCALE_CRAWL_MAX:-600}
programmes=10
for v in "$orgs" "$docs" "$seconds" "$crawl_max"; do
  case "$v" in '' | *[!0-9]*) echo "scale: want whole numbers: scripts/scale.sh [ORGANISATIONS] [DOCUMENTS]" >&2; exit 2;; esac
done
work=$(mktemp -d)
pid=""
schema=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  [ -n "$schema" ] && psql "$KOERS_TEST_POSTGRES" -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

go build -o "$work/koers" ./cmd/koers
go build -o "$work/scaleload" ./scripts/scaleload
koers=$work/koers

echo "scale: $orgs organisations × $docs documents, $programmes programmes each; $(nproc) cores, load average $(loadavg)"
t=$(now_ms)
timeout 1800 "$koers" synth --organisations "$orgs" --documents "$docs" --programmes "$programmes" --out "$work/corpus" >/dev/null
echo "scale: corpus written in $(( $(now_ms) - t )) ms ($(du -sh "$work/corpus" | cut -f1))"
"$koers" synth --queries 200 >"$work/queries.txt"
ls "$work/corpus" >"$work/organisations.txt"

# kv ENGINE KEY VALUE: remember a figure for the table.
kv() { echo "$2=$3" >>"$work/$1.kv"; }

# import_all ENGINE DB: one `koers import` per organisation, timed.
import_all() {
  local engine=$1 db=$2 dir real user sys n i=0
  : >"$work/$engine.batches"
  for dir in "$work/corpus"/*/; do
    n=$(find "$dir" -name '*.json' | wc -l)
    TIMEFORMAT='%R %U %S'
    { time timeout 1800 "$koers" import --db "$db" "$dir"*.json >/dev/null 2>"$work/import.err"; } 2>"$work/time" ||
      { echo "scale: import of $dir failed:" >&2; cat "$work/import.err" "$work/time" >&2; exit 1; }
    read -r real user sys <"$work/time"
    # ms per document: wall, and the CPU of the koers process
    awk -v r="$real" -v u="$user" -v s="$sys" -v n="$n" 'BEGIN { printf "%.1f %.1f\n", r * 1000 / n, (u + s) * 1000 / n }' >>"$work/$engine.batches"
    i=$((i + 1))
    [ $((i % 10)) -eq 0 ] && echo "scale: $engine: $i of $orgs organisations imported"
  done
  # first and last batch; medians of the first and last five
  awk -v k="$work/$engine.kv" '
    { wall[NR] = $1; cpu[NR] = $2 }
    function median(a, from, to,   n, i, j, t, v) {
      n = 0; for (i = from; i <= to; i++) v[++n] = a[i]
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    END {
      m = NR < 5 ? NR : 5
      printf "import_first=%.1f\nimport_last=%.1f\n", wall[1], wall[NR] > k
      printf "import_first5=%.1f\nimport_last5=%.1f\n", median(wall, 1, m), median(wall, NR - m + 1, NR) > k
      printf "cpu_first5=%.1f\ncpu_last5=%.1f\n", median(cpu, 1, m), median(cpu, NR - m + 1, NR) > k
    }' "$work/$engine.batches"
}

# rss_mib KEY: a line of /proc/PID/status in MiB.
rss_mib() { awk -v k="$1:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }

# settle: wait (at most 60 s) until the server has used less than 5% of a
# core for half a second, so that work a phase left running (searches
# whose clients gave up) does not weigh on the next.
settle() {
  local a b
  for _ in $(seq 1 120); do
    a=$(awk '{ print $14 + $15 }' "/proc/$pid/stat"); sleep 0.5; b=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    [ $((b - a)) -le 2 ] && return   # clock ticks of 10 ms
  done
}

# measure ENGINE DB: serve the database and measure it.
measure() {
  local engine=$1 db=$2 t0 port base
  : >"$work/serve.log"
  # The server's own address is its base URL, as a public installation
  # has one: sitemaps and API answers are cached only then.
  port=$("$work/scaleload" port)
  base="http://127.0.0.1:$port"
  t0=$(now_ms)
  "$koers" serve --db "$db" --no-demo --addr "127.0.0.1:$port" --base-url "$base" --log-level warn 2>"$work/serve.log" &
  pid=$!
  for _ in $(seq 1 6000); do
    curl -sf -o /dev/null "$base/readyz" && break
    kill -0 "$pid" 2>/dev/null || { echo "scale: koers serve stopped:" >&2; cat "$work/serve.log" >&2; exit 1; }
    sleep 0.01
  done
  curl -sf -o /dev/null "$base/readyz" || { echo "scale: koers serve not ready within a minute" >&2; exit 1; }
  kv "$engine" cold_start $(( $(now_ms) - t0 ))
  kv "$engine" rss_start "$(rss_mib VmRSS)"

  echo "scale: $engine: sitemap"
  timeout 600 "$work/scaleload" sitemap --base "$base" --urls "$work/urls.txt" >>"$work/$engine.kv"
  settle
  echo "scale: $engine: search, 200 queries one at a time"
  timeout 900 "$work/scaleload" search --base "$base" --queries "$work/queries.txt" --connections 1 | sed 's/^search_/s1_/' >>"$work/$engine.kv"
  settle
  echo "scale: $engine: search, 64 connections for ${seconds} s: the same queries"
  timeout $((seconds + 60)) "$work/scaleload" search --base "$base" --queries "$work/queries.txt" --connections 64 --duration "${seconds}s" | sed 's/^search_/s64_/' >>"$work/$engine.kv"
  settle
  echo "scale: $engine: search, 64 connections for ${seconds} s: within each organisation"
  timeout $((seconds + 60)) "$work/scaleload" search --base "$base" --queries "$work/queries.txt" --organisations "$work/organisations.txt" --connections 64 --duration "${seconds}s" | sed 's/^search_/s64o_/' >>"$work/$engine.kv"
  settle
  echo "scale: $engine: crawl of $(wc -l <"$work/urls.txt") URLs (at most $crawl_max s)"
  timeout $((crawl_max + 120)) "$work/scaleload" crawl --urls "$work/urls.txt" --concurrency 8 --max "${crawl_max}s" >>"$work/$engine.kv"
  kv "$engine" rss_load "$(rss_mib VmRSS)"
  kv "$engine" rss_peak "$(rss_mib VmHWM)"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

# SQLite
sqlite_db="$work/koers.db"
echo "scale: sqlite: importing"
import_all sqlite "sqlite:$sqlite_db"
kv sqlite size_mib "$(du -cm "$sqlite_db"* | tail -1 | cut -f1)"
measure sqlite "sqlite:$sqlite_db"
rm -f "$sqlite_db"*
engines=(sqlite)

# PostgreSQL
if [ -n "${KOERS_TEST_POSTGRES:-}" ] && command -v psql >/dev/null; then
  schema="koers_scale_$$"
  psql "$KOERS_TEST_POSTGRES" -qc "CREATE SCHEMA $schema" >/dev/null
  sep='?'; case "$KOERS_TEST_POSTGRES" in *\?*) sep='&';; esac
  pg="${KOERS_TEST_POSTGRES}${sep}search_path=$schema"
  echo "scale: postgres: importing"
  import_all postgres "$pg"
  size=$(psql "$KOERS_TEST_POSTGRES" -Atc "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$schema' AND c.relkind IN ('r', 'm')")
  kv postgres size_mib $((size / 1048576))
  measure postgres "$pg"
  engines+=(postgres)
else
  echo "scale: KOERS_TEST_POSTGRES is not set: SQLite only"
fi

# The table.
val() { awk -F= -v k="$2" '$1 == k { v = substr($0, length(k) + 2) } END { print (v == "" ? "–" : v) }' "$work/$1.kv"; }
row() {
  local label=$1 e; shift
  printf '| %s |' "$label"
  for e in "${engines[@]}"; do printf ' %s |' "$("$@" "$e")"; done
  printf '\n'
}
f_import() { echo "$(val "$1" import_first) → $(val "$1" import_last)"; }
f_import5() { echo "$(val "$1" import_first5) → $(val "$1" import_last5)"; }
f_cpu5() { echo "$(val "$1" cpu_first5) → $(val "$1" cpu_last5)"; }
f_size() { val "$1" size_mib; }
f_cold() { val "$1" cold_start; }
f_rss() { echo "$(val "$1" rss_start) / $(val "$1" rss_load) / $(val "$1" rss_peak)"; }
f_sitemap() { echo "$(val "$1" sitemap_ms) ($(val "$1" sitemap_kind), $(val "$1" urls) URLs)"; }
f_sitemap1() {
  if [ "$(val "$1" sitemap_kind)" = index ]; then
    echo "$(val "$1" sitemap_org_ms) ($(val "$1" sitemap_org_urls) URLs); slowest of $(val "$1" sitemaps): $(val "$1" sitemap_slowest_ms)"
  else
    echo "– (not an index)"
  fi
}
f_s1() { echo "$(val "$1" s1_p50_ms) / $(val "$1" s1_p99_ms); search cache hits $(val "$1" s1_cache_hits) (repeated queries)"; }
f_search() {
  echo "$(val "$1" "$2"_rps) req/s ($(val "$1" "$2"_requests) in ${seconds} s), p50 / p99 $(val "$1" "$2"_p50_ms) / $(val "$1" "$2"_p99_ms) ms;" \
    "search cache hits $(val "$1" "$2"_cache_hits); not 200: $(val "$1" "$2"_not_ok); cut off at the end: $(val "$1" "$2"_unfinished)"
}
f_s64() { f_search "$1" s64; }
f_s64o() { f_search "$1" s64o; }
f_crawl() { echo "$(val "$1" crawl_requests) of $(val "$1" crawl_of) in $(val "$1" crawl_seconds) s, $(val "$1" crawl_rps) req/s, p50 $(val "$1" crawl_p50_ms) ms; not 200: $(val "$1" crawl_not_ok)"; }
f_hot() { echo "$(val "$1" hot_before_p50_ms) / $(val "$1" hot_before_p99_ms) before; $(val "$1" hot_p50_ms) / $(val "$1" hot_p99_ms) during"; }
f_hotmiss() { echo "$(val "$1" hot_misses) of $(val "$1" hot_requests)"; }
f_cache() { echo "$(val "$1" crawl_cache_hits) / $(val "$1" crawl_cache_misses) / $(val "$1" crawl_cache_evictions)"; }

echo
echo "scale: $orgs × $docs documents, $programmes programmes each; load average at the end $(loadavg)"
printf '| |'; for e in "${engines[@]}"; do printf ' %s |' "$e"; done; printf '\n|---|'
for _ in "${engines[@]}"; do printf -- '---|'; done; printf '\n'
row "import ms/doc, first → last batch" f_import
row "import ms/doc, median of first 5 → last 5 batches" f_import5
row "CPU ms/doc of the koers import process (PostgreSQL's not included), first 5 → last 5" f_cpu5
row "database size (MiB)" f_size
row "cold start to /readyz (ms)" f_cold
row "RSS MiB: after start / after load / peak" f_rss
row "/sitemap.xml, cold (ms)" f_sitemap
row "first organisation's sitemap, cold (ms)" f_sitemap1
row "search p50 / p99 ms, 200 queries one at a time" f_s1
row "search, 64 connections, the same queries again" f_s64
row "search, 64 connections, each query within each organisation in turn" f_s64o
row "crawl, 8 connections" f_crawl
row "hot page p50 / p99 ms, before / during the crawl" f_hot
row "hot page rendered again during the crawl" f_hotmiss
row "cache hits / misses / evictions during the crawl" f_cache
echo
for e in "${engines[@]}"; do
  echo "$e: import ms/doc, batch by batch: $(cut -d' ' -f1 "$work/$e.batches" | tr '\n' ' ')"
  echo "$e: the crawl's slowest URLs:"
  sed -n 's/^crawl_slowest_[0-9]*=/  /p' "$work/$e.kv"
done
exit
}
