#!/bin/sh
# bench_places.sh -- the gazetteer's load time and size, and toponyms
# recognised and resolved per second on the bench corpus
# (bench/bench_places.c).  Builds data/gazetteer.bin when missing.
dir=${SR_BENCH_DIR:-build/bench}
runs=${SR_BENCH_RUNS:-7}
corpus=${SR_BENCH_CORPUS:-$dir/corpus}.bin
[ -f "$corpus" ] || { echo "no bench corpus at $corpus" >&2; exit 77; }
[ -f data/gazetteer.bin ] || make --no-print-directory data >&2 ||
    { echo "gazetteer not built" >&2; exit 77; }
[ -x build/bench/bench_places ] || make -j2 --no-print-directory build/bench/bench_places >&2 || exit 1
exec build/bench/bench_places data/gazetteer.bin "$corpus" "$runs"
