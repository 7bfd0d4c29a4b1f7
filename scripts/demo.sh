#!/usr/bin/env bash
# `make demo`: the consent-records service on an SQLite file (target/demo/records.db), reached
# through the demo server under /consent-records/ (the demo config's receiptEndpoint and
# recordUrl), then the demo server itself on 127.0.0.1:$PORT. Ctrl-C stops both.
set -euo pipefail
PORT=${1:-${PORT:-8080}}
RECORDS_PORT=${RECORDS_PORT:-$((PORT + 1))}
mkdir -p target/demo
# The site owner's token for the export, statistics and dashboard: given, or made up for this run.
export CONSENT_RECORDS_TOKEN=${CONSENT_RECORDS_TOKEN:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
target/debug/consent-records --config www/config/itsme.json --listen "127.0.0.1:$RECORDS_PORT" \
  --database sqlite://target/demo/records.db --trust-proxy &
SERVICE=$!
trap 'kill "$SERVICE" 2>/dev/null || true' EXIT INT TERM
echo "consent-records: owner token $CONSENT_RECORDS_TOKEN (dashboard: http://127.0.0.1:$PORT/consent-records/owner/)"
CONSENT_RECORDS_URL="http://127.0.0.1:$RECORDS_PORT" node scripts/serve.mjs "$PORT"
