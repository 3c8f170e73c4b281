#!/usr/bin/env bash
# Crash injection: kills `koers import` with SIGKILL at random moments, a
# replacing import (the document exists; pages appear and disappear) and an
# inserting one (the document is new) in turn, and checks after each kill
# that the database opens, `koers serve` becomes ready (/readyz 200), and
# every document exports as the whole old or the whole new version.
#
#   scripts/crash-inject.sh [SQLITE_TRIALS] [POSTGRES_TRIALS]   (default 200 and 50)
#   scripts/crash-inject.sh --short                             (10 and 4: a minute)
#
# PostgreSQL runs when KOERS_TEST_POSTGRES names a database (a schema of
# its own is used and dropped); SQLite uses a new file. Prints per engine:
# trials, old, new, absent-before-insert, corrupt, mixed, lost; exits 1 when
# any trial was corrupt, mixed or lost. The driver is scripts/crashinject
# (see its package comment); it starts servers on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--short" ]; then
  set -- 10 4
fi
sqlite_trials=${1:-200}
postgres_trials=${2:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/koers" ./cmd/koers
go build -o "$work/crashinject" ./scripts/crashinject

status=0
if [ "$sqlite_trials" -gt 0 ]; then
  mkdir -p "$work/sqlite"
  "$work/crashinject" -koers "$work/koers" -work "$work/sqlite" -trials "$sqlite_trials" || status=1
fi
if [ "$postgres_trials" -gt 0 ]; then
  if [ -n "${KOERS_TEST_POSTGRES:-}" ]; then
    mkdir -p "$work/postgres"
    "$work/crashinject" -koers "$work/koers" -work "$work/postgres" -db "$KOERS_TEST_POSTGRES" -trials "$postgres_trials" || status=1
  else
    echo "PostgreSQL: skipped (set KOERS_TEST_POSTGRES to a database URL)"
  fi
fi
if [ "$status" != 0 ]; then
  # Keep what the failures left (a copy of the SQLite database, mixed exports).
  kept=$(mktemp -d /tmp/koers-crash-kept-XXXXXX)
  cp -r "$work/sqlite" "$work/postgres" "$kept/" 2>/dev/null || true
  echo "failures: files kept in $kept"
fi
exit "$status"
