# Sourced by records/test-postgres.sh and records/reliability.sh: a throwaway PostgreSQL cluster
# (Debian's `postgresql` package) on a local port, run as the `postgres` user when root (initdb
# refuses root). pg_start PORT [postgres options…] sets PG_URL; pg_stop removes the cluster.

pg_start() {
  PG_PORT=$1
  shift
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
    return 1
  fi
  PG_DATA=$(mktemp -d /tmp/consent-records-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$PG_DATA"
    PG_AS=(runuser -u postgres --)
  else
    PG_AS=()
  fi
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DATA/db" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/db" -l "$PG_DATA/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA $*" start >/dev/null
  PG_URL="postgres://postgres@127.0.0.1:$PG_PORT"
}

pg_stop() {
  if [ -n "${PG_DATA:-}" ]; then
    "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/db" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DATA"
    PG_DATA=
  fi
}

# pg_createdb NAME: a new empty database on the cluster.
pg_createdb() {
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $1" >/dev/null
}
