# mk/bench.mk -- benchmark programs (`make bench` runs bench/run.sh).
#
# Every bench/*.c but bench_util.c is one program, build/bench/<name>,
# linked with bench/bench_util.c (clocks, medians, memory, result lines)
# and the library; bench/run.sh builds them with `make bench-progs`,
# assembles the corpus from ../shared/data and runs every bench/bench_*.sh
# section.

BENCH_UTIL := bench/bench_util.c
BENCH_SRC := $(sort $(filter-out $(BENCH_UTIL),$(wildcard bench/*.c)))
BENCH_BIN := $(BENCH_SRC:bench/%.c=build/bench/%)

.PHONY: bench-progs
bench-progs: $(BENCH_BIN)

build/bench/%: bench/%.c $(BENCH_UTIL) bench/bench_util.h build/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $< $(BENCH_UTIL) build/libsitrep.a $(LDLIBS)
