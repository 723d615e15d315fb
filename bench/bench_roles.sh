#!/bin/sh
# bench_roles.sh -- the role tagger stage alone, CPU time on one core
# (bench/bench_roles.c); the full extraction is bench_extract.sh.
[ -f "$SR_BENCH_CORPUS.bin" ] || { echo "no corpus $SR_BENCH_CORPUS.bin" >&2; exit 77; }
[ -x build/bench/bench_roles ] || make -j2 --no-print-directory build/bench/bench_roles >&2 || exit 1
exec build/bench/bench_roles "$SR_BENCH_CORPUS.bin" data "${SR_BENCH_RUNS:-7}"
