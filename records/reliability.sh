#!/usr/bin/env bash
# The consent-records service's reliability checks and measurements, on the real binary, against
# SQLite and a throwaway PostgreSQL cluster (fsync on, synchronous_commit on: the defaults).
# Everything runs on this machine (127.0.0.1) and is bounded in time.
#
#   records/reliability.sh quick   kill -9 under load (SQLite, PostgreSQL), two instances on one
#                                  PostgreSQL, bad input (with the slow clients): about 45 s
#   records/reliability.sh full    the same, plus receipts/s with p50/p99 on each engine (20 s
#                                  each at 1, 16 and 64 connections) and the export of a million
#                                  receipts in bounded memory: about 12 minutes in a debug build
#
# Ports: RELIABILITY_PORT (service, default 18460, uses 4 from there) and RELIABILITY_PG_PORT
# (default 54331). The binaries are built with the default (debug) profile unless
# RELIABILITY_PROFILE=release. Every check that fails makes the script exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-quick}
case "$MODE" in quick | full) ;; *) echo "usage: $0 quick|full" >&2; exit 2 ;; esac
PORT=${RELIABILITY_PORT:-18460}
PG_PORT_WANTED=${RELIABILITY_PG_PORT:-54331}
PROFILE=${RELIABILITY_PROFILE:-dev}
CONFIG=www/config/itsme.json

if [ "$PROFILE" = release ]; then
  cargo build --release -p consent-records --locked --bins
  TARGET=target/release
else
  cargo build -p consent-records --locked --bins
  TARGET=target/debug
fi
BIN=$TARGET/consent-records
LOAD=$TARGET/records-load

