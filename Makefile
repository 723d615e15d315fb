# sitrep -- build, test, demo.  `make` builds build/sitrep and the library;
# `make demo` and `make check` are the two commands of the README.
#
# Sources are found by wildcard: a new src/<module>/<file>.c is part of the
# library, a new tests/unit/test_*.c part of the unit tests, a new
# tests/fuzz/fuzz_*.c a fuzz harness.  Rules that belong to one module
# (building the gazetteer, training a model, an evaluation) live in
# mk/<module>.mk and are included below.

include mk/config.mk

LIB_SRC  := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

LIB_OBJ  := $(LIB_SRC:%.c=build/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=build/obj/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=build/obj/%.o)
ASAN_LIB_OBJ  := $(LIB_SRC:%.c=build/asan/obj/%.o)
ASAN_CLI_OBJ  := $(CLI_SRC:%.c=build/asan/obj/%.o)
ASAN_UNIT_OBJ := $(UNIT_SRC:%.c=build/asan/obj/%.o)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)

.PHONY: print-debian-pkgs all deps demo check test unit asan fuzz fuzz-smoke bench eval clean data
.DEFAULT_GOAL := all

all: build/sitrep build/libsitrep.a build/libsitrep.so data

# Install what is missing (Debian packages with apt-get, npm packages).
deps:
	@scripts/deps.sh

build/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CPPFLAGS) -MMD -MP -c $< -o $@

build/pic/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CPPFLAGS) -fPIC -MMD -MP -c $< -o $@

build/asan/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) $(CPPFLAGS) -MMD -MP -c $< -o $@

build/libsitrep.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

build/libsitrep.so: $(LIB_SRC:%.c=build/pic/%.o)
	$(CC) -shared -o $@ $^ $(LDLIBS)

build/sitrep: $(CLI_OBJ) build/libsitrep.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) build/libsitrep.a $(LDLIBS)

build/unit_tests: $(UNIT_OBJ) build/libsitrep.a
	$(CC) $(CFLAGS) -o $@ $(UNIT_OBJ) build/libsitrep.a $(LDLIBS)

build/asan/sitrep: $(ASAN_CLI_OBJ) $(ASAN_LIB_OBJ)
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(LDLIBS)

build/asan/unit_tests: $(ASAN_UNIT_OBJ) $(ASAN_LIB_OBJ)
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(LDLIBS)

asan: build/asan/sitrep build/asan/unit_tests

# libFuzzer harnesses (clang): one binary per tests/fuzz/fuzz_*.c, all
# linked against one instrumented copy of the library.
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=build/fuzz/obj/%.o)

build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) $(CPPFLAGS) -MMD -MP -c $< -o $@

build/fuzz/libsitrep.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

build/fuzz/%: tests/fuzz/%.c build/fuzz/libsitrep.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(CPPFLAGS) -o $@ $< build/fuzz/libsitrep.a $(LDLIBS)

fuzz: $(FUZZ_BIN)

# The README's test command.
check: deps
	@$(MAKE) --no-print-directory all build/unit_tests asan fuzz
	@tests/run.sh

test: check

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo.sh

bench: all
	@bench/run.sh

print-debian-pkgs:
	@echo $(DEBIAN_PKGS)

clean:
	rm -rf build

-include mk/*.mk

# Evaluations on ../shared/data: each module's mk file adds its target to
# EVALS (e.g. `EVALS += eval-geo`).
eval: all $(EVALS)
-include $(shell find build -name '*.d' 2>/dev/null)
