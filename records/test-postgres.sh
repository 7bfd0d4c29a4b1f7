#!/usr/bin/env bash
# The service's tests against a real PostgreSQL server: a throwaway cluster (Debian's
# `postgresql` package) on a local port, started as the `postgres` user, stopped afterwards.
# Usage (from the repository root): records/test-postgres.sh [port]
set -euo pipefail

source "$(dirname "$0")/pg.sh"
trap pg_stop EXIT
# fsync=off: the tests check behaviour, not durability (records/reliability.sh keeps fsync on).
pg_start "${1:-54329}" -c fsync=off

DATABASE_URL="$PG_URL/postgres" cargo test -p consent-records --locked --no-fail-fast
