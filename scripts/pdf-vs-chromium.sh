#!/usr/bin/env bash
# Times koers's whole-document PDF against headless Chromium printing the
# same document's HTML (the one-page view), on the synthetic begroting.
#
#   scripts/pdf-vs-chromium.sh [PROGRAMMES]     (default 60: about 300 pages)
#
# Needs Debian's chromium and poppler-utils (pdfinfo); prints the figures
# and the ratio. Binds to 127.0.0.1 only and cleans up after itself.
set -euo pipefail
cd "$(dirname "$0")/.."
programmes=${1:-60}
port=${KOERS_BENCH_PORT:-18181}
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for cmd in chromium pdfinfo curl; do
  command -v "$cmd" >/dev/null || { echo "pdf-vs-chromium: $cmd is not installed (apt-get install -y chromium poppler-utils curl)" >&2; exit 1; }
done

go build -o "$work/koers" ./cmd/koers
"$work/koers" synth --programmes "$programmes" > "$work/synth.json"
"$work/koers" import --db "sqlite:$work/koers.db" "$work/synth.json" >/dev/null
"$work/koers" serve --no-demo --db "sqlite:$work/koers.db" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

base="http://127.0.0.1:$port/voorbeeld/begroting-2030"
koers_cold=$(curl -sf -o "$work/koers.pdf" -w '%{time_total}' "$base.pdf")
koers_warm=$(curl -sf -o /dev/null -w '%{time_total}' "$base.pdf")
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
koers_pages=$(pdfinfo "$work/koers.pdf" | awk '/^Pages:/ {print $2}')

start=$(date +%s.%N)
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$work/chromium" --no-pdf-header-footer \
  --print-to-pdf="$work/chromium.pdf" "$base.html" >/dev/null 2>&1
end=$(date +%s.%N)
chromium_s=$(echo "$end - $start" | bc -l)
chromium_pages=$(pdfinfo "$work/chromium.pdf" | awk '/^Pages:/ {print $2}')

printf 'document: %d programmes\n' "$programmes"
printf 'koers:    %6.3f s first render, %6.3f s from cache, %s pages, %s bytes, server peak RSS %d MB\n' \
  "$koers_cold" "$koers_warm" "$koers_pages" "$(stat -c %s "$work/koers.pdf")" "$((peak_kb / 1024))"
printf 'chromium: %6.3f s, %s pages, %s bytes\n' "$chromium_s" "$chromium_pages" "$(stat -c %s "$work/chromium.pdf")"
printf 'ratio:    chromium takes %.1fx as long as koers (first render)\n' "$(echo "$chromium_s / $koers_cold" | bc -l)"
