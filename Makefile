# bzconsent — build, demo and tests. Every target installs what it needs, idempotently.
#   make demo    build pkg/bzconsent.js and serve www/ at http://127.0.0.1:8000, with bzconsent-log
#                (SQLite in target/demo/) receiving the demo's consent log on 127.0.0.1:8081
#   make test    every test: cargo test, wasm-bindgen-test in headless Chromium, end-to-end in
#                Chromium, Firefox ESR and WebKit (ENGINE=firefox: one engine)
#   make build   pkg/bzconsent.js (the guard), pkg/bzconsent-ui.js (the UI), pkg/bzconsent.d.ts
#   make size    raw / gzip / brotli of pkg/'s files and their parts, against tools/size-budget.json
#   make bench   bzconsent against other consent widgets in headless Chromium -> bench/results.md
#   make test-server   bzconsent-log (server/): lint, then its tests on SQLite and on a throwaway
#                PostgreSQL (Debian's package)
#   make bench-log     bzconsent-log under concurrent load, SQLite and PostgreSQL -> bench/log-results.md
#   make fuzz    fuzz the record and configuration readers and json::decode, read as the guard reads
#                (tests/support/guard_stream.rs), FUZZ_SECONDS (60) each; not in `make test`
#   make scan URL=https://…   bzconsent scan (cli/): the page in headless Chromium before any choice,
#                after Reject all and after Accept all; SCAN_ARGS='--follow 5 --html scan.html'
#   make test-cli      the bzconsent command (cli/): lint, then its tests against local pages in Chromium

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

WASM_BINDGEN_VERSION := 0.2.130
TARGET := wasm32-unknown-unknown
CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CARGO_HOME)/bin:$(PATH)
export RUSTUP_AUTO_INSTALL := 0
OUT := target/pkg-build
# The release module is built by a pinned nightly that rebuilds the standard library for size:
# panics abort on the spot (no panic messages or locations), `{:?}` formats nothing. Everything
# else (tests, clippy, wasm-bindgen-test) uses the stable toolchain of rust-toolchain.toml.
NIGHTLY := nightly-2026-05-20
RELEASE_DIR := target/release-wasm
WASM := $(RELEASE_DIR)/$(TARGET)/release/bzconsent.wasm
GUARD_DIR := target/release-guard
GUARD_WASM := $(GUARD_DIR)/$(TARGET)/release/bzconsent.wasm
# Reproducible: no machine paths in the module.
SYSROOT = $(shell rustc --print sysroot)
NIGHTLY_SYSROOT = $(shell rustc +$(NIGHTLY) --print sysroot)
REMAP = --remap-path-prefix=$(CURDIR)=/bzconsent --remap-path-prefix=$(CARGO_HOME)=/cargo
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS = $(REMAP) --remap-path-prefix=$(SYSROOT)=/rust
RELEASE_RUSTFLAGS = $(REMAP) --remap-path-prefix=$(NIGHTLY_SYSROOT)=/rust \
  -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none \
  -Clink-arg=-zstack-size=131072
# wasm-opt: -Oz twice to a fixed point after flattening and re-looping the control flow (-0.6 kB
# brotli over plain -Oz); --low-memory-unused lets loads and stores fold constant offsets, as
# the lowest KiB of memory is the far end of the stack (-0.2 kB).
WASM_OPT_FLAGS := --flatten --rereloop -Oz -Oz --converge --low-memory-unused \
  --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-multivalue --enable-mutable-globals \
  --enable-call-indirect-overlong --strip-debug --strip-producers --strip-target-features
APT_PACKAGES := chromium chromium-driver firefox-esr webkit2gtk-driver xvfb brotli
GECKODRIVER_VERSION := 0.37.1
# Engines the end-to-end suite runs on (every test on each): `make test ENGINE=firefox` runs one.
ENGINE ?= chromium firefox webkit
SERVE_PORT ?= 8000
# make bench: loads per page and the benchmark server's port.
BENCH_RUNS ?= 15
BENCH_PORT ?= 8123
# make fuzz: cargo-fuzz needs a nightly toolchain, the same pinned NIGHTLY as the release build.
CARGO_FUZZ_VERSION := 0.13.2
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= record config json
# bzconsent-log: the demo's log server port, and Debian's PostgreSQL for its tests and benchmark.
LOG_PORT ?= 8081
PG_BIN := /usr/lib/postgresql/15/bin
export PG_BIN

.PHONY: build demo test tools rust-tools node-tools bench-tools browsers postgres server test-server test-benches bench-log test-host test-wasm test-types test-e2e lint check-pkg size screenshots bench clean fuzz fuzz-tools

.PHONY: scan test-cli

## Tools ------------------------------------------------------------------------------------

tools: rust-tools node-tools browsers

