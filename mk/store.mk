# mk/store.mk -- the incident database (src/store/, docs/store.md).
#
# `make bench-store` runs only the store section of `make bench` (ingest
# throughput on a generated corpus, query latency on 1M synthetic
# incidents); `make store-check` runs the store's unit and CLI tests.

.PHONY: bench-store store-check

bench-store: all bench-progs
	@SR_BENCH_DIR=build/bench SR_BENCH_CORPUS=build/bench/corpus \
	  SR_BENCH_RUNS=$${SR_BENCH_RUNS:-7} sh bench/bench_store.sh

store-check: all build/unit_tests
	@build/unit_tests store
	@for t in tests/cli/store_*.sh; do \
	  sh $$t >build/$$(basename $$t .sh).log 2>&1; rc=$$?; \
	  if [ $$rc = 0 ]; then echo "ok   $$t"; elif [ $$rc = 77 ]; then echo "skip $$t"; \
	  else echo "FAIL $$t (build/$$(basename $$t .sh).log)"; fi; done
