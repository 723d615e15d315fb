#!/bin/sh
# Workers ride out a database and a broker that are briefly away: two
# workers ingest 3,000 generated articles; PostgreSQL is stopped for 3 s
# after a fifth of them, Redis for 3 s after half.  The workers must retry
# (the store transaction, the broker connection) and finish with every
# article stored once and the incidents of a single SQLite ingest.  The
# test runs its own pair of servers (SR_SERVICES=services-outage), so that
# stopping them does not disturb other tests or benchmarks running at the
# same time, and stops them at the end.
cd "$(dirname "$0")/../.." || exit 2
# servers of its own: stopping them must not disturb other tests
export SR_SERVICES=services-outage
command -v sqlite3 >/dev/null || { echo "sqlite3 (the command) not installed"; exit 77; }
was_up=""
env=$(bash scripts/services.sh start); rc=$?
[ $rc = 0 ] || { echo "$env" | tail -1; exit 77; }
eval "$env"
command -v redis-cli >/dev/null || { echo "redis-cli not installed"; exit 77; }
rport=${SR_REDIS##*:}
N=${SR_OUTAGE_DOCS:-3000}
tmp=$(mktemp -d) || exit 2
name=sr_t_outage_$$
stream=sr_t_outage_$$
admin=$(echo "$SR_PG" | sed 's,/sitrep$,/postgres,')
db=$(echo "$SR_PG" | sed "s,/sitrep\$,/$name,")
pids=""
cleanup() {
    for p in $pids; do kill -9 "$p" 2>/dev/null; done
    bash scripts/services.sh start >/dev/null 2>&1
    psql -q "$admin" -c "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1
    redis-cli -p "$rport" --scan --pattern "$stream*" | xargs -r redis-cli -p "$rport" del >/dev/null
    rm -rf "$tmp"
    [ -n "$was_up" ] || bash scripts/services.sh stop
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$tmp"/w*.log; do [ -f "$f" ] && tail -5 "$f"; done; exit 1; }
stored() { psql -qAt "$db" -c "SELECT count(*) FROM documents" 2>/dev/null; }
wait_for() {  # $1 = documents
    i=0
    while :; do
        n=$(stored)
        [ -n "$n" ] && [ "$n" -ge "$1" ] && return 0
        i=$((i + 1)); [ $i -gt 600 ] && fail "stuck at ${n:-?} documents"
        sleep 0.2
    done
}

awk -v docs="$N" -v per=2 -f tests/cli/worker_gen.awk >"$tmp/corpus.jsonl" || fail "generate"
build/sitrep ingest --quiet --db "$tmp/ref.db" "$tmp/corpus.jsonl" || fail "reference ingest"
psql -q "$admin" -c "CREATE DATABASE $name" >/dev/null || fail "create database"
build/sitrep enqueue --quiet --queue "$SR_REDIS/$stream" "$tmp/corpus.jsonl" || fail "enqueue"
for k in 1 2; do
    build/sitrep worker --queue "$SR_REDIS/$stream" --db "$db" --consumer "w$k" \
        --until-empty --count 4 --claim-idle 5000 --retry 60 --log-every 2 2>"$tmp/w$k.log" &
    pids="$pids $!"
done

wait_for $((N / 5))
bash scripts/services.sh stop-pg
sleep 3
bash scripts/services.sh start >/dev/null || fail "PostgreSQL did not start again"
wait_for $((N / 2))
bash scripts/services.sh stop-redis
sleep 3
bash scripts/services.sh start >/dev/null || fail "Redis did not start again"
for p in $pids; do wait "$p" || fail "a worker exited $?"; done
pids=""

[ "$(stored)" = "$N" ] || fail "documents: $(stored) of $N"
[ "$(redis-cli -p "$rport" xpending "$stream" sitrep | head -1)" = 0 ] || fail "entries left pending"
grep -q "retrying\|retries" "$tmp"/w1.log "$tmp"/w2.log || fail "no retry logged"
r=$(cat "$tmp"/w1.log "$tmp"/w2.log | grep -o '[0-9]* retries' | awk '{s += $1} END {print s + 0}')
b=$(cat "$tmp"/w1.log "$tmp"/w2.log | grep 'stopped$' | grep -o '[0-9]* reconnects' | awk '{s += $1} END {print s + 0}')
[ "$b" -gt 0 ] || fail "no worker reconnected to the broker"
q="SELECT i.type, i.date, i.place, i.killed, i.wounded, i.nreports,
  (SELECT KEYS FROM (SELECT d.key k FROM report_links l JOIN reports r ON r.id = l.report_id
  JOIN documents d ON d.id = r.document_id WHERE l.incident_id = i.id ORDER BY d.key) x)
  FROM incidents i"
sqlite3 "$tmp/ref.db" "$(echo "$q" | sed 's/KEYS/group_concat(k, ",")/')" | sort >"$tmp/ref.txt"
psql -qAt "$db" -c "$(echo "$q" | sed "s/KEYS/string_agg(k, ',')/")" | sort >"$tmp/pg.txt"
diff "$tmp/ref.txt" "$tmp/pg.txt" >"$tmp/diff" || fail "incidents differ: $(head -6 "$tmp/diff")"
echo "ok: $N articles through a database and a broker outage ($r store retries, $b broker reconnects)"
