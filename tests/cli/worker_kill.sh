#!/bin/sh
# Distributed ingestion, issue 8's "done when": 4 workers ingest 20,000
# articles from a Redis Stream into PostgreSQL; one is killed with SIGKILL
# midway.  Every article must be stored exactly once (documents = articles,
# the same reports as a single ingest, nothing left pending in the group),
# the dead worker's entries must have been taken over (XAUTOCLAIM), and the
# incidents must equal those of a single-process SQLite ingest of the same
# articles (type, date, place, counts and ranges, the documents of each).
# The articles are generated from hand-written templates
# (tests/cli/worker_gen.awk).  Servers: scripts/services.sh (skip only when
# they cannot be installed).  SR_WORKER_DOCS sets the number of articles.
cd "$(dirname "$0")/../.." || exit 2
command -v sqlite3 >/dev/null || { echo "sqlite3 (the command) not installed"; exit 77; }
was_up=$(bash scripts/services.sh env)
env=$(bash scripts/services.sh start); rc=$?
[ $rc = 0 ] || { echo "$env" | tail -1; exit 77; }
eval "$env"
command -v redis-cli >/dev/null || { echo "redis-cli not installed"; exit 77; }
rport=${SR_REDIS##*:}
N=${SR_WORKER_DOCS:-20000}
tmp=$(mktemp -d) || exit 2
name=sr_t_workers_$$
stream=sr_t_workers_$$
admin=$(echo "$SR_PG" | sed 's,/sitrep$,/postgres,')
db=$(echo "$SR_PG" | sed "s,/sitrep\$,/$name,")
pids=""
cleanup() {
    for p in $pids; do kill -9 "$p" 2>/dev/null; done
    psql -q "$admin" -c "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1
    redis-cli -p "$rport" --scan --pattern "$stream*" | xargs -r redis-cli -p "$rport" del >/dev/null
    rm -rf "$tmp"
    [ -n "$was_up" ] || bash scripts/services.sh stop
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$tmp"/w*.log; do [ -f "$f" ] && tail -5 "$f"; done; exit 1; }
t0=$(date +%s)

awk -v docs="$N" -v per=4 -f tests/cli/worker_gen.awk >"$tmp/corpus.jsonl" || fail "generate"
[ "$(wc -l <"$tmp/corpus.jsonl")" = "$N" ] || fail "corpus size"

# the reference: one process, SQLite
build/sitrep ingest --quiet --db "$tmp/ref.db" "$tmp/corpus.jsonl" || fail "reference ingest"
t1=$(date +%s)

psql -q "$admin" -c "CREATE DATABASE $name" >/dev/null || fail "create database"
build/sitrep enqueue --quiet --queue "$SR_REDIS/$stream" "$tmp/corpus.jsonl" || fail "enqueue"
[ "$(redis-cli -p "$rport" xlen "$stream")" = "$N" ] || fail "stream length"

for k in 1 2 3 4; do
    build/sitrep worker --queue "$SR_REDIS/$stream" --db "$db" --consumer "w$k" \
        --until-empty --claim-idle 3000 --count 8 --log-every 5 2>"$tmp/w$k.log" &
    pids="$pids $!"
    eval "pid$k=$!"
done

# kill worker 1 once about a third of the articles are stored
i=0
while :; do
    n=$(psql -qAt "$db" -c "SELECT count(*) FROM documents" 2>/dev/null)
    [ -n "$n" ] && [ "$n" -ge $((N / 3)) ] && break
    i=$((i + 1)); [ $i -gt 1200 ] && fail "no progress: ${n:-0} documents after 10 minutes"
    sleep 0.5
done
kill -9 "$pid1"
echo "killed w1 at $n documents"
for k in 2 3 4; do
    eval "p=\$pid$k"
    wait "$p" || fail "worker w$k exited $?"
done
pids=""
t2=$(date +%s)

# exactly once in effect
[ "$(redis-cli -p "$rport" xpending "$stream" sitrep | head -1)" = 0 ] || fail "entries left pending"
[ "$(psql -qAt "$db" -c 'SELECT count(*) FROM documents')" = "$N" ] || fail "documents: $(psql -qAt "$db" -c 'SELECT count(*) FROM documents') for $N articles"
ref_reports=$(sqlite3 "$tmp/ref.db" 'SELECT count(*) FROM reports')
[ "$(psql -qAt "$db" -c 'SELECT count(*) FROM reports')" = "$ref_reports" ] || fail "reports: $(psql -qAt "$db" -c 'SELECT count(*) FROM reports'), reference $ref_reports"
[ "$(psql -qAt "$db" -c 'SELECT count(*) FROM report_links')" = "$ref_reports" ] || fail "links"
claimed=0
for k in 2 3 4; do
    c=$(grep -o '[0-9]* claimed' "$tmp/w$k.log" | tail -1 | cut -d' ' -f1)
    claimed=$((claimed + ${c:-0}))
done
[ "$claimed" -gt 0 ] || fail "no worker took over the dead worker's entries"

# the same incidents as the single-process SQLite ingest
q="SELECT i.type, i.date, i.place, i.country, i.killed, i.killed_lo, i.killed_hi, i.wounded,
  i.wounded_lo, i.wounded_hi, i.nreports, (SELECT KEYS FROM (SELECT d.key k FROM report_links l
  JOIN reports r ON r.id = l.report_id JOIN documents d ON d.id = r.document_id
  WHERE l.incident_id = i.id ORDER BY d.key) x) FROM incidents i"
sqlite3 "$tmp/ref.db" "$(echo "$q" | sed 's/KEYS/group_concat(k, ",")/')" | sort >"$tmp/ref.txt"
psql -qAt "$db" -c "$(echo "$q" | sed "s/KEYS/string_agg(k, ',')/")" | sort >"$tmp/pg.txt"
[ -s "$tmp/ref.txt" ] || fail "no reference incidents"
diff "$tmp/ref.txt" "$tmp/pg.txt" >"$tmp/diff" || fail "incidents differ from the SQLite ingest: $(head -6 "$tmp/diff")"
echo "ok: $N articles, $(wc -l <"$tmp/ref.txt") incidents, $claimed entries taken over; reference ingest $((t1 - t0)) s, 4 workers $((t2 - t1)) s"