rust-tools:
	@rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
	@rustup target list --installed | grep -qx $(TARGET) || rustup target add $(TARGET)
	@rustup component list --toolchain $(NIGHTLY) --installed 2>/dev/null | grep -q '^rust-src' || \
	  rustup toolchain install $(NIGHTLY) --profile minimal --component rust-src --target $(TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 2 minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; fi

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

node-tools: node_modules/.package-lock.json

# The benchmark's own packages: the other widgets and puppeteer-core, pinned in bench/.
bench/node_modules/.package-lock.json: bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	@touch $@

bench-tools: bench/node_modules/.package-lock.json

browsers:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing$$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; fi
	@if [ "$$(geckodriver --version 2>/dev/null | head -1 | cut -d' ' -f2)" != "$(GECKODRIVER_VERSION)" ]; then \
	  echo "installing geckodriver $(GECKODRIVER_VERSION) (about 2 minutes)"; \
	  cargo install geckodriver --version $(GECKODRIVER_VERSION) --locked --force; fi

# PostgreSQL for bzconsent-log's tests (server/with-postgres.sh runs a throwaway one).
postgres:
	@if ! dpkg -s postgresql >/dev/null 2>&1 || [ ! -x $(PG_BIN)/pg_ctl ]; then echo "installing postgresql"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; fi

fuzz-tools:
	@rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
	@grep -q '^$(NIGHTLY)-' <<<"$$(rustup toolchain list)" || rustup toolchain install $(NIGHTLY) --profile minimal
	@dpkg -s g++ >/dev/null 2>&1 || { echo "installing g++ (libFuzzer is C++)"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq g++ >/dev/null; }
	@if [ "$$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $(CARGO_FUZZ_VERSION)" ]; then \
	  echo "installing cargo-fuzz $(CARGO_FUZZ_VERSION) (about 2 minutes)"; \
	  cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked --force; fi

## Build ------------------------------------------------------------------------------------

# Two builds of the crate: the guard's module (feature `guard`: no wasm-bindgen, no imports),
# inlined into the hooks of src/guard/page/ as pkg/bzconsent.js and into src/guard/sw.js as
# pkg/bzconsent-sw.js (the optional network shield); and the UI (feature `ui`, wasm-bindgen), as
# pkg/bzconsent-ui.js. Cargo.toml makes the crate an rlib only (see there why); the module is
# asked for here as a cdylib alone, so that the release profile's `lto = true` applies (with an
# rlib beside it cargo skipped LTO: the guard's module was 5 kB larger).
build: rust-tools node-tools
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(RELEASE_RUSTFLAGS)" \
	  cargo +$(NIGHTLY) rustc --release --locked --target $(TARGET) --lib --crate-type cdylib --target-dir $(GUARD_DIR) \
	  --no-default-features --features guard -Zbuild-std=std,panic_abort
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(RELEASE_RUSTFLAGS)" \
	  cargo +$(NIGHTLY) rustc --release --locked --target $(TARGET) --lib --crate-type cdylib --target-dir $(RELEASE_DIR) \
	  -Zbuild-std=std,panic_abort
	@mkdir -p $(OUT) pkg
	node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) $(GUARD_WASM) -o $(OUT)/guard.wasm
	node tools/guard.mjs src/guard/page $(OUT)/guard.wasm pkg/bzconsent.js $(OUT)/guard.min.js
	node tools/guard.mjs src/guard/sw.js $(OUT)/guard.wasm pkg/bzconsent-sw.js $(OUT)/sw.min.js
	wasm-bindgen --target no-modules --out-dir $(OUT) --no-typescript --omit-default-module-path \
	  --remove-name-section --remove-producers-section $(WASM)
	node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) $(OUT)/bzconsent_bg.wasm -o $(OUT)/bzconsent.opt.wasm
	node tools/assemble.mjs $(OUT)/bzconsent.js $(OUT)/bzconsent.opt.wasm pkg/bzconsent-ui.js
	cargo run -q --locked --example lang-files -- pkg
	cp src/bzconsent.d.ts pkg/bzconsent.d.ts

# bzconsent-log (debug build) keeps the demo's choices in target/demo/consents.db; the demo
# server passes /consent-log on to it, as a site's reverse proxy would.
server: rust-tools
	cargo build -p bzconsent-log --locked

demo: build server
	@mkdir -p target/demo
	@target/debug/bzconsent-log serve --db sqlite:target/demo/consents.db --listen 127.0.0.1:$(LOG_PORT) \
	  --site http://127.0.0.1:$(SERVE_PORT) --site http://localhost:$(SERVE_PORT) --real-ip-header X-Real-IP & \
	  log=$$!; trap 'kill $$log 2>/dev/null' EXIT; \
	  node tools/serve.mjs --port $(SERVE_PORT) --consent-log http://127.0.0.1:$(LOG_PORT)/consent

# bzconsent scan (cli/) on any page: `make scan URL=https://www.bzpak.com/`, more options in
# SCAN_ARGS (`bzconsent scan --help`). Exit status: 0 clean, 1 violations, 2 the scan failed.
scan: rust-tools browsers
	@[ -n "$(URL)" ] || { echo "usage: make scan URL=https://… [SCAN_ARGS='--follow 5 --json scan.json --html scan.html']"; exit 2; }
	cargo run -q -p bzconsent-cli --locked -- scan $(SCAN_ARGS) $(URL)

