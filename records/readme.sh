#!/usr/bin/env bash
# The README's consent-records snippets, run as written (part of `make test-records`): the start
# command, the receipt it shows, posted, and the owner's curl calls, whose statistics must have
# the fields the README's sample has. Two substitutions only: the debug binary for `cargo run
# --release -p consent-records --` (the same program), and a spare port for 8090. The receipt's
# time is made now: the service refuses a time far from its clock.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORT=${README_RECORDS_PORT:-8295} # in place of the README's 8090
BIN=$ROOT/target/debug/consent-records
cargo build -p consent-records --locked --bin consent-records
WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# The fenced block whose first line starts with $1.
block() {
  awk -v start="$1" '
    /^```/ && !inside { inside = 1; first = 1; next }
    /^```$/ && inside { inside = 0; if (taking) exit; next }
    inside && first { first = 0; taking = (index($0, start) == 1) }
    inside && taking { print }' README.md
}
fail() { echo "records/readme.sh: $*" >&2; [ -f "$WORK/service.log" ] && cat "$WORK/service.log" >&2; exit 1; }

start=$(block 'export CONSENT_RECORDS_TOKEN=')
receipt=$(block '{ "consentId": "9f2c4e1a7b3d5e60"')
owner=$(block 'H="Authorization: Bearer $CONSENT_RECORDS_TOKEN"')
stats_sample=$(block '{"from": "2026-11-01T00:00:00.000Z"')
for b in start receipt owner stats_sample; do [ -n "${!b}" ] || fail "the README has no $b block"; done
start=${start//127.0.0.1:8090/127.0.0.1:$PORT}
owner=${owner//127.0.0.1:8090/127.0.0.1:$PORT}

cd "$WORK"
cp "$ROOT/www/config/itsme.json" site.json
# `cargo run …` becomes the built binary, in the background.
records() { "$BIN" "$@" >"$WORK/service.log" 2>&1 & PID=$!; }
eval "${start//cargo run --release -p consent-records --/records}"
[ -n "${CONSENT_RECORDS_TOKEN:-}" ] || fail "the start block leaves CONSENT_RECORDS_TOKEN unset for the curl calls"
for _ in $(seq 1 150); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/records/0000000000000000" && break
  kill -0 "$PID" 2>/dev/null || fail "the service did not start"
  sleep 0.1
done
now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
code=$(printf '%s' "${receipt/2026-11-22T23:48:31.000Z/$now}" |
  curl -s -o "$WORK/answer" -w '%{http_code}' -H 'Content-Type: text/plain' --data-binary @- "http://127.0.0.1:$PORT/receipts")
[ "$code" = 204 ] || fail "the README's receipt got $code: $(cat "$WORK/answer")"

stats=$(eval "$owner")
head -1 receipts.csv | grep -q '^id,received,.*,consentId,' || fail "export.csv: $(head -c 200 receipts.csv)"
# The CSV's range is the README's November; the receipt is today's, in the NDJSON's open range.
[ "$(wc -l <receipts.csv)" -eq 1 ] || [ "$(date -u +%Y-%m)" = 2026-11 ] || fail "export.csv: $(cat receipts.csv)"
grep -q '"consentId":"9f2c4e1a7b3d5e60"' receipts.ndjson || fail "export.ndjson: $(head -c 200 receipts.ndjson)"
# The statistics answer the fields the README's sample shows, at the top and in "total".
keys() { node -e 'const t = require("fs").readFileSync(0, "utf8"); const o = JSON.parse(t);
  console.log(Object.keys(o).join(" ") + " | " + Object.keys(o.total).join(" "))'; }
sample_keys=$(printf '%s' "$stats_sample" | sed 's/, …//g; s/…//g' | keys) || fail "the README's statistics sample is not JSON once its … are gone"
[ "$(printf '%s' "$stats" | keys)" = "$sample_keys" ] || fail "statistics: $(printf '%s' "$stats" | keys), the README shows $sample_keys"
printf '%s' "$stats" | node -e 'const o = JSON.parse(require("fs").readFileSync(0, "utf8"));
  if (o.total.receipts !== 1 || !(o.total.categories.analytics.accepted === 1)) { console.error(JSON.stringify(o.total)); process.exit(1); }' ||
  fail "statistics do not count the README's receipt"
echo "records/readme.sh: the README's start command, receipt and owner calls work as written"
