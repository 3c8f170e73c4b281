#!/usr/bin/env bash
# Register scale test (issue 15): a region of INHABITANTS (default one
# million) over YEARS (default 2016-2025) from `koers synth register`,
# imported into PostgreSQL through `koers register import`, and the nine
# counting rules of the demo (demo/register/rules.json) computed for every
# year through `koers register compute`. Prints the messages generated and
# imported, import messages/s, and the seconds to compute all indicators
# for all years (targets: ≥ 20.000 messages/s, ≤ 10 s).
#
#   scripts/register-scale.sh [INHABITANTS] [YEARS]
#
# Needs the register commands of cmd/koers:
#   koers register import  --db URL --org SLUG --key-file F --municipality CODE FILES_OR_DIRS...
#   koers register compute --db URL --org SLUG --rules FILE --years FROM-TO [--write]
# and KOERS_TEST_POSTGRES (a PostgreSQL URL) with psql: the script makes a
# schema of its own, imports Leiderdorp's begroting into it for the
# organisation (slug leiderdorp, gemeentecode 0547), and drops it at the
# end. The pseudonymisation key is 32 random bytes, base64, in a file of
# the run (REGISTER_KEY_FILE names another). At a million inhabitants
# the generator writes about 2.5 million message files (4.5 GB, about
# 10 GB on disk) in about seven minutes at 6.000 files a second, and takes
# 1 GB of memory; the run removes them (REGISTER_SCALE_KEEP=1 keeps the directory and prints it).

# All of it in one block, which bash reads whole before it runs any.
{
set -euo pipefail
cd "$(dirname "$0")/.."
inhabitants=${1:-1000000}
years=${2:-2016-2025}
case "$inhabitants" in '' | *[!0-9]*) echo "register-scale: INHABITANTS is a whole number" >&2; exit 2;; esac
case "$years" in [0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]) ;; *) echo "register-scale: YEARS is FROM-TO, e.g. 2016-2025" >&2; exit 2;; esac
if [ -z "${KOERS_TEST_POSTGRES:-}" ] || ! command -v psql >/dev/null; then
  echo "register-scale: needs KOERS_TEST_POSTGRES (a PostgreSQL URL) and psql" >&2
  exit 2
fi
work=$(mktemp -d)
schema=""
cleanup() {
  [ -n "$schema" ] && psql "$KOERS_TEST_POSTGRES" -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
  if [ "${REGISTER_SCALE_KEEP:-}" = 1 ]; then echo "register-scale: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

go build -o "$work/koers" ./cmd/koers
koers=$work/koers
help=$("$koers" register import -h 2>&1 || true)
if [[ "$help" != *key-file* ]]; then
  echo "register-scale: this koers has no 'register import' and 'register compute' commands" >&2
  exit 2
fi
echo "register-scale: $inhabitants inhabitants, $years; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

t=$(now_ms)
"$koers" synth register --inhabitants "$inhabitants" --years "$years" --out "$work/reg"
gen_ms=$(($(now_ms) - t))
messages=$(find "$work/reg/berichten" -name '*.xml' | wc -l)
csv_lines=$(cat "$work/reg"/*.csv | wc -l)

schema="koers_regscale_$$"
psql "$KOERS_TEST_POSTGRES" -qc "CREATE SCHEMA $schema" >/dev/null
sep='?'; case "$KOERS_TEST_POSTGRES" in *\?*) sep='&';; esac
pg="${KOERS_TEST_POSTGRES}${sep}search_path=$schema"
"$koers" import --db "$pg" demo/leiderdorp-begroting-2022.json >/dev/null

key=${REGISTER_KEY_FILE:-$work/register.key}
[ -f "$key" ] || { head -c 32 /dev/urandom | base64 >"$key"; chmod 600 "$key"; }

t=$(now_ms)
"$koers" register import --db "$pg" --org leiderdorp --key-file "$key" --municipality 0547 "$work/reg"
import_ms=$(($(now_ms) - t))

t=$(now_ms)
"$koers" register compute --db "$pg" --org leiderdorp --rules demo/register/rules.json --years "$years" >"$work/compute.txt"
compute_ms=$(($(now_ms) - t))
cat "$work/compute.txt"

size=$(psql "$KOERS_TEST_POSTGRES" -Atc "SELECT pg_size_pretty(coalesce(sum(pg_total_relation_size(c.oid)), 0)) FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$schema' AND c.relkind IN ('r', 'm')")
echo
echo "| what | value |"
echo "|---|---|"
echo "| inhabitants, years | $inhabitants, $years |"
echo "| messages (files) | $messages |"
echo "| CSV lines | $csv_lines |"
echo "| generation | $(secs $gen_ms) s ($((messages * 1000 / (gen_ms + 1))) messages/s) |"
echo "| import | $(secs $import_ms) s ($((messages * 1000 / (import_ms + 1))) messages/s; target ≥ 20000) |"
echo "| compute, 9 rules × all years | $(secs $compute_ms) s (target ≤ 10) |"
echo "| register tables | $size |"
exit 0
}
