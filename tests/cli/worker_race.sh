#!/bin/sh
# Merging under concurrency: pairs of reports of one incident published
# next to each other and taken one at a time by 4 workers (--count 1), so
# the two reports of an incident are usually stored at the same moment by
# two workers.  Each pair must become one incident, as in a single SQLite
# ingest -- which needs the PostgreSQL backend's merge locks (store_pg.c).
# Also: a worker stops cleanly on SIGTERM (exit 0, nothing left pending by
# it), and `sitrep worker --stats` shows the group and the workers' counts.
# Then changed documents stored while other reports join their incidents.
cd "$(dirname "$0")/../.." || exit 2
command -v sqlite3 >/dev/null || { echo "sqlite3 (the command) not installed"; exit 77; }
was_up=$(bash scripts/services.sh env)
env=$(bash scripts/services.sh start); rc=$?
[ $rc = 0 ] || { echo "$env" | tail -1; exit 77; }
eval "$env"
command -v redis-cli >/dev/null || { echo "redis-cli not installed"; exit 77; }
rport=${SR_REDIS##*:}
N=${SR_RACE_DOCS:-3000}
tmp=$(mktemp -d) || exit 2
name=sr_t_race_$$
stream=sr_t_race_$$
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

awk -v docs="$N" -v per=2 -f tests/cli/worker_gen.awk >"$tmp/corpus.jsonl" || fail "generate"
build/sitrep ingest --quiet --db "$tmp/ref.db" "$tmp/corpus.jsonl" || fail "reference ingest"
psql -q "$admin" -c "CREATE DATABASE $name" >/dev/null || fail "create database"

# SIGTERM: a worker with work in hand stops cleanly
build/sitrep enqueue --quiet --queue "$SR_REDIS/$stream" "$tmp/corpus.jsonl" || fail "enqueue"
build/sitrep worker --queue "$SR_REDIS/$stream" --db "$db" --consumer t0 --count 1 \
    2>"$tmp/w0.log" &
p=$!
sleep 2
kill -TERM $p
wait $p || fail "worker exit $? on SIGTERM"
grep -q "stopped" "$tmp/w0.log" || fail "no final count line"
pend=$(redis-cli -p "$rport" xpending "$stream" sitrep - + 10 t0 | grep -c .)
[ "$pend" = 0 ] || fail "the stopped worker left entries pending"
done0=$(psql -qAt "$db" -c "SELECT count(*) FROM documents")
[ "$done0" -gt 0 ] || fail "the first worker stored nothing in 2 s"

run_workers() {
    for k in 1 2 3 4; do
        build/sitrep worker --queue "$SR_REDIS/$stream" --db "$db" --consumer "w$k" \
            --until-empty --count 1 --claim-idle 3000 --log-every 2 2>"$tmp/w$k.log" &
        pids="$pids $!"
    done
    for p in $pids; do wait "$p" || fail "a worker exited $?"; done
    pids=""
}
q="SELECT i.type, i.date, i.place, i.killed, i.killed_lo, i.killed_hi, i.wounded, i.nreports,
  (SELECT KEYS FROM (SELECT d.key k FROM report_links l JOIN reports r ON r.id = l.report_id
  JOIN documents d ON d.id = r.document_id WHERE l.incident_id = i.id ORDER BY d.key) x)
  FROM incidents i"
compare() {  # $1 = what was stored, $2 = documents expected
    [ "$(psql -qAt "$db" -c 'SELECT count(*) FROM documents')" = "$2" ] || fail "$1: documents"
    sqlite3 "$tmp/ref.db" "$(echo "$q" | sed 's/KEYS/group_concat(k, ",")/')" | sort >"$tmp/ref.txt"
    psql -qAt "$db" -c "$(echo "$q" | sed "s/KEYS/string_agg(k, ',')/")" | sort >"$tmp/pg.txt"
    diff "$tmp/ref.txt" "$tmp/pg.txt" >"$tmp/diff" || fail "$1: incidents differ from the SQLite ingest ($(grep -c '^>' "$tmp/diff") lines): $(head -6 "$tmp/diff")"
}
run_workers
compare "pairs" "$N"

# Changed documents: each incident's first article, rewritten to tell of
# another attack, is stored while a third article of the first attack
# joins it.  The incident the first one leaves must keep the joining
# report, as when stored one after the other (store_pg.c locks an incident
# before rebuilding it).
awk -v docs="$N" -v per=2 -v change=1 -f tests/cli/worker_gen.awk >"$tmp/change.jsonl" || fail "generate changes"
build/sitrep ingest --quiet --db "$tmp/ref.db" "$tmp/change.jsonl" || fail "reference ingest of the changes"
build/sitrep enqueue --quiet --queue "$SR_REDIS/$stream" "$tmp/change.jsonl" || fail "enqueue changes"
run_workers
compare "changes" $((N + N / 2))

out=$(build/sitrep worker --stats --queue "$SR_REDIS/$stream" --db "$db") || fail "--stats"
echo "$out" | grep -q "pending: 0" || fail "stats: $out"
echo "$out" | grep -q "^worker w3:" || fail "stats lack worker w3: $out"
echo "$out" | grep -q "store: $((N + N / 2)) documents" || fail "stats lack the store: $out"
echo "ok: $N articles, then $N changes and new reports: $(wc -l <"$tmp/ref.txt") incidents; $done0 stored before SIGTERM"
