#!/usr/bin/env bash
# consent-audit against the demo (`make test-audit`, part of `make test`): the shipped config
# passes; a copy without one declared cookie gives undeclared-cookie; a page with a misspelt gate
# gives unknown-gate; a page with an ungated pixel gives ungated-tag; bad input exits 2.
# Needs pkg/ (make build), target/debug/consent-records (make records-bin) and chromium.
# Every host but 127.0.0.1 is made unresolvable in the browser: nothing leaves the machine.
# AUDIT_PORT picks the demo's port (the service listens on the next one); default: a free one.
set -euo pipefail
cd "$(dirname "$0")/../.."
AUDIT=target/release/consent-audit
cargo build --release --locked -p consent-audit --bin consent-audit
START=$(date +%s)
[[ -x target/debug/consent-records ]] || { echo "e2e: target/debug/consent-records is missing (make records-bin)" >&2; exit 2; }
[[ -f pkg/consent_banner_first.wasm ]] || { echo "e2e: pkg/ is not built (make build)" >&2; exit 2; }

# Two free ports side by side, outside the ranges other runs on this machine use.
free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${AUDIT_PORT:-}
if [[ -z $PORT ]]; then
  for candidate in $(seq 8291 2 8399); do
    if free "$candidate" && free $((candidate + 1)); then PORT=$candidate; break; fi
  done
fi
[[ -n $PORT ]] || { echo "e2e: no free port pair in 8291-8399" >&2; exit 2; }
RECORDS_PORT=$((PORT + 1))
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

CONSENT_RECORDS_TOKEN=e2e-audit-token-0123456789abcdef0123456789 target/debug/consent-records \
  --config www/config/itsme.json --listen "127.0.0.1:$RECORDS_PORT" --database "sqlite://$WORK/records.db" \
  --trust-proxy >"$WORK/records.log" 2>&1 &
PIDS+=($!)
CONSENT_RECORDS_URL="http://127.0.0.1:$RECORDS_PORT" node scripts/serve.mjs "$PORT" >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do
  curl -fso /dev/null "$BASE/www/business.html" && curl -fso /dev/null "http://127.0.0.1:$RECORDS_PORT/records/0000000000000000" && break
  sleep 0.2
