#!/bin/sh
# bench_serve.sh -- `sitrep serve` under a bounded load on loopback
# (issue 7):
#
# 1. the example articles in a fresh store; bench/serve_load.c sends a
#    fixed number of requests ($SR_BENCH_SERVE_REQUESTS, default 4000)
#    from 4 client threads to GET /api/incidents (a page of 100), to
#    GET /api/incidents/{id} and to /healthz: requests/s and p50/p99
#    latency;
# 2. GET /api/incidents on the store bench's 1,000,000 synthetic
#    incidents (build/bench/store_query.db, made by bench/bench_store.c
#    when missing) for indexed filters (country, type, dates: a page of
#    100, most recent first), 200 requests one at a time: the median and
#    p99.  Target: <= 100 ms median.
# The server and the clients share the machine's cores; the load average
# is printed on stderr.
command -v sqlite3 >/dev/null || { echo "sqlite3 (the command) not installed" >&2; exit 77; }
dir=${SR_BENCH_DIR:-build/bench}
n=${SR_BENCH_SERVE_REQUESTS:-4000}
nbig=${SR_BENCH_STORE_INCIDENTS:-1000000}
mkdir -p "$dir"
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null' EXIT INT TERM

start() {  # start DB: sets base
    rm -f "$dir/serve.out"
    build/sitrep serve --no-web --db "$1" --listen 127.0.0.1:0 --threads 4 >"$dir/serve.out" 2>&2 &
    pid=$!
    i=0
    while ! grep -q 'open http://' "$dir/serve.out" 2>/dev/null; do
        i=$((i + 1)); [ $i -gt 600 ] && { echo "bench_serve: the server did not start" >&2; exit 1; }
        sleep 0.1
    done
    base=$(sed -n 's|.*open \(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$dir/serve.out")
}
stop() { kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=; }

db=$dir/serve_examples.db
rm -f "$db" "$db-wal" "$db-shm"
build/sitrep ingest --quiet --db "$db" examples/*.txt examples/*.jsonl examples/*.html || exit 1
start "$db"
id=$(sqlite3 "$db" 'SELECT max(id) FROM incidents')
build/bench/serve_load serve_list "$base/api/incidents?limit=100" "$n" 4 || exit 1
build/bench/serve_load serve_incident "$base/api/incidents/$id" "$n" 4 || exit 1
build/bench/serve_load serve_healthz "$base/healthz" "$n" 4 || exit 1
stop
rm -f "$db" "$db-wal" "$db-shm"

big=$dir/store_query.db
have=$(sqlite3 "$big" 'SELECT count(*) FROM incidents' 2>/dev/null || echo 0)
if [ "$have" != "$nbig" ]; then
    echo "bench_serve: building $nbig synthetic incidents (bench/bench_store.c)" >&2
    build/bench/bench_store "$big" "$nbig" 1 >/dev/null || exit 1
fi
start "$big"
build/bench/serve_load serve_1m_country "$base/api/incidents?country=AK&limit=100" 200 1 || exit 1
build/bench/serve_load serve_1m_type "$base/api/incidents?type=kidnapping&limit=100" 200 1 || exit 1
build/bench/serve_load serve_1m_dates "$base/api/incidents?since=2012-05-01&until=2012-05-31&limit=100" 200 1 || exit 1
build/bench/serve_load serve_1m_geojson "$base/api/incidents?country=AK&type=bombing&limit=100&format=geojson" 200 1 || exit 1
stop
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
