#!/bin/sh
# bench_incidents.sh -- the incident assembly stage alone, CPU time on one
# core (bench/bench_incidents.c); the full extraction is bench_extract.sh.
[ -f "$SR_BENCH_CORPUS.bin" ] || { echo "no corpus $SR_BENCH_CORPUS.bin" >&2; exit 77; }
[ -x build/bench/bench_incidents ] || make -j2 --no-print-directory build/bench/bench_incidents >&2 || exit 1
exec build/bench/bench_incidents "$SR_BENCH_CORPUS.bin" data "${SR_BENCH_RUNS:-7}"
