#!/usr/bin/env bash
# The consent-records service's reliability checks and measurements, on the real binary, against
# SQLite and a throwaway PostgreSQL cluster (fsync on, synchronous_commit on: the defaults).
# Everything runs on this machine (127.0.0.0/8) and is bounded in time.
#
#   records/reliability.sh quick   kill -9 under load (SQLite, PostgreSQL), two instances on one
#                                  PostgreSQL, bad input on both engines (with the slow clients),
#                                  the bulk seed's rollups against the store's, and the cheap
#                                  abuse checks (daily quota, rate limit): under a minute
#   records/reliability.sh full    the same, plus the other abuse checks (64 slow readers of the
#                                  largest record, a half-open connection flood under a lowered
#                                  descriptor limit), receipts/s with p50/p99 on each engine (20 s
#                                  each at 1, 16 and 64 connections), and 10,000,000 receipts
#                                  seeded on each engine: the seeding time, the statistics and the
#                                  dashboard timed, an export in bounded memory: about 30 minutes
#
# Every figure is printed at the end as a Markdown table (full: also into
# target/bench-records.md). Ports: RELIABILITY_PORT (service, default 18460, uses 10 from there)
# and RELIABILITY_PG_PORT (default 54331). The binaries are built with the release profile for
# `full` and the default (debug) one for `quick`, unless RELIABILITY_PROFILE says (release or
# dev). RELIABILITY_SEED sets how many receipts `full` seeds (default 10000000). Every check
# that fails makes the script exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-quick}
case "$MODE" in quick | full) ;; *) echo "usage: $0 quick|full" >&2; exit 2 ;; esac
PORT=${RELIABILITY_PORT:-18460}
PG_PORT_WANTED=${RELIABILITY_PG_PORT:-54331}
if [ "$MODE" = full ]; then PROFILE=${RELIABILITY_PROFILE:-release}; else PROFILE=${RELIABILITY_PROFILE:-dev}; fi
SEED_COUNT=${RELIABILITY_SEED:-10000000}
CONFIG=www/config/itsme.json
BEGUN=$(date +%s)

case "$PROFILE" in
  release)
    cargo build --release -p consent-records --locked --bins
    TARGET=target/release
    ;;
  dev | debug)
    cargo build -p consent-records --locked --bins
    TARGET=target/debug
    ;;
  *) echo "RELIABILITY_PROFILE must be release or dev, not $PROFILE" >&2; exit 2 ;;
esac
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
# The load generator is one address that sends as fast as it can: load runs are started without
# the rate limit, the daily cap and the per-client connection cap (the abuse checks test those).
UNLIMITED=(--rate-limit off --receipts-per-day off --max-connections-per-client off)

