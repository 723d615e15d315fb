# mk/bench.mk -- benchmark programs (`make bench` runs bench/run.sh).
#
# Every bench/*.c is one program, build/bench/<name>, linked with the
# library; bench/run.sh builds them with `make bench-progs`, assembles the
# corpus from ../shared/data and runs every bench/bench_*.sh section.

BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=build/bench/%)

.PHONY: bench-progs
bench-progs: $(BENCH_BIN)

build/bench/%: bench/%.c build/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $< build/libsitrep.a $(LDLIBS)
