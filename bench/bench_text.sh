#!/bin/sh
# bench_text.sh -- the text core (tokenize, sentences, numbers, lexicon
# scan) on one core: see bench/bench_text.c.  Issue 2 asks >= 50 MB/s.
exec build/bench/bench_text "$SR_BENCH_CORPUS.bin" data/lexicons "$SR_BENCH_RUNS"