done
curl -fso /dev/null "$BASE/www/business.html" || { echo "e2e: the demo did not start" >&2; cat "$WORK"/*.log >&2; exit 2; }

passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1" >&2; failed=$((failed + 1)); }
# audit NAME EXPECTED_STATUS ARGS...: runs the audit (bounded in time), checks its exit status.
audit() {
  local name=$1 expected=$2 status=0
  shift 2
  timeout 150 "$AUDIT" --settle-ms 1000 --browser-arg='--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1' "$@" \
    >"$WORK/$name.out" 2>"$WORK/$name.err" || status=$?
  if [[ $status == "$expected" ]]; then
    ok "$name exits $expected"
  else
    fail "$name exits $status, not $expected"
    cat "$WORK/$name.out" "$WORK/$name.err" >&2
  fi
}
# has REPORT KIND NAME: the JSON report has a finding of that kind and name, with every field.
has() {
  if node -e '
    const [file, kind, name] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
    const fields = ["kind", "severity", "page", "pass", "name", "detail"];
    const f = r.findings.find((f) => f.kind === kind && f.name === name);
    process.exit(f && fields.every((k) => typeof f[k] === "string" && f[k]) ? 0 : 1);
  ' "$1" "$2" "$3"; then ok "$(basename "$1" .json): $2 $3"; else fail "$(basename "$1" .json): no $2 finding for $3"; cat "$WORK/$(basename "$1" .json).out" >&2; fi
}

# 1. The shipped config, crawled from the business page: every area's page, no error.
audit shipped 0 --config www/config/itsme.json --json "$WORK/shipped.json" --html "$WORK/shipped.html" "$BASE/www/business.html"
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const areas = new Set(r.pages.map((p) => p.area));
  const accept = r.pages.find((p) => p.area === "business").passes.find((p) => p.pass === "accept");
  const ok = r.passed && ["private", "business", "support", "my-itsme"].every((a) => areas.has(a))
    && r.pages.every((p) => p.passes.length === 4) && accept.cookies.some((c) => c.name === "atuserid");
  process.exit(ok ? 0 : 1);
' "$WORK/shipped.json" && ok "shipped: four areas, four passes a page, Accept all's cookies seen" || fail "shipped: report incomplete"
grep -q 'data:image/png;base64,' "$WORK/shipped.html" && ! grep -Eq '(src|href)="https?:' "$WORK/shipped.html" \
  && ok "shipped: the HTML report has the banner's screenshots and no external asset" || fail "shipped: HTML report"

# 2. The config without one declared cookie (AT Internet's atuserid): undeclared-cookie, and
#    --write-config prints the entry that declares it.
node -e '
  const fs = require("fs");
  const c = JSON.parse(fs.readFileSync("www/config/itsme.json", "utf8"));
  const at = c.areas.business.categories.find((x) => x.id === "analytics").services.find((s) => s.id === "at-internet");
  at.cookies = at.cookies.filter((k) => k.name !== "atuserid");
  fs.writeFileSync(process.argv[1], JSON.stringify(c));
' "$WORK/undeclared-config.json"
audit undeclared 1 --config "$WORK/undeclared-config.json" --max-pages 1 --json "$WORK/undeclared.json" --write-config "$BASE/www/business.html"
has "$WORK/undeclared.json" undeclared-cookie atuserid
node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const c = s.flatMap((g) => g.cookies).find((c) => c.name === "atuserid");
  process.exit(c && c.provider === "AT Internet" && c.lifetime === "13 months" && c.party === "first" ? 0 : 1);
' "$WORK/undeclared.out" && ok "undeclared: --write-config suggests atuserid from the Open Cookie Database" || fail "undeclared: --write-config"

# The README's --write-config sample is this output, abridged (its "…" left out).
node -e '
  const fs = require("fs");
  const readme = fs.readFileSync("README.md", "utf8");
  const block = /```json\n(\[ \{ "area": "business", "category": "analytics"[\s\S]*?)\n```/.exec(readme)[1];
  const [want] = JSON.parse(block.replace(/, …/g, ""));
  const got = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).find((g) => g.cookies.some((c) => c.name === "atuserid"));
  const cookie = (g) => g.cookies.find((c) => c.name === "atuserid");
  const same = ["area", "category", "path", "note"].every((k) => got[k] === want[k])
    && ["name", "provider", "party", "lifetime"].every((k) => cookie(got)[k] === cookie(want)[k])
    && cookie(got).purpose.en === cookie(want).purpose.en && cookie(got).purpose.nl === cookie(want).purpose.nl;
  if (!same) { console.error(JSON.stringify(got), "\nREADME:", JSON.stringify(want)); process.exit(1); }
' "$WORK/undeclared.out" && ok "undeclared: --write-config prints what the README shows" || fail "undeclared: the README's --write-config sample differs"

# The README's `make audit` line, its URL, config and report swapped for the demo's (and the
# flags every run here gets).
line=$(grep -m1 '^make audit URL=' README.md | sed 's/ *#.*//')
if [[ $line == 'make audit URL=https://www.example.com/ CONFIG=site.json ARGS="--html report.html"' ]]; then
  status=0
  timeout 200 make -s audit URL="$BASE/www/business.html" CONFIG=www/config/itsme.json \
    ARGS="--html $WORK/make-audit.html --max-pages 1 --settle-ms 1000 --browser-arg='--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'" \
    >"$WORK/make-audit.out" 2>&1 || status=$?
  if [[ $status == 0 ]] && grep -q 'data:image/png;base64,' "$WORK/make-audit.html"; then
    ok "the README's make audit line passes the demo and writes its report"
  else
    fail "the README's make audit line: exit $status"
    cat "$WORK/make-audit.out" >&2
  fi
else
  fail "the README's make audit line is not the one this test runs: $line"
fi

# 3. A page with a misspelt category and service.
audit misspelt 1 --config www/config/itsme.json --max-pages 1 --json "$WORK/misspelt.json" "$BASE/audit/tests/fixtures/misspelt-gate.html"
has "$WORK/misspelt.json" unknown-gate 'data-consent-category="analytcs"'
has "$WORK/misspelt.json" unknown-gate 'data-consent-service="at-internt"'

# 4. A page with a Meta Pixel's <noscript> image.
audit pixel 1 --config www/config/itsme.json --max-pages 1 --json "$WORK/pixel.json" "$BASE/audit/tests/fixtures/ungated-pixel.html"
has "$WORK/pixel.json" ungated-tag 'https://www.facebook.com/tr?id=000000000000000&ev=PageView&noscript=1'

# 5. A sitemap (audit/tests/fixtures/sitemap.xml, served as a download by the demo server).
audit sitemap 0 --config www/config/itsme.json --max-pages 2 --json "$WORK/sitemap.json" --sitemap "$BASE/audit/tests/fixtures/sitemap.xml"
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  process.exit(r.pages.map((p) => p.area).join() === "private,support" ? 0 : 1);
' "$WORK/sitemap.json" && ok "sitemap: its two pages audited" || fail "sitemap: pages"

# 6. Bad input: a clear message and exit 2, never a panic.
echo '{ "version": 1 }' >"$WORK/bad.json"
audit bad-config 2 --config "$WORK/bad.json" "$BASE/www/business.html"
grep -q 'is invalid' "$WORK/bad-config.err" && ok "bad-config: names the problem" || fail "bad-config: message"
audit bad-url 2 --config www/config/itsme.json 'not a url'
audit unreachable 2 --config www/config/itsme.json --timeout 10 "http://127.0.0.1:9/"
audit missing-page 2 --config www/config/itsme.json "$BASE/www/no-such-page.html"
grep -q 'HTTP 404' "$WORK/missing-page.err" && ok "missing-page: names the 404" || fail "missing-page: message"
if grep -qi panick "$WORK"/*.err; then fail "a run panicked"; else ok "no run panicked"; fi

echo "consent-audit e2e: $(( $(date +%s) - START )) s (after the build)"
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