size: build
	@node tools/size.mjs

# Speed and size against other consent widgets (reported, never enforced; not part of make test).
bench: build browsers bench-tools
	BENCH_RUNS=$(BENCH_RUNS) BENCH_PORT=$(BENCH_PORT) node bench/run.mjs

# Banner and dialog, light/dark, desktop/phone, az/zh, into screenshots/.
screenshots: build browsers node-tools
	node tools/screenshots.mjs

## Tests ------------------------------------------------------------------------------------

test: tools lint test-host test-server test-cli test-benches build test-wasm test-types test-e2e check-pkg
	@echo "make test: all passed"

lint: rust-tools
	cargo fmt --check
	rustfmt --check --edition 2021 fuzz/fuzz_targets/*.rs
	cargo clippy --all-targets --locked -- -D warnings
	cargo clippy --all-targets --locked --target $(TARGET) -- -D warnings
	cargo clippy --lib --locked --target $(TARGET) --no-default-features --features guard -- -D warnings

test-host: rust-tools
	cargo test --locked

# bzconsent-log: the same store and HTTP tests on SQLite and on a throwaway PostgreSQL, the
# SIGKILL crash test, hostile bodies (server/tests/).
test-server: rust-tools postgres
	cargo clippy -p bzconsent-log --all-targets --locked -- -D warnings
	BZCONSENT_TEST_REQUIRE_POSTGRES=1 server/with-postgres.sh cargo test -p bzconsent-log --locked

# Every bench target of the workspace, built as `cargo bench` builds it and not run: the bench
# profile is the one where a crate can be built twice (unwinding for the benches, panic=abort
# for the binaries they start), which no other target of `make test` builds.
test-benches: rust-tools
	cargo bench --no-run --workspace --locked

# The bzconsent command (cli/): its unit tests, `check`, and `scan` against the demo and fixture
# pages served locally, in Debian's Chromium (required here: no silent skip).
test-cli: rust-tools browsers
	cargo clippy -p bzconsent-cli --all-targets --locked -- -D warnings
	BZCONSENT_TEST_REQUIRE_CHROMIUM=1 cargo test -p bzconsent-cli --locked

# Throughput and latency of bzconsent-log (reported, never enforced; not part of make test).
bench-log: rust-tools postgres
	server/with-postgres.sh cargo bench -p bzconsent-log --locked --bench log

test-wasm: rust-tools browsers
	CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --locked --target $(TARGET) --lib

# pkg/bzconsent.d.ts: an example using every member must compile.
test-types: build node-tools
	node_modules/.bin/tsc -p tests/types

test-e2e: build browsers node-tools
	node tests/e2e/trackers/fetch-sdks.mjs
	@failed=""; for engine in $(ENGINE); do echo "== end-to-end tests in $$engine"; \
	  ENGINE=$$engine node --test --test-concurrency=1 tests/e2e/ || failed="$$failed $$engine"; done; \
	if [ -n "$$failed" ]; then echo "end-to-end tests failed in:$$failed"; exit 1; fi

# The committed release files must be what the committed sources build; each within its size
# budget (tools/size-budget.json); and pkg/ must pack as the npm package a site installs.
PKG_FILES := pkg/bzconsent.js pkg/bzconsent-ui.js pkg/bzconsent-sw.js pkg/bzconsent.d.ts \
  $(foreach l,az en ru tr zh,pkg/bzconsent-lang-$(l).js)
check-pkg: build
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  for f in $(PKG_FILES); do \
	    if ! git show HEAD:$$f 2>/dev/null | cmp -s - $$f; then \
	      echo "$$f differs from the committed one: run 'make build' and commit pkg/"; exit 1; fi; \
	  done; echo "pkg/ matches a fresh build"; fi
	node tools/size.mjs --check
	node tools/pack-check.mjs

## Fuzzing ----------------------------------------------------------------------------------

# Each target starts from its checked-in corpus (tests/corpus/records, tests/corpus/configs; `json`
# from both) plus what earlier runs found (fuzz/corpus/, not committed); a crash is saved under
# fuzz/artifacts/.
fuzz: fuzz-tools
	cargo clippy --locked --manifest-path fuzz/Cargo.toml -- -D warnings
	@for t in $(FUZZ_TARGETS); do echo "== fuzzing $$t for $(FUZZ_SECONDS) s"; mkdir -p fuzz/corpus/$$t; \
	  seeds=tests/corpus/$${t}s; [ $$t != json ] || seeds="tests/corpus/records tests/corpus/configs"; \
	  cargo +$(NIGHTLY) fuzz run $$t fuzz/corpus/$$t $$seeds -- -dict=fuzz/json.dict \
	    -max_len=16384 -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 || exit 1; done

clean:
	cargo clean
	rm -rf fuzz/target
	rm -rf node_modules bench/node_modules
