# consent-banner: `make demo` builds and serves the demo; `make test` runs every test layer.
# Both install what they lack (wasm32 target, wasm-bindgen CLI, Chromium, npm packages).

SHELL := /bin/bash
# A recipe that fails leaves no half-made target behind for the next make to trust.
.DELETE_ON_ERROR:
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
WB_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/[^0-9.]/,""); print}' Cargo.lock)
WASM := target/wasm32-unknown-unknown/release/consent_banner.wasm
# The crate version ([package] of Cargo.toml), stamped into pkg/package.json.
VERSION := $(shell awk -F'"' '/^\[/{p = ($$0 == "[package]")} p && /^version *=/{print $$2; exit}' Cargo.toml)
# The built-in texts, one file per language, downloaded only by a visitor shown that language.
I18N_FILES := $(patsubst src/i18n/%,pkg/i18n/%,$(wildcard src/i18n/*.json))
# The npm package is pkg/: wasm-bindgen's output plus what npm/ and www/ add to it.
NPM_FILES := pkg/package.json pkg/consent-banner.js pkg/consent-banner.css pkg/consent-banner.d.ts pkg/README.md \
  pkg/consent-banner-tags.js pkg/consent-banner-notice.js pkg/consent-banner-surfaces.js pkg/consent_banner_runtime.wasm pkg/consent_banner_first.wasm \
  pkg/consent_banner_runtime_surfaces.wasm pkg/consent_banner_first_surfaces.wasm \
  pkg/consent-banner-first.js pkg/consent-banner-check.js pkg/consent-banner-check.wasm \
  pkg/consent-banner.schema.json $(I18N_FILES)
# The returning-visitor runtime: the crate without its `full` feature (no std, no wasm-bindgen),
# in its own target directory so that neither build invalidates the other.
RUNTIME_WASM := target/runtime/wasm32-unknown-unknown/release/consent_banner.wasm
# The first-visit module: the same std-free build with the `first` feature (config validator,
# banner markup, choices), in its own target directory too.
FIRST_WASM := target/first/wasm32-unknown-unknown/release/consent_banner.wasm
# The two std-free modules are linked without names and with compact relocations: wasm-ld pads
# every function index and address in the code to 5 bytes unless told otherwise (the runtime
# 20.6 → 18.8 KB, the first-visit module 114.9 → 105.3 KB; 3-4 % less after brotli).
SMALL_WASM_FLAGS := -C link-arg=--strip-all -C link-arg=--compress-relocations
# binaryen (from npm: Debian's binaryen 108 corrupts wasm output) on both std-free modules. -O1,
# not -Oz or -Os: their inlining makes the code smaller but brotli's output larger (first-visit
# module 39.9 KB unoptimised, 41.0 with -Oz, 39.0 with -O1; runtime 7.7, 7.05, 6.99 KB). The
# features are those rustc enables for this target.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int
SOURCES := Cargo.toml Cargo.lock $(shell find src -name '*.rs' -o -name '*.js' -o -name '*.json')
EXAMPLE_WASM := target/wasm32-unknown-unknown/release/examples/yew_app.wasm
# `check` for Node (`npx consent-banner-check`): the same program built for WASI.
CHECK_WASM := target/wasi/wasm32-wasip1/release/check.wasm

.PHONY: demo build example records-bin test test-host test-records test-wasm test-e2e test-firefox test-webkit test-audit audit lint tools browsers firefox webkit postgres node clean bench screenshots docs-screenshots

demo: build example node records-bin
	scripts/demo.sh $(PORT)

# The consent-records service's binary (debug: what the demo and the end-to-end tests run).
records-bin:
	cargo build -p consent-records --locked --bin consent-records

build: tools node pkg/consent_banner_bg.wasm $(NPM_FILES)

pkg/consent_banner_bg.wasm: $(SOURCES) scripts/short-imports.mjs node_modules/.package-lock.json
	@# Without the default `texts` feature: the module downloads the built-in texts it shows (pkg/i18n/).
	cargo build --release --locked --target wasm32-unknown-unknown --lib --no-default-features --features pkg
	rm -rf pkg/snippets
	wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir pkg $(WASM)
	@# binaryen after wasm-bindgen, as for the std-free modules at -O1 (their reasons): 470.1 → 451.6 KB,
	@# 140.7 → 139.3 KB brotli with --converge (-O1 alone 139.8; -Os 145.1, -Oz 145.3, -O2 145.6).
	@# Rust's wasm32 target also enables reference types (wasm-bindgen's externref table) and multivalue.
	npx --no-install wasm-opt -O1 --converge $(WASM_OPT_FEATURES) --enable-reference-types --enable-multivalue \
	  pkg/consent_banner_bg.wasm -o pkg/consent_banner_bg.wasm
	@# The glue is 60 KB of JavaScript a first visit parses before the wasm starts: minified, 26 KB.
	npx --no-install terser pkg/consent_banner.js --module --compress --mangle --output pkg/consent_banner.js
	@# The imports from the glue renamed a, b, ..., the closures' exports c0, c1, ..., in both files:
	@# their names carry hashes that brotli cannot compress (wasm 138.7 → 136.1 KB brotli, glue 6.3 → 4.2).
	node scripts/short-imports.mjs pkg/consent_banner_bg.wasm pkg/consent_banner.js

pkg/consent_banner_runtime.wasm: $(SOURCES) node_modules/.package-lock.json | pkg/consent_banner_bg.wasm
	RUSTFLAGS="$(SMALL_WASM_FLAGS)" cargo build --release --locked --target wasm32-unknown-unknown --lib \
	  --no-default-features --target-dir target/runtime
	npx --no-install wasm-opt -O1 $(WASM_OPT_FEATURES) $(RUNTIME_WASM) -o $@
	@# It must stay free of wasm-bindgen and the web-sys shims: the loader gives it no imports.
	node -e "const m = new WebAssembly.Module(require('fs').readFileSync('$@')); \
	  const i = WebAssembly.Module.imports(m); if (i.length) { console.error('runtime wasm imports', i); process.exit(1); }"

pkg/consent_banner_first.wasm: $(SOURCES) node_modules/.package-lock.json | pkg/consent_banner_bg.wasm
	RUSTFLAGS="$(SMALL_WASM_FLAGS)" cargo build --release --locked --target wasm32-unknown-unknown --lib \
	  --no-default-features --features first --target-dir target/first
	node -e "const m = new WebAssembly.Module(require('fs').readFileSync('$(FIRST_WASM)')); \
	  const i = WebAssembly.Module.imports(m); if (i.length) { console.error('first-visit wasm imports', i); process.exit(1); }"
	npx --no-install wasm-opt -O1 $(WASM_OPT_FEATURES) $(FIRST_WASM) -o $@

# Their variants for a page with placeholders or cookie tables (feature `surfaces`), which the
# loader picks there: the other pages' modules never carry that code (runtime 7.1 → 10.4 KB,
# first-visit module 39.1 → 45.4 KB brotli).
pkg/consent_banner_runtime_surfaces.wasm: $(SOURCES) node_modules/.package-lock.json | pkg/consent_banner_bg.wasm
	RUSTFLAGS="$(SMALL_WASM_FLAGS)" cargo build --release --locked --target wasm32-unknown-unknown --lib \
	  --no-default-features --features surfaces --target-dir target/runtime-surfaces
	npx --no-install wasm-opt -O1 $(WASM_OPT_FEATURES) target/runtime-surfaces/wasm32-unknown-unknown/release/consent_banner.wasm -o $@
	node -e "const m = new WebAssembly.Module(require('fs').readFileSync('$@')); \
	  const i = WebAssembly.Module.imports(m); if (i.length) { console.error('runtime wasm imports', i); process.exit(1); }"

pkg/consent_banner_first_surfaces.wasm: $(SOURCES) node_modules/.package-lock.json | pkg/consent_banner_bg.wasm
	RUSTFLAGS="$(SMALL_WASM_FLAGS)" cargo build --release --locked --target wasm32-unknown-unknown --lib \
	  --no-default-features --features first,surfaces --target-dir target/first-surfaces
	npx --no-install wasm-opt -O1 $(WASM_OPT_FEATURES) target/first-surfaces/wasm32-unknown-unknown/release/consent_banner.wasm -o $@
	node -e "const m = new WebAssembly.Module(require('fs').readFileSync('$@')); \
	  const i = WebAssembly.Module.imports(m); if (i.length) { console.error('first-visit wasm imports', i); process.exit(1); }"

# Whitespace dropped (a third of a file's raw bytes); the text is what src/i18n/ says.
pkg/i18n/%.json: src/i18n/%.json | pkg/consent_banner_bg.wasm
	@mkdir -p pkg/i18n
	node -e "const fs = require('fs'); fs.writeFileSync('$@', JSON.stringify(JSON.parse(fs.readFileSync('$<', 'utf8'))))"

# tags.js, imported from beside them by the full module (feature `pkg`) and the loader's runtime.
pkg/consent-banner-tags.js: src/browser/tags.js node_modules/.package-lock.json | pkg/consent_banner_bg.wasm
	npx --no-install terser $< --module --compress --mangle --output $@

# Placeholders and cookie tables, imported by the loader only on a page that has some.
# It carries the stylesheet's page part (its `const CSS = '';` filled in), as consent-banner-first.js
# carries the first layer's: one request fewer on such a page.
pkg/consent-banner-surfaces.js: src/browser/surfaces.js www/consent-banner.css scripts/first-css.mjs scripts/fill-css.mjs node_modules/.package-lock.json | pkg/consent_banner_bg.wasm
	node scripts/first-css.mjs www/consent-banner.css --page > $@.css
	node scripts/fill-css.mjs $< $@.css $@.tmp.js
	rm $@.css
	npx --no-install terser $@.tmp.js --module --compress --mangle --output $@
	rm $@.tmp.js

# The debug notice, imported by tags.js only when it shows (diagnostics on, a config that cannot be used).
pkg/consent-banner-notice.js: src/browser/notice.js node_modules/.package-lock.json | pkg/consent_banner_bg.wasm
	npx --no-install terser $< --module --compress --mangle --output $@

# V8's explicit compile hint must stay the first line of a minified script (terser keeps the
# comment; V8 reads it only there). Fails the rule, and .DELETE_ON_ERROR removes its output.
check_compile_hint = @head -c 29 $@ | grep -qx '//\# allFunctionsCalledOnLoad' || { echo '$@: the compile hint is not on its first line' >&2; exit 1; }

# The first visit's page work, imported by the loader beside the first-visit wasm. It carries the
# minified stylesheet (its `const CSS = '';` filled in): one request fewer for every first visit.
# Only what the first layer uses (scripts/first-css.mjs): not the page's part (placeholders,
# policy tables), nor the privacy centre's rules, for which the full module links the whole file.
pkg/consent-banner-first.js: src/browser/first.js www/consent-banner.css scripts/first-css.mjs scripts/fill-css.mjs node_modules/.package-lock.json | pkg/consent_banner_bg.wasm
	node scripts/first-css.mjs www/consent-banner.css > $@.css
	node scripts/fill-css.mjs $< $@.css $@.tmp.js
	rm $@.css
	npx --no-install terser $@.tmp.js --module --compress --mangle --comments '/^# allFunctionsCalledOnLoad$$/' --output $@
	$(check_compile_hint)
	rm $@.tmp.js

pkg/package.json: npm/package.json.in Cargo.toml | pkg/consent_banner_bg.wasm
	@test -n "$(VERSION)" || { echo "no version in Cargo.toml's [package]" >&2; exit 1; }
	sed 's/@VERSION@/$(VERSION)/' $< > $@

# Inside the package the loader sits beside the module: its default module URL changes, and it
# is minified (the package is what sites serve; www/ keeps the readable source).
pkg/consent-banner.js: www/consent-banner.js node_modules/.package-lock.json | pkg/consent_banner_bg.wasm
	sed "s|'\.\./pkg/consent_banner\.js'|'./consent_banner.js'|" $< > $@.tmp
	@grep -q "'\./consent_banner\.js'" $@.tmp || { echo "$<: its default module URL '../pkg/consent_banner.js' was not found" >&2; rm $@.tmp; exit 1; }
	npx --no-install terser $@.tmp --compress --mangle --comments '/^!|^# allFunctionsCalledOnLoad$$/' --output $@
	$(check_compile_hint)
	rm $@.tmp

# Minified (csso, without restructuring): comments are a third of its bytes after brotli.
pkg/consent-banner.css: www/consent-banner.css node_modules/.package-lock.json | pkg/consent_banner_bg.wasm
	npx --no-install csso $< --no-restructure -o $@

pkg/consent-banner.d.ts pkg/README.md pkg/consent-banner.schema.json: pkg/%: npm/% | pkg/consent_banner_bg.wasm
	cp $< $@

# The validator and linter for `npx consent-banner-check`: src/bin/check.rs itself, built for
# wasm32-wasip1 (no web dependency) and run by Node's WASI from npm/check.js.
pkg/consent-banner-check.wasm: $(SOURCES) | pkg/consent_banner_bg.wasm
	cargo build --release --locked --target wasm32-wasip1 --bin check --target-dir target/wasi
	cp $(CHECK_WASM) $@

pkg/consent-banner-check.js: npm/check.js | pkg/consent_banner_bg.wasm
	cp $< $@
	chmod +x $@

# The Yew example app (examples/yew_app.rs), served at /examples/yew-app/index.html.
example: tools examples/yew-app/pkg/yew_app_bg.wasm

examples/yew-app/pkg/yew_app_bg.wasm: $(SOURCES) examples/yew_app.rs examples/yew-app/config.json
	cargo build --release --locked --target wasm32-unknown-unknown --example yew_app
	wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir examples/yew-app/pkg $(EXAMPLE_WASM)

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WB_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WB_VERSION) (about 2.5 minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WB_VERSION); fi

# A site audited against its config (audit/, consent-audit) in Debian's chromium: every cookie,
# storage key and request before a choice, after Reject all, after Accept all and after a
# withdrawal, and every gate that names nothing. Exits 1 on an error-severity finding.
#   make audit URL=https://www.example.com/ CONFIG=site.json [ARGS="--json r.json --html r.html"]
audit: browsers
	@test -n "$(URL)" && test -n "$(CONFIG)" || \
	  { echo 'usage: make audit URL=https://... CONFIG=site.json [ARGS="--json report.json --html report.html"]' >&2; exit 2; }
	cargo run --release --locked -p consent-audit -- --config "$(CONFIG)" $(ARGS) $(foreach u,$(URL),'$(u)')

# consent-audit's host tests, then its end-to-end test against the demo (audit/tests/e2e.sh;
# 2 to 3 minutes after the build).
test-audit: build records-bin browsers node
	cargo test -p consent-audit --locked
	audit/tests/e2e.sh

# Debian's PostgreSQL, for the consent-records service's tests (records/test-postgres.sh).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

browsers:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

# Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (npm) for the second engine.
firefox:
	@command -v firefox-esr >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr; }

# The first visit, Accept all, a returning visitor and the privacy centre in Firefox.
test-firefox: build firefox node
	node tests/firefox/smoke.mjs

# WebKit: Debian's WebKitGTK (WebKitWebDriver driving MiniBrowser) under a virtual X server.
webkit:
	@{ command -v WebKitWebDriver && command -v xvfb-run; } >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq webkit2gtk-driver xvfb xauth; }

# The same checks in WebKit.
test-webkit: build webkit node
	xvfb-run -a node tests/webkit/smoke.mjs

node: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

test: lint test-host test-records test-wasm test-e2e test-firefox test-webkit test-audit
	@echo "all test layers passed"

lint: tools node
	python3 scripts/pages.py --check
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy -p consent-records --locked --all-targets -- -D warnings
	cargo fmt -p consent-audit --check
	cargo clippy -p consent-audit --locked --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib --test browser -- -D warnings
	RUSTFLAGS="$(SMALL_WASM_FLAGS)" cargo clippy --locked --target wasm32-unknown-unknown --lib \
	  --no-default-features --target-dir target/runtime -- -D warnings
	RUSTFLAGS="$(SMALL_WASM_FLAGS)" cargo clippy --locked --target wasm32-unknown-unknown --lib \
	  --no-default-features --features first --target-dir target/first -- -D warnings
	cargo clippy --locked --target wasm32-wasip1 --bin check --target-dir target/wasi -- -D warnings
	npx --no-install tsc --noEmit --strict npm/typecheck.ts
	@# No module cycles, over Rust use paths and JavaScript imports.
	node scripts/cycles.mjs

test-host:
	cargo test --locked
	@# The first-visit module as the script tag ships it: built-in texts downloaded, not compiled in.
	cargo test --locked --no-default-features --features first --test lazy_texts
	cargo run --quiet --locked --bin check -- www/config/*.json bench/config.json bench/config-embeds.json

# The consent-records service (records/): its tests on SQLite, then on a throwaway PostgreSQL,
# then the real binary's reliability checks (kill -9 under load, two instances, bad input; ~30 s).
test-records: postgres
	cargo test -p consent-records --locked
	records/test-postgres.sh
	records/reliability.sh quick
	records/readme.sh

# The service's measurements for the README, on the release build: the reliability and abuse
# checks, receipts/s with p50/p99 on both engines at 1, 16 and 64 connections, and 10 million
# receipts seeded on each engine with the statistics and the dashboard timed (about 30 minutes).
# The table is printed and written to target/bench-records.md.
.PHONY: bench-records
bench-records: postgres
	RELIABILITY_PROFILE=$${RELIABILITY_PROFILE:-release} records/reliability.sh full

test-wasm: tools browsers
	CHROMEDRIVER=$$(command -v chromedriver) WASM_BINDGEN_TEST_TIMEOUT=60 \
	  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --locked --target wasm32-unknown-unknown --test browser

test-e2e: build example records-bin browsers node
	npx playwright test

# Side-by-side benchmark against vanilla-cookieconsent 3.1.0 (N cold runs each, default 7);
# prints a table and writes it to bench/results.md.
bench: build browsers node
	node bench/run.mjs

# Banner, notice and privacy centre at 375 and 1280 px, light and dark, then one picture per
# layout and theme, one of the nine positions (options-*.png), the consent-records dashboard
# after twelve choices and, when consent-audit's release build is there, its HTML report of three
# failing demo pages, into screenshots/.
screenshots: build records-bin browsers node
	node tests/screenshots.mjs

# Refresh the README's pictures (committed), the audit report's with them (its build: about 5
# minutes the first time).
docs-screenshots: build records-bin browsers node
	cargo build --release --locked -p consent-audit --bin consent-audit
	node tests/screenshots.mjs
	cp screenshots/{banner-1280-light,banner-375-dark,privacy-centre-1280-light,privacy-centre-375-dark}.png docs/screenshots/
	cp screenshots/options-{layout-box,layout-bar,layout-cloud,theme-light,theme-dark,positions}.png docs/screenshots/
	cp screenshots/{dashboard,audit-report,placeholders}.png docs/screenshots/

clean:
	rm -rf pkg target node_modules test-results
