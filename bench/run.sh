#!/bin/sh
# bench/run.sh -- `make bench`: throughput and memory figures.
#
# 1. builds the bench programs (mk/bench.mk: every bench/*.c);
# 2. assembles the corpus from ../shared/data (bench/mkcorpus.c) into
#    build/bench/corpus.bin (NUL-separated texts) and corpus.jsonl
#    ({"id","text"} lines, for `sitrep extract`); the texts are never
#    copied into the repository;
# 3. runs every section script bench/bench_*.sh in name order, or only
#    the sections named on the command line (`bench/run.sh text places`
#    runs bench_text.sh and bench_places.sh).
#
# A section prints its figures on stdout, one "name value unit" line each
# (anything else goes to stderr), and exits 0, or 77 to skip with a reason
# on its last stderr line.  A section gets in its environment:
#   SR_BENCH_CORPUS  the corpus prefix (add .bin or .jsonl)
#   SR_BENCH_RUNS    how many timed runs to take the median of (>= 5)
#   SR_BENCH_DIR     build/bench, for its scratch files
# Figures are printed and collected in build/bench/results.txt (which
# holds the sections of the last run only).
#
# Without ../shared/data (or $SR_SHARED_DATA) there is no corpus: the
# script says so and exits 0.
cd "$(dirname "$0")/.." || exit 2
shared=${SR_SHARED_DATA:-../shared/data}
if [ ! -d "$shared" ]; then
    echo "bench: $shared not found: no corpus to measure on; benchmarks skipped."
    exit 0
fi
if [ $# -gt 0 ]; then
    sections=""
    for n in "$@"; do
        [ -f "bench/bench_$n.sh" ] || { echo "bench: no section bench/bench_$n.sh" >&2; exit 2; }
        sections="$sections bench/bench_$n.sh"
    done
else
    sections=$(ls bench/bench_*.sh 2>/dev/null)
fi
make -j2 --no-print-directory bench-progs >/dev/null || { echo "bench: build failed" >&2; exit 1; }

export SR_BENCH_DIR=build/bench
export SR_BENCH_CORPUS=$SR_BENCH_DIR/corpus
export SR_BENCH_RUNS=${SR_BENCH_RUNS:-7}
[ "$SR_BENCH_RUNS" -lt 5 ] 2>/dev/null && SR_BENCH_RUNS=5
mkdir -p "$SR_BENCH_DIR"
# The corpus is rebuilt when missing or older than its builder; it is
# written under a temporary name and renamed, so a bench running at the
# same time never reads a half-written corpus.
if [ ! -s "$SR_BENCH_CORPUS.bin" ] || [ ! -s "$SR_BENCH_CORPUS.jsonl" ] ||
   [ build/bench/mkcorpus -nt "$SR_BENCH_CORPUS.bin" ]; then
    tmp=$SR_BENCH_CORPUS.tmp$$
    build/bench/mkcorpus "$shared" "$tmp" || { rm -f "$tmp.bin" "$tmp.jsonl"; echo "bench: no corpus assembled" >&2; exit 1; }
    mv -f "$tmp.jsonl" "$SR_BENCH_CORPUS.jsonl" && mv -f "$tmp.bin" "$SR_BENCH_CORPUS.bin" || exit 1
fi
echo "bench: corpus $SR_BENCH_CORPUS.bin: $(tr -cd '\000' <"$SR_BENCH_CORPUS.bin" | wc -c) documents, $(wc -c <"$SR_BENCH_CORPUS.bin") bytes"

results=$SR_BENCH_DIR/results.txt
{
    echo "# sitrep $(git describe --always --dirty 2>/dev/null || echo '?') bench, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "# $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'), median of $SR_BENCH_RUNS runs"
} >"$results"
status=0
for s in $sections; do
    [ -f "$s" ] || continue
    name=$(basename "$s" .sh)
    echo "== $name"
    out=$SR_BENCH_DIR/$name.out; log=$SR_BENCH_DIR/$name.log
    sh "$s" >"$out" 2>"$log"; rc=$?
    if [ $rc = 0 ]; then
        grep -E '^[A-Za-z0-9_.-]+ [-+0-9.eE]+ [^ ]+$' "$out" | tee -a "$results"
    elif [ $rc = 77 ]; then
        echo "skipped: $(tail -1 "$log")"
    else
        echo "FAILED (exit $rc; log: $log)"; tail -5 "$log" | sed 's/^/    /'
        status=1
    fi
done
echo "bench: figures written to $results"
exit $status
