#!/usr/bin/env bash
# The service's tests against a real PostgreSQL server: a throwaway cluster (Debian's
# `postgresql` package) on a local port, started as the `postgres` user, stopped afterwards.
# Usage (from the repository root): records/test-postgres.sh [port]
set -euo pipefail

PORT=${1:-54329}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
DATA=$(mktemp -d /tmp/consent-records-pg.XXXXXX)
# As root, the cluster runs as `postgres` (initdb refuses root); otherwise as the current user.
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$DATA"
  AS=(runuser -u postgres --)
else
  AS=()
fi
stop() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$DATA/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap stop EXIT

"${AS[@]}" "$BIN/initdb" -D "$DATA/db" -U postgres -A trust -E UTF8 --no-sync >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DATA/db" -l "$DATA/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off" start >/dev/null

DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres" cargo test -p consent-records --locked
