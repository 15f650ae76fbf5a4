# The two commands: `make run` (the app) and `make test` (everything CI runs).
# Both install the Debian packages they need when missing (as root, or through sudo).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Build and run the window.
APT_BUILD := libwebkit2gtk-4.1-dev pkg-config build-essential
# Tests: a virtual display, the WebKit WebDriver for the real window, Chromium for snippets,
# xclip to read the clipboard the window wrote; for the package test, Debian's validators of
# AppStream metadata and desktop entries, man to render the man pages, xprop to read the
# window's class.
APT_TEST := xvfb xauth webkit2gtk-driver chromium chromium-driver sqlite3 xclip \
  appstream desktop-file-utils man-db x11-utils
# packaging/ holds the Tauri CLI (its bundler) from npm, pinned by its lock file.
NPM_DIRS := tests/snippets tests/browser tests/e2e packaging

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
XVFB := $(shell [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || echo "xvfb-run -a -s '-screen 0 1280x800x24'")

.PHONY: help run build test test-fast lint e2e package test-package deps-build deps-test npm-deps \
  npm-packaging clean bench

help:
	@echo "make run        build and start the app on the default database"
	@echo "make test       everything CI runs: fmt, clippy, unit/integration tests, end-to-end tests, the .deb"
	@echo "make test-fast  the domain, store, diagnostics and CLI tests only (no WebKit build, no display)"
	@echo "make package    the installable .deb of the release build (target/release/bundle/deb/)"
	@echo "make bench      speed and memory vs the floor (blank Tauri window, sqlite3); table + target/bench/results.json"

# Installs the listed Debian packages that are not installed yet; says nothing otherwise.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps-build:
	$(call apt_install,$(APT_BUILD))

deps-test: deps-build
	$(call apt_install,$(APT_TEST))

# `npm ci` in each listed directory whose node_modules is missing or older than its lock file.
define npm_ci
	@for d in $(1); do \
	  [ -d $$d/node_modules ] && [ $$d/node_modules/.package-lock.json -nt $$d/package-lock.json ] || \
	    (cd $$d && npm ci --no-audit --no-fund --loglevel=error) || exit 1; \
	done
endef

npm-deps:
	$(call npm_ci,$(NPM_DIRS))

npm-packaging:
	$(call npm_ci,packaging)

build: deps-build
	cargo build -p cookie-admin

run: build
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "make run: no display (DISPLAY and WAYLAND_DISPLAY are unset); start it from a desktop session, or try: xvfb-run make run"; \
	  exit 1; \
	fi
	./target/debug/cookie-admin

lint: deps-build
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

test-fast:
	cargo test -p cookie-admin-core -p cookie-admin-store -p cookie-admin-diagnose -p cookie-admin-cli

# The end-to-end suites drive the app without Tauri's test feature, built with the `e2e`
# feature (the file-dialog hook the tests queue paths through; the shipped app has none). The
# feature belongs to the cookie-admin crate alone, so only that crate is rebuilt for it.
e2e: deps-test npm-deps
	cargo build -p cookie-admin -p cookie-admin-cli --features cookie-admin/e2e
	cd tests/snippets && node --test
	cd tests/browser && node --test
	$(XVFB) node --test --test-concurrency=1 tests/e2e/

# The package test bundles the debug binaries into a .deb, unpacks it and runs what it
# installed. They are built as they ship, without the e2e feature's test hook: after `make e2e`
# only the app crate itself is compiled again (Tauri and the CLI are not).
test-package: deps-test npm-deps
	cargo build -p cookie-admin -p cookie-admin-cli
	$(XVFB) node --test tests/package/

test: deps-test npm-deps lint
	cargo test --workspace
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory test-package

# The .deb of the release build, made by Tauri's bundler: `tauri build` compiles the app as it
# ships (release, with tauri/custom-protocol) and runs packaging/stage-cli.sh, which adds the
# release cookie-admin-cli, its man pages and completions (see bundle.linux.deb in
# src-tauri/tauri.conf.json). Install: sudo apt install ./target/release/bundle/deb/*.deb
package: deps-build npm-packaging
	cargo build --release -p cookie-admin-cli
	cd src-tauri && ../packaging/node_modules/.bin/tauri build --ci --bundles deb
	@ls -1 target/release/bundle/deb/*.deb

# Timing stays out of `make test`. Release builds of the app and of the blank-window fixture
# (benches/blank-window, its own workspace, built into target/), criterion, store benchmarks,
# Xvfb; see benches/run.py and docs/bench.md. BENCH_QUICK=1 for fewer repetitions.
bench: deps-test
	python3 benches/run.py

clean:
	cargo clean