source records/pg.sh
WORK=$(mktemp -d /tmp/consent-records-reliability.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

CONSENT_RECORDS_TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
export CONSENT_RECORDS_TOKEN
FIGURES=()
# figure TEXT: a result, with the machine's load average then (its 2 cores are shared).
figure() {
  local line
  line="$1 (load average $(cut -d' ' -f1 /proc/loadavg))"
  FIGURES+=("$line")
  echo "== $line"
}

# start NAME PORT DATABASE: the service in the background; its pid in STARTED.
start() {
  "$BIN" --config "$CONFIG" --listen "127.0.0.1:$2" --database "$3" >>"$WORK/$1.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
  # Up to 30 s: the machine may be busy.
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$STARTED" 2>/dev/null; then
      cat "$WORK/$1.log" >&2
      echo "$1 did not start" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$1 is not listening on $2" >&2
  return 1
}

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# kill9 NAME DATABASE: load for 8 s, the service killed with SIGKILL after 3 s and restarted on
# the same database; then every receipt answered 204 must be in the export, once.
kill9() {
  local name=$1 database=$2 port=$((PORT + 0))
  start "$name" "$port" "$database"
  local first=$STARTED
  "$LOAD" load --url "http://127.0.0.1:$port" --config "$CONFIG" --concurrency 8 --seconds 8 \
    --acked "$WORK/$name.acked" >"$WORK/$name.load" &
  local load=$!
  sleep 3
  kill -9 "$first"
  wait "$first" 2>/dev/null || true
  sleep 0.5
  start "$name" "$port" "$database"
  local second=$STARTED
  wait "$load"
  local verified
  verified=$("$LOAD" verify --url "http://127.0.0.1:$port" --acked "$WORK/$name.acked")
  figure "kill -9 under load, $name: $(cat "$WORK/$name.load") | $verified"
  stop "$second"
}

# two_instances DATABASE: two services on one PostgreSQL database, the load spread over both;
# the export must hold every acknowledged receipt exactly once, and nothing else.
two_instances() {
  local database=$1
  start pg-a "$((PORT + 1))" "$database"
  local a=$STARTED
  start pg-b "$((PORT + 2))" "$database"
  local b=$STARTED
  "$LOAD" load --url "http://127.0.0.1:$((PORT + 1))" --url "http://127.0.0.1:$((PORT + 2))" --config "$CONFIG" \
    --concurrency 8 --seconds 6 --acked "$WORK/two.acked" >"$WORK/two.load"
  local verified
  verified=$("$LOAD" verify --url "http://127.0.0.1:$((PORT + 2))" --acked "$WORK/two.acked" --exactly)
  figure "two instances on one PostgreSQL: $(cat "$WORK/two.load") | $verified"
  stop "$a"
  stop "$b"
}

# lines URL: receipts in the export.
lines() {
  "$LOAD" export --url "$1" | sed -n 's/.*lines=\([0-9]*\).*/\1/p'
}

# bad_input NAME PORT: every bad request gets its 4xx and stores nothing; the service then
# stores a good one. Run in the background (the slow clients take 10 s): its figure goes to a file.
bad_input() {
  local name=$1 url="http://127.0.0.1:$2" before after
  before=$(lines "$url")
  "$LOAD" bad --url "$url" --config "$CONFIG" >"$WORK/$name.bad"
  after=$(lines "$url")
  if [ "$after" != "$((before + 1))" ]; then
    cat "$WORK/$name.bad"
    echo "bad input stored something: $before receipts before, $after after (expected $((before + 1)))" >&2
    return 1
  fi
  echo "bad input, $name: each case got its 4xx, the slow clients were cut after 10 s, nothing stored ($before receipts, then $after with the final good one)" >"$WORK/$name.figure"
}

pg_start "$PG_PORT_WANTED"
pg_createdb kill9
pg_createdb two

echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, profile $PROFILE"
start sqlite-bad "$((PORT + 3))" "sqlite://$WORK/bad.db"
BAD_SERVICE=$STARTED
bad_input sqlite-bad "$((PORT + 3))" &
BAD=$!
kill9 sqlite "sqlite://$WORK/kill9.db"
kill9 postgresql "$PG_URL/kill9"
two_instances "$PG_URL/two"
wait "$BAD"
cat "$WORK/sqlite-bad.bad"
figure "$(cat "$WORK/sqlite-bad.figure")"
stop "$BAD_SERVICE"

if [ "$MODE" = full ]; then
  # Receipts per second held, with p50/p99 latency, on each engine.
  for engine in sqlite postgresql; do
    if [ "$engine" = sqlite ]; then database="sqlite://$WORK/bench.db"; else pg_createdb bench; database="$PG_URL/bench"; fi
    start "bench-$engine" "$PORT" "$database"
    pid=$STARTED
    for concurrency in 1 16 64; do
      figure "load, $engine, $concurrency connections, 20 s: $("$LOAD" load --url "http://127.0.0.1:$PORT" --config "$CONFIG" --concurrency "$concurrency" --seconds 20)"
    done
    stop "$pid"
  done

  # A million receipts exported in bounded memory: the service's peak RSS (VmHWM) after a
  # small export, then after each full export, the statistics and the dashboard.
  for engine in sqlite postgresql; do
    if [ "$engine" = sqlite ]; then database="sqlite://$WORK/million.db"; else pg_createdb million; database="$PG_URL/million"; fi
    figure "seed, $engine: $("$LOAD" seed --database "$database" --config "$CONFIG" --count 1000000 --days 120)"
    start "million-$engine" "$PORT" "$database"
    pid=$STARTED
    url="http://127.0.0.1:$PORT"
    hwm() { sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$pid/status"; }
    figure "memory, $engine, after start: VmHWM $(hwm)"
    today=$(date -u +%Y-%m-%d)
    figure "memory, $engine, export of one day: $("$LOAD" export --url "$url" --path "/owner/export.ndjson?from=$today&to=$today") VmHWM $(hwm)"
    figure "memory, $engine, export of everything (NDJSON): $("$LOAD" export --url "$url" --path /owner/export.ndjson) VmHWM $(hwm)"
    figure "memory, $engine, export of everything (CSV): $("$LOAD" export --url "$url" --path /owner/export.csv) VmHWM $(hwm)"
    figure "memory, $engine, statistics of everything: $("$LOAD" export --url "$url" --path /owner/stats) VmHWM $(hwm)"
    figure "memory, $engine, dashboard (90 days): $("$LOAD" export --url "$url" --path /owner/) VmHWM $(hwm)"
    stop "$pid"
  done
fi

echo
echo "Figures ($MODE, $(date -u +%Y-%m-%d), profile $PROFILE):"
printf '  %s\n' "${FIGURES[@]}"
