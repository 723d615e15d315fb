#!/bin/sh
# bench_store.sh -- the incident store (issue 6):
#
# 1. ingest throughput, extraction included: `sitrep ingest -j 2` of a
#    corpus of $SR_BENCH_STORE_DOCS documents (default 100,000) generated
#    at bench time from the bench corpus (../shared/data texts): copy k of
#    article i gets the id "c<k>-<i>-<id>" and a one-line preface, so every
#    document is new to the store and copies of one story merge as reports
#    of one incident.  Nothing is written into the repository.  Figures:
#    documents/s by the wall clock, and by CPU time (user + sys: the
#    machine is shared, and the CPU figure does not depend on its load);
#    then a second run over the same corpus (every document unchanged:
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
cpu_to "$dir/store_cpu0"; t0=$(date +%s.%N)
build/sitrep ingest --quiet -j 2 --db "$db" "$big" || exit 1
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
echo "store_ingest_incidents $(sqlite3 "$db" 'SELECT count(*) FROM incidents' 2>/dev/null || echo 0) incidents"
echo "store_ingest_reports $(sqlite3 "$db" 'SELECT count(*) FROM reports' 2>/dev/null || echo 0) reports"
echo "store_db_size $(du -m "$db" | cut -f1) MB"
t0=$(date +%s.%N)
build/sitrep ingest --quiet -j 2 --db "$db" "$big" || exit 1
t1=$(date +%s.%N)
awk -v n="$ndocs" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "store_reingest_unchanged_docs_per_s %.0f docs/s\n", n / (t1 - t0) }'
rm -f "$db" "$db-wal" "$db-shm" "$big"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

exec build/bench/bench_store "$dir/store_query.db" "$nincidents" "$SR_BENCH_RUNS"
