#!/usr/bin/env bash
# Peak memory of `koers check` on a benchmark CSV of ROWS figures (default
# 1,000,000): builds koers, writes the CSV (distinct indicator, area and
# period per row, so that every row enters the duplicate check), and reports
# the maximum resident set size that GNU time measures.
#
#   scripts/csv-memory.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/koers" ./cmd/koers
awk -v n="$rows" 'BEGIN {
  print "indicator;area;period;value;unit;source;reference_date"
  for (i = 0; i < n; i++)
    printf "indicator-%d;GM%04d;%d;%d,%d;count;CBS Statline;2021-06-30\n", i % 500, int(i / 500) % 400, 1900 + int(i / 200000), i % 100000, i % 10
}' >"$work/figures.csv"
size=$(wc -c <"$work/figures.csv")
/usr/bin/time -f '%M %e %U %S' -o "$work/time" "$work/koers" check "$work/figures.csv" >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
read -r kib secs user sys <"$work/time"
printf 'koers check, %d rows (%d MB of CSV): %s; peak RSS %d MB, %s s (CPU %s s user, %s s system)\n' \
  "$rows" "$((size / 1000000))" "$(tr -d '\n' <"$work/out")" "$((kib / 1024))" "$secs" "$user" "$sys"
