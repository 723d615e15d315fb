#!/bin/sh
# The seed ingested twice (issue 6, "done when"): 3 incidents -- the
# Bamako attack (main), the 2015 Bamako restaurant attack and the 2016
# Grand-Bassam attack (background) -- and the second run changes nothing.
cd "$(dirname "$0")/../.." || exit 2
seed=../shared/seed/bamako-resort-attack.txt
[ -f "$seed" ] || { echo "seed $seed not found"; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 (the command) not installed"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
db=$tmp/seed.db
fail() { echo "FAIL: $*"; exit 1; }
dump() { sqlite3 "$db" "SELECT id, type, status, date, place, country, killed, nreports, json FROM incidents ORDER BY id; SELECT count(*) FROM reports; SELECT count(*) FROM documents"; }
build/sitrep ingest --quiet --db "$db" --date 2017-06-19 "$seed" || fail "ingest"
dump >"$tmp/a"
build/sitrep ingest --quiet --db "$db" --date 2017-06-19 "$seed" || fail "second ingest"
dump >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || fail "the second ingest changed the store"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM incidents')" = 3 ] || fail "incidents: $(sqlite3 "$db" 'SELECT id, type, date, place FROM incidents')"
[ "$(sqlite3 "$db" "SELECT status, date, place, country FROM incidents ORDER BY id")" = "main|2017-06-18|Bamako|ML
background|2015-03|Bamako|ML
background|2016-03|Grand-Bassam|CI" ] || fail "$(sqlite3 "$db" "SELECT status, date, place, country FROM incidents ORDER BY id")"
build/sitrep query --db "$db" --country ML --since 2017-06-01 --type armed_assault | grep -q '"date":{"value":"2017-06-18"' || fail "the DESIGN.md query"
echo ok
