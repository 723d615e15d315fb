#!/bin/sh
# bench_extract.sh -- full extraction (`sitrep extract`, every stage and the
# sitrep/1 writer) on the bench corpus: throughput in MB/s and documents/s
# with one worker and with -j 2, and peak memory (maximum resident set).
#
# Memory must stay flat per document: a document's arena is freed after it
# is written, so peak memory depends on the largest document, not on how
# many there are.  Two checks:
#   - one 1 MB document (the corpus texts joined) -> extract_1mb_* figures;
#   - 1,000 and 10,000 small documents (the first lines of the corpus,
#     repeated) -> peak memory of both; their ratio is printed and must be
#     below 1.5 (the section fails otherwise).
# Wall-clock figures depend on the machine's load; the CPU figure (user +
# system time) is the per-core throughput.  Timings are the median of SR_BENCH_RUNS runs (bench/run.sh sets it;
# the 1 MB document and the 1k/10k runs are timed once) and include engine
# start-up, which is measured on its own (one tiny document).
#
# Needs GNU time (/usr/bin/time) for peak memory; skips (77) without it or
# without the corpus.
dir=${SR_BENCH_DIR:-build/bench}
corpus=${SR_BENCH_CORPUS:-$dir/corpus}.jsonl
runs=${SR_BENCH_RUNS:-7}
bin=build/sitrep
[ -f "$corpus" ] || { echo "no corpus $corpus (run make bench)" >&2; exit 77; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) not installed" >&2; exit 77; }
[ -x "$bin" ] || make -j2 --no-print-directory "$bin" >&2 || exit 1
mkdir -p "$dir"
export SITREP_DATA="${SITREP_DATA:-$PWD/data}"

# one timed run: prints "wall_seconds peak_kb cpu_seconds" of `sitrep extract ARGS`
run_once() {
    /usr/bin/time -f "%e %M %U %S" -o "$dir/extract.time" "$bin" extract "$@" >/dev/null 2>"$dir/extract.err" ||
        { echo "sitrep extract $* failed:" >&2; cat "$dir/extract.err" >&2; return 1; }
    awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$dir/extract.time"
}

# median wall seconds, max peak and median CPU seconds over $runs runs
measure() {
    i=0; : >"$dir/extract.runs"
    while [ $i -lt "$runs" ]; do
        run_once "$@" >>"$dir/extract.runs" || return 1
        i=$((i + 1))
    done
    c=$(awk '{ print $3 }' "$dir/extract.runs" | sort -n | awk -v n="$runs" '{ v[NR] = $1 } END { print v[int((n + 1) / 2)] }')
    sort -n "$dir/extract.runs" | awk -v n="$runs" -v c="$c" '{ t[NR] = $1; if ($2 > m) m = $2 }
        END { printf "%s %d %s\n", t[int((n + 1) / 2)], m, c }'
}

bytes=$(wc -c <"$corpus")
docs=$(wc -l <"$corpus")

printf '{"id":"tiny","text":"Gunmen attacked a bus on Monday."}\n' >"$dir/tiny.jsonl"
set -- $(measure "$dir/tiny.jsonl") || exit 1
echo "extract_startup_s $1 s"
echo "extract_startup_peak_mb $(awk -v k="$2" 'BEGIN { printf "%.1f", k / 1024 }') MB"

for j in 1 2; do
    set -- $(measure -j $j "$corpus") || exit 1
    awk -v s="$1" -v b="$bytes" -v d="$docs" -v k="$2" -v c="$3" -v j="$j" 'BEGIN {
        if (s <= 0) s = 0.01
        if (c <= 0) c = 0.01
        printf "extract_j%d_mb_per_s %.2f MB/s\n", j, b / s / 1e6
        printf "extract_j%d_docs_per_s %.0f docs/s\n", j, d / s
        printf "extract_j%d_cpu_mb_per_s_per_core %.2f MB/s\n", j, b / c / 1e6
        printf "extract_j%d_peak_mb %.1f MB\n", j, k / 1024 }'
done

# one 1 MB document: corpus texts joined with blank lines
awk -F'"text":"' -v max="${SR_BENCH_BIG_BYTES:-1048576}" 'NF > 1 { t = $2; sub(/"}$/, "", t); s = s t "\\n\\n"; if (length(s) > max) exit }
    END { printf "{\"id\":\"big\",\"text\":\"%s\"}\n", s }' "$corpus" >"$dir/big.jsonl"
big=$(wc -c <"$dir/big.jsonl")
set -- $(run_once "$dir/big.jsonl") || exit 1   # one run: it is the slow one
awk -v s="$1" -v b="$big" -v k="$2" 'BEGIN { if (s <= 0) s = 0.01
    printf "extract_1mb_doc_s %.2f s\n", s
    printf "extract_1mb_doc_mb_per_s %.2f MB/s\n", b / s / 1e6
    printf "extract_1mb_doc_peak_mb %.1f MB\n", k / 1024 }'

# 1,000 and 10,000 small documents: flat memory
head -200 "$corpus" | awk '{ for (i = 0; i < 5; i++) { sub(/^\{"id":"/, "{\"id\":\"r" i "-"); print } }' >"$dir/small1k.jsonl"
: >"$dir/small10k.jsonl"
i=0; while [ $i -lt 10 ]; do cat "$dir/small1k.jsonl" >>"$dir/small10k.jsonl"; i=$((i + 1)); done
set -- $(run_once "$dir/small1k.jsonl") || exit 1; p1=$2
set -- $(run_once "$dir/small10k.jsonl") || exit 1; p10=$2; s10=$1
n10=$(wc -l <"$dir/small10k.jsonl")
awk -v a="$p1" -v b="$p10" -v s="$s10" -v n="$n10" 'BEGIN { if (s <= 0) s = 0.01
    printf "extract_small1k_peak_mb %.1f MB\n", a / 1024
    printf "extract_small10k_peak_mb %.1f MB\n", b / 1024
    printf "extract_small10k_docs_per_s %.0f docs/s\n", n / s
    printf "extract_small_peak_ratio %.2f x\n", b / a
    if (b / a >= 1.5) { print "memory grows with the number of documents" > "/dev/stderr"; exit 1 } }'
