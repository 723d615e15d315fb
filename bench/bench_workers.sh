#!/bin/sh
# bench_workers.sh -- distributed ingestion (issue 8): documents/s through
# Redis Streams into PostgreSQL with 1, 2 and 4 `sitrep worker` processes
# on this machine.
#
# The first $SR_BENCH_WORKER_DOCS documents (default 5,000) of the bench
# corpus are published once per run (`sitrep enqueue`) to a fresh stream
# and stored into a fresh database; the time is from the workers' start
# until the last one exits (--until-empty): extraction, merging and the
# PostgreSQL transactions (one per batch of 16 entries).  Median of $SR_BENCH_WORKER_RUNS
# runs (default 3: a run of 4 workers over 5,000 documents takes ~20 s).
# The servers are those of the tests (scripts/services.sh, loopback,
# fsync off: the figures measure sitrep, not the disk).  On a machine with
# N cores, workers beyond N compete for them with PostgreSQL.
corpus=$SR_BENCH_CORPUS.jsonl
[ -f "$corpus" ] || { echo "no bench corpus ($corpus)" >&2; exit 77; }
command -v redis-cli >/dev/null || { echo "redis-cli not installed" >&2; exit 77; }
was_up=$(bash scripts/services.sh env)
env=$(bash scripts/services.sh start); rc=$?
[ $rc = 0 ] || { echo "$env" | tail -1 >&2; exit 77; }
eval "$env"
rport=${SR_REDIS##*:}
admin=$(echo "$SR_PG" | sed 's,/sitrep$,/postgres,')
ndocs=${SR_BENCH_WORKER_DOCS:-5000}
runs=${SR_BENCH_WORKER_RUNS:-3}
dir=${SR_BENCH_DIR:-build/bench}
mkdir -p "$dir"
docs=$dir/workers_corpus.jsonl
head -n "$ndocs" "$corpus" >"$docs"
ndocs=$(wc -l <"$docs" | tr -d ' ')
name=sr_bench_workers_$$
cleanup() {
    psql -q "$admin" -c "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1
    redis-cli -p "$rport" --scan --pattern "$name*" | xargs -r redis-cli -p "$rport" del >/dev/null
    [ -n "$was_up" ] || bash scripts/services.sh stop
}
trap cleanup EXIT
now() { date +%s.%N; }

one_run() {  # $1 = workers; prints documents/s
    psql -q "$admin" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null 2>&1 || return 1
    redis-cli -p "$rport" --scan --pattern "$name*" | xargs -r redis-cli -p "$rport" del >/dev/null
    db=$(echo "$SR_PG" | sed "s,/sitrep\$,/$name,")
    # create the schema before the clock starts
    build/sitrep query --db "$db" --limit 1 >/dev/null 2>&1
    build/sitrep enqueue --quiet --queue "$SR_REDIS/$name" "$docs" || return 1
    t0=$(now)
    pids=""
    k=0
    while [ $k -lt "$1" ]; do
        k=$((k + 1))
        build/sitrep worker --queue "$SR_REDIS/$name" --db "$db" --consumer "b$k" \
            --until-empty --quiet --log-every 0 2>>"$dir/workers_run.log" &
        pids="$pids $!"
    done
    ok=1
    for p in $pids; do wait "$p" || [ $? = 1 ] || ok=0; done   # 1: some documents failed
    t1=$(now)
    [ $ok = 1 ] || { echo "a worker failed (see $dir/workers_run.log)" >&2; return 1; }
    # every entry handled (the corpus may repeat ids: count entries, not rows)
    p=$(redis-cli -p "$rport" xpending "$name" sitrep | head -1)
    [ "$p" = 0 ] || { echo "$p entries left pending" >&2; return 1; }
    echo "$t0 $t1" | awk -v n="$ndocs" '{ printf "%.0f\n", n / ($2 - $1) }'
}

: >"$dir/workers_run.log"
echo "workers_docs $ndocs docs"
for w in 1 2 4; do
    vals=""
    r=0
    while [ $r -lt "$runs" ]; do
        v=$(one_run $w) || { echo "bench_workers: a run with $w workers failed" >&2; exit 1; }
        vals="$vals $v"
        r=$((r + 1))
    done
    med=$(echo $vals | tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    echo "workers_${w}_pg $med docs/s"
done