FIGURES=()
# figure WHAT SENT BACK [MEMORY]: a row of the table, with the machine's load average then (its
# 2 cores are shared).
figure() {
  local row
  row="| $1 | $2 | $3 | ${4:-–} | $(cut -d' ' -f1 /proc/loadavg) |"
  FIGURES+=("$row")
  echo "== $row"
}
# measured WHAT LINE: a figure from records-load's line `sent | back | memory`.
measured() {
  local line=$2 sent back memory rest
  sent=${line%% | *}
  rest=${line#* | }
  back=${rest%% | *}
  memory=${rest#* | }
  figure "$1" "$sent" "$back" "$memory"
}

# start NAME PORT DATABASE [FLAGS…]: the service in the background (under START_WRAP, such as
# prlimit, when set); its pid in STARTED.
START_WRAP=()
start() {
  local name=$1 port=$2 database=$3
  shift 3
  "${START_WRAP[@]}" "$BIN" --config "$CONFIG" --listen "127.0.0.1:$port" --database "$database" "$@" \
    >>"$WORK/$name.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
  # Up to 30 s: the machine may be busy.
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$STARTED" 2>/dev/null; then
      cat "$WORK/$name.log" >&2
      echo "$name did not start" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$name is not listening on $port" >&2
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
  start "$name" "$port" "$database" "${UNLIMITED[@]}"
  local first=$STARTED
  "$LOAD" load --url "http://127.0.0.1:$port" --config "$CONFIG" --concurrency 8 --seconds 8 \
    --acked "$WORK/$name.acked" >"$WORK/$name.load" &
  local load=$!
  sleep 3
  kill -9 "$first"
  wait "$first" 2>/dev/null || true
  sleep 0.5
  start "$name" "$port" "$database" "${UNLIMITED[@]}"
  local second=$STARTED
  wait "$load"
  local verified line
  verified=$("$LOAD" verify --url "http://127.0.0.1:$port" --acked "$WORK/$name.acked")
  line=$(cat "$WORK/$name.load")
  figure "kill -9 under load, $name" "${line%% | *}; SIGKILL after 3 s, restarted on the same database" \
    "$(echo "$line" | cut -d'|' -f2 | sed 's/^ *//;s/ *$//'); then $verified"
  stop "$second"
}

# two_instances DATABASE: two services on one PostgreSQL database, the load spread over both;
# the export must hold every acknowledged receipt exactly once, and nothing else.
two_instances() {
  local database=$1
  start pg-a "$((PORT + 1))" "$database" "${UNLIMITED[@]}"
  local a=$STARTED
  start pg-b "$((PORT + 2))" "$database" "${UNLIMITED[@]}"
  local b=$STARTED
  local line verified
  line=$("$LOAD" load --url "http://127.0.0.1:$((PORT + 1))" --url "http://127.0.0.1:$((PORT + 2))" --config "$CONFIG" \
    --concurrency 8 --seconds 6 --acked "$WORK/two.acked")
  verified=$("$LOAD" verify --url "http://127.0.0.1:$((PORT + 2))" --acked "$WORK/two.acked" --exactly)
  figure "two instances on one PostgreSQL" "${line%% | *}" \
    "$(echo "$line" | cut -d'|' -f2 | sed 's/^ *//;s/ *$//'); then $verified"
  stop "$a"
  stop "$b"
}

# lines URL: receipts in the export.
lines() {
  "$LOAD" export --url "$1" | sed -n 's/.*lines=\([0-9]*\).*/\1/p'
}

# bad_input NAME PORT: against a service started with the default limits, every bad request gets
# its 4xx and stores nothing; the service then stores a good one. Run in the background (the
# slow clients take 10 s): its figure goes to a file.
bad_input() {
  local name=$1 url="http://127.0.0.1:$2" before after line sent back
  before=$(lines "$url")
  "$LOAD" bad --url "$url" --config "$CONFIG" >"$WORK/$name.bad"
  after=$(lines "$url")
  if [ "$after" != "$((before + 1))" ]; then
    cat "$WORK/$name.bad"
    echo "bad input stored something: $before receipts before, $after after (expected $((before + 1)))" >&2
    return 1
  fi
  line=$(tail -n 1 "$WORK/$name.bad")
  sent=${line%% | *}
  back=${line#* | }
  back=${back%% | *}
  echo "$sent | $back; nothing stored but the good one (the export held $before receipts, then $after) | –" >"$WORK/$name.figure"
}

# rollups_check ENGINE DATABASE_A DATABASE_B: the same receipts seeded in bulk (records-load's
# fast path) and through the store's own inserts give the same receipts and the same rollup
# rows. Run in the background: its figure goes to a file.
rollups_check() {
  local engine=$1 a=$2 b=$3 compared now
  now=$(($(date +%s) * 1000))
  "$LOAD" seed --database "$a" --config "$CONFIG" --count 5000 --days 30 --adversarial 200 --random 42 --now "$now" >/dev/null
  "$LOAD" seed --database "$b" --config "$CONFIG" --count 5000 --days 30 --adversarial 200 --random 42 --now "$now" \
    --via-store >/dev/null
  compared=$("$LOAD" compare --database "$a" --database "$b")
  echo "5,000 receipts over 30 days (20 % a stranger's lists), once in bulk, once by Store::insert_many | $compared | –" \
    >"$WORK/rollups-$engine.figure"
}

pg_start "$PG_PORT_WANTED"
for db in kill9 two bad rollfast rollstore; do pg_createdb "$db"; done

echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, profile $PROFILE, mode $MODE"
start sqlite-bad "$((PORT + 3))" "sqlite://$WORK/bad.db"
BAD_SERVICES=("$STARTED")
start postgresql-bad "$((PORT + 4))" "$PG_URL/bad"
BAD_SERVICES+=("$STARTED")
bad_input sqlite-bad "$((PORT + 3))" &
BAD_SQLITE=$!
bad_input postgresql-bad "$((PORT + 4))" &
BAD_PG=$!
(
  rollups_check sqlite "sqlite://$WORK/rollfast.db" "sqlite://$WORK/rollstore.db"
  rollups_check postgresql "$PG_URL/rollfast" "$PG_URL/rollstore"
) &
ROLLUPS=$!
kill9 sqlite "sqlite://$WORK/kill9.db"
kill9 postgresql "$PG_URL/kill9"
two_instances "$PG_URL/two"

# Abuse: the daily cap of one consent id (the rate limit off, so that only the cap answers).
start quota "$((PORT + 5))" "sqlite://$WORK/quota.db" --rate-limit off
pid=$STARTED
measured "daily quota (defaults: 50 a consent id a day), sqlite" \
  "$("$LOAD" quota --url "http://127.0.0.1:$((PORT + 5))" --config "$CONFIG" --pid "$pid")"
stop "$pid"
# Abuse: the per-client rate limit, with its defaults (10/s, bursts of 60).
start rate "$((PORT + 6))" "sqlite://$WORK/rate.db"
pid=$STARTED
measured "rate limit (defaults: 10/s, bursts of 60 per address), sqlite" \
  "$("$LOAD" rate --url "http://127.0.0.1:$((PORT + 6))" --consent-id 0123456789abcdef --pid "$pid")"
stop "$pid"

if ! wait "$ROLLUPS"; then
  echo "the bulk seed's rollups are not the store's" >&2
  exit 1
fi
for engine in sqlite postgresql; do
  measured "bulk seed against the store's inserts, $engine" "$(cat "$WORK/rollups-$engine.figure")"
done
for pair in "sqlite-bad:$BAD_SQLITE" "postgresql-bad:$BAD_PG"; do
  name=${pair%%:*}
  if ! wait "${pair#*:}"; then
    echo "bad input, $name: failed" >&2
    exit 1
  fi
  grep '^bad input\|^then' "$WORK/$name.bad" || true
  measured "bad input (defaults), ${name%-bad}" "$(cat "$WORK/$name.figure")"
done
for pid in "${BAD_SERVICES[@]}"; do stop "$pid"; done

if [ "$MODE" = full ]; then
  # Abuse: 64 slow readers of the largest record a consent id can have: the daily cap every day
  # of the default retention (730 days for this config's 365-day cookie).
  LARGEST=5eed0000000000000000000000000001
  for engine in sqlite postgresql; do
    if [ "$engine" = sqlite ]; then database="sqlite://$WORK/largest.db"; else pg_createdb largest; database="$PG_URL/largest"; fi
    measured "seed of the largest record, $engine" \
      "$("$LOAD" seed --database "$database" --config "$CONFIG" --consent-id "$LARGEST" --per-day 50 --days 730)"
    start "largest-$engine" "$((PORT + 7))" "$database" --rate-limit off
    pid=$STARTED
    measured "64 slow readers of the largest record (36,500 receipts), $engine" \
      "$("$LOAD" reads --url "http://127.0.0.1:$((PORT + 7))" --consent-id "$LARGEST" --connections 64 --requests 20 \
        --seconds 5 --sources 8 --pid "$pid")"
    stop "$pid"
  done

  # Abuse: half-open connections, far more than the service's descriptors (256, so at most
  # 192 connections), with the default caps (32 a client, the oldest evicted at the cap).
  START_WRAP=(prlimit --nofile=256:256 --)
  start flood "$((PORT + 8))" "sqlite://$WORK/flood.db"
  START_WRAP=()
  pid=$STARTED
  measured "half-open flood from 40 addresses, sqlite" \
    "$("$LOAD" flood --url "http://127.0.0.1:$((PORT + 8))" --config "$CONFIG" --consent-id 0123456789abcdef \
      --addresses 40 --per-address 32 --seconds 8 --reconnect-ms 1000 --fds 256 --pid "$pid")"
  measured "half-open flood from one address, sqlite" \
    "$("$LOAD" flood --url "http://127.0.0.1:$((PORT + 8))" --config "$CONFIG" --consent-id 0123456789abcdef \
      --addresses 1 --per-address 500 --seconds 6 --reconnect-ms 1000 --fds 256 --pid "$pid")"
  measured "half-open flood from 40 addresses reconnecting at once, sqlite" \
    "$("$LOAD" flood --url "http://127.0.0.1:$((PORT + 8))" --config "$CONFIG" --consent-id 0123456789abcdef \
      --addresses 40 --per-address 32 --seconds 6 --reconnect-ms 0 --fds 256 --pid "$pid")" || true
  stop "$pid"

  # Receipts per second held, with p50/p99 latency, on each engine.
  for engine in sqlite postgresql; do
    if [ "$engine" = sqlite ]; then database="sqlite://$WORK/bench.db"; else pg_createdb bench; database="$PG_URL/bench"; fi
    start "bench-$engine" "$PORT" "$database" "${UNLIMITED[@]}"
    pid=$STARTED
    for concurrency in 1 16 64; do
      measured "receipts/s, $engine, $concurrency connections" \
        "$("$LOAD" load --url "http://127.0.0.1:$PORT" --config "$CONFIG" --concurrency "$concurrency" --seconds 20 --pid "$pid")"
    done
    stop "$pid"
  done

  # Millions of receipts: the seeding time, then the statistics and the dashboard (90 days,
  # from the rollups) timed, and the export in bounded memory (the service's peak RSS).
  from=$(date -u -d '89 days ago' +%Y-%m-%d)
  today=$(date -u +%Y-%m-%d)
  for engine in sqlite postgresql; do
    if [ "$engine" = sqlite ]; then database="sqlite://$WORK/millions.db"; else pg_createdb millions; database="$PG_URL/millions"; fi
    measured "seed, $engine" \
      "$("$LOAD" seed --database "$database" --config "$CONFIG" --count "$SEED_COUNT" --days 120 --adversarial 50)"
    start "millions-$engine" "$PORT" "$database"
    pid=$STARTED
    url="http://127.0.0.1:$PORT"
    hwm() { sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$pid/status"; }
    measured "statistics of 90 days, $SEED_COUNT receipts, $engine" \
      "$("$LOAD" timing --url "$url" --path "/owner/stats?from=$from&to=$today" --times 9 --target-ms 100 --pid "$pid")"
    measured "dashboard (90 days), $SEED_COUNT receipts, $engine" \
      "$("$LOAD" timing --url "$url" --path /owner/ --times 9 --target-ms 100 --pid "$pid")"
    measured "statistics of everything, $SEED_COUNT receipts, $engine" \
      "$("$LOAD" timing --url "$url" --path /owner/stats --times 3 --pid "$pid")"
    figure "export of one day, $engine" "GET /owner/export.ndjson?from=$today&to=$today" \
      "$("$LOAD" export --url "$url" --path "/owner/export.ndjson?from=$today&to=$today")" "VmHWM $(hwm)"
    figure "export of everything, $engine" "GET /owner/export.ndjson" \
      "$("$LOAD" export --url "$url" --path /owner/export.ndjson)" "VmHWM $(hwm)"
    stop "$pid"
  done
fi

TABLE=$(
  echo "Figures of records/reliability.sh $MODE, $(date -u +%Y-%m-%d), profile $PROFILE, $(nproc) cores, $(($(date +%s) - BEGUN)) s:"
  echo
  echo "| Check | Sent | Came back | Service memory | Load avg |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${FIGURES[@]}"
)
echo
echo "$TABLE"
if [ "$MODE" = full ]; then
  echo "$TABLE" >target/bench-records.md
  echo
  echo "(also in target/bench-records.md)"
fi
