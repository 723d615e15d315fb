# mk/serve.mk -- sitrep serve: the web UI's assets and the server's tests
# and benchmark.
#
# The UI is built from web/ (hand-written src/ + files copied from the npm
# packages Leaflet, topojson-client and world-atlas) into build/web/, and
# shipped beside the binary: build/sitrep serves <its directory>/web
# (or --web DIR, $SITREP_WEB).  Files are read into memory once at start-up
# (src/serve/assets.c); nothing is fetched from the internet at run time.
# `make all` builds it; the npm packages come from scripts/deps.d/40-web.sh
# (run here when missing).
#
# `make serve-check` runs the serve unit tests and tests/cli/serve_*.sh;
# `make bench-serve` the load test (also part of `make bench`).

WEB_SRC := $(wildcard web/src/*) web/build.js web/package.json

all: build/web/index.html

build/web/index.html: $(WEB_SRC)
	@[ -f web/node_modules/leaflet/package.json ] || sh scripts/deps.d/40-web.sh
	@node web/build.js build/web

.PHONY: serve-check bench-serve
serve-check: all build/unit_tests
	@build/unit_tests serve
	@for t in tests/cli/serve_*.sh; do \
	  sh $$t >build/$$(basename $$t .sh).log 2>&1; rc=$$?; \
	  if [ $$rc = 0 ]; then echo "ok   $$t"; elif [ $$rc = 77 ]; then echo "skip $$t: $$(tail -1 build/$$(basename $$t .sh).log)"; \
	  else echo "FAIL $$t (build/$$(basename $$t .sh).log)"; fi; done

bench-serve: all bench-progs
	@sh bench/bench_serve.sh
