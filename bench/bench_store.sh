#!/bin/sh
# bench_store.sh -- the incident store (issue 6):
#
# 1. ingest throughput, extraction included: `sitrep ingest -j N` (N =
#    $SR_BENCH_STORE_JOBS, default 2) of a
#    corpus of $SR_BENCH_STORE_DOCS documents (default 100,000) generated
#    at bench time from the bench corpus (../shared/data texts): copy k of
#    article i gets the id "c<k>-<i>-<id>" and a one-line preface, so every
#    document is new to the store and copies of one story merge as reports
#    of one incident.  Nothing is written into the repository.  Figures:
#    documents/s by the wall clock, and by CPU time (user + sys: the
#    machine is shared, and the CPU figure does not depend on its load),
#    the main thread's CPU reading and storing (from ingest's summary), the
#    load average before and after; then a second run over the same corpus (every document unchanged:
#    the resume speed).
# 2. query latency on $SR_BENCH_STORE_INCIDENTS synthetic incidents
#    (default 1,000,000; bench/bench_store.c), median of $SR_BENCH_RUNS
#    runs per filter.
# Targets: ingest >= 2,000 documents/s; each indexed query <= 50 ms median.
command -v sqlite3 >/dev/null || { echo "sqlite3 (the command) not installed" >&2; exit 77; }
corpus=$SR_BENCH_CORPUS.jsonl
[ -f "$corpus" ] || { echo "no bench corpus ($corpus)" >&2; exit 77; }
dir=$SR_BENCH_DIR
ndocs=${SR_BENCH_STORE_DOCS:-100000}
jobs=${SR_BENCH_STORE_JOBS:-2}
nincidents=${SR_BENCH_STORE_INCIDENTS:-1000000}

big=$dir/store_corpus.jsonl
awk -v n="$ndocs" '
    { line[NR] = $0 }
    END {
        k = 0; out = 0
        while (out < n) {
            for (i = 1; i <= NR && out < n; i++) {
                l = line[i]
                sub(/"id":"/, "\"id\":\"c" k "-" i "-", l)
                sub(/"text":"/, "\"text\":\"Update " k ": ", l)
                print l; out++
            }
            k++
        }
    }' "$corpus" >"$big" || exit 1
echo "store_ingest_docs $ndocs docs"

db=$dir/store_ingest.db
rm -f "$db" "$db-wal" "$db-shm"
# CPU seconds (user + sys) used so far by this shell's finished children,
# into file $1 (`times` must run in this shell, not in a $(...) subshell)
cpu_to() {
    times >"$dir/store_times.txt"
    awk 'NR == 2 { t = 0
                   for (f = 1; f <= 2; f++) { v = $f; sub(/s$/, "", v); split(v, p, "m"); t += p[1] * 60 + p[2] }
                   printf "%.3f", t }' "$dir/store_times.txt" >"$1"
}
echo "store_ingest_jobs $jobs threads"
load0=$(cut -d' ' -f1 /proc/loadavg)
cpu_to "$dir/store_cpu0"; t0=$(date +%s.%N)
# not --quiet: the summary (stderr is not a terminal: no progress line) has
# the main thread's CPU split
build/sitrep ingest -j "$jobs" --db "$db" "$big" 2>"$dir/store_ingest.err" ||
    { cat "$dir/store_ingest.err" >&2; exit 1; }
t1=$(date +%s.%N); cpu_to "$dir/store_cpu1"
c0=$(cat "$dir/store_cpu0"); c1=$(cat "$dir/store_cpu1")
rm -f "$dir/store_cpu0" "$dir/store_cpu1" "$dir/store_times.txt"
awk -v n="$ndocs" -v t0="$t0" -v t1="$t1" -v c0="$c0" -v c1="$c1" 'BEGIN {
    w = t1 - t0; c = c1 - c0
    printf "store_ingest_wall %.1f s\n", w
    printf "store_ingest_docs_per_s %.0f docs/s\n", n / w
    printf "store_ingest_cpu %.1f s\n", c
    printf "store_ingest_docs_per_cpu_s %.0f docs/s\n", n / c
}'
sed -n 's/.*main thread CPU: \([0-9.]*\) s reading, \([0-9.]*\) s storing.*/store_ingest_main_read_cpu \1 s\
store_ingest_main_store_cpu \2 s/p' "$dir/store_ingest.err"
rm -f "$dir/store_ingest.err"
echo "store_ingest_load_avg $load0 $(cut -d' ' -f1 /proc/loadavg) (1-minute, before and after)"
echo "store_ingest_incidents $(sqlite3 "$db" 'SELECT count(*) FROM incidents' 2>/dev/null || echo 0) incidents"
echo "store_ingest_reports $(sqlite3 "$db" 'SELECT count(*) FROM reports' 2>/dev/null || echo 0) reports"
echo "store_db_size $(du -m "$db" | cut -f1) MB"
t0=$(date +%s.%N)
build/sitrep ingest --quiet -j "$jobs" --db "$db" "$big" || exit 1
t1=$(date +%s.%N)
awk -v n="$ndocs" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "store_reingest_unchanged_docs_per_s %.0f docs/s\n", n / (t1 - t0) }'
rm -f "$db" "$db-wal" "$db-shm" "$big"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

exec build/bench/bench_store "$dir/store_query.db" "$nincidents" "$SR_BENCH_RUNS"
