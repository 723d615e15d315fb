#!/bin/sh
# Ingest is idempotent and replaces changed documents: the fixtures
# ingested twice leave the store unchanged (every incident row and report,
# byte for byte); a document edited under the same name replaces its
# reports and its incident is reconciled again; a document that no longer
# tells an incident takes that incident away with it.
# On SQLite by default; SR_STORE_BACKEND=pg runs it on PostgreSQL
# (tests/cli/pg_store_idempotent.sh).
cd "$(dirname "$0")/../.." || exit 2
fx=tests/fixtures/store
. tests/cli/store_db.inc
fail() { echo "FAIL: $*"; exit 1; }
dump() {
    sq "SELECT id, type, status, date, place, country, lat, lon, killed, killed_lo, killed_hi,
               wounded, nreports, orgs, actors, sites, json FROM incidents ORDER BY id;
        SELECT id, document_id, ordinal, json FROM reports ORDER BY id;
        SELECT report_id, incident_id, score, reason FROM report_links ORDER BY report_id;
        SELECT id, key, content_hash FROM documents ORDER BY id;
        SELECT count(*) FROM evidence;"
}

cp $fx/*.txt "$tmp/"
ingest() { build/sitrep ingest --db "$db" --date 2023-03-15 "$@"; }
ingest --quiet "$tmp"/maiduguri-*.txt || fail "first ingest"
dump >"$tmp/before"
out=$(ingest "$tmp"/maiduguri-*.txt 2>&1) || fail "second ingest"
echo "$out" | grep -q "0 added, 0 replaced, 4 unchanged" || fail "second ingest summary: $out"
# not a terminal: the summary line only, no progress line
[ "$(echo "$out" | wc -l | tr -d ' ')" = 1 ] || fail "more than the summary on stderr: $out"
printf '%s' "$out" | tr '\r' '\n' | grep -q '\[#' && fail "a progress bar without a terminal"
dump >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || { diff "$tmp/before" "$tmp/after" | head; fail "the same documents twice changed the store"; }

# the same content under another name is the same document
cp "$tmp/maiduguri-mosque.txt" "$tmp/copy-of-mosque.txt"
ingest --quiet "$tmp/copy-of-mosque.txt" || fail "copy"
[ "$(sq 'SELECT count(*) FROM documents')" = 4 ] || fail "a copy was stored twice"

# an edited document replaces its reports
bomb=$(sq "SELECT id FROM incidents WHERE type = 'bombing'")
sed -i 's/killed 12 people/killed 14 people/' "$tmp/maiduguri-market-wire.txt"
out=$(ingest "$tmp/maiduguri-market-wire.txt" 2>&1) || fail "changed ingest"
echo "$out" | grep -q "0 added, 1 replaced" || fail "changed ingest summary: $out"
[ "$(sq 'SELECT count(*) FROM reports')" = 4 ] || fail "reports after replace: $(sq 'SELECT count(*) FROM reports')"
[ "$(sq "SELECT killed, killed_lo, killed_hi, nreports FROM incidents WHERE type = 'bombing'")" = "14|14|19|2" ] \
    || fail "not reconciled: $(sq "SELECT id, killed, killed_lo, killed_hi, nreports FROM incidents")"
[ "$(sq 'SELECT count(*) FROM incidents')" = 3 ] || fail "incidents after replace"

# a document that no longer tells an incident removes it
printf 'Aid Workers Hold Meeting in Maiduguri\n\nAid workers met in Maiduguri on Tuesday to discuss food deliveries, an official said.\n' \
    >"$tmp/maiduguri-kidnapping.txt"
ingest --quiet "$tmp/maiduguri-kidnapping.txt" || fail "emptying ingest"
[ "$(sq "SELECT count(*) FROM incidents WHERE type = 'kidnapping'")" = 0 ] || fail "the emptied incident stayed"
[ "$(sq 'SELECT count(*) FROM incidents')" = 2 ] || fail "incidents after emptying: $(sq 'SELECT id, type FROM incidents')"
if [ "$backend" = sqlite ]; then
    [ "$(sq 'SELECT count(*) FROM incident_geo')" = 2 ] || fail "place index after emptying"
    [ "$(sq 'PRAGMA integrity_check')" = ok ] || fail "integrity"
else
    [ "$(sq 'SELECT count(*) FROM incident_actors a LEFT JOIN incidents i ON i.id = a.incident_id WHERE i.id IS NULL')" = 0 ] || fail "actor index after emptying"
fi
echo ok
