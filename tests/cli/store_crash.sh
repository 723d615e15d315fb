#!/bin/sh
# Crash safety of `sitrep ingest`: kill -9 it at random moments, several
# times, then check that the database is intact (PRAGMA integrity_check, the
# FTS5 index, the R*Tree) and that every document is either fully present
# (its document row, one report per incident of its JSON, each report linked
# to an existing incident, evidence stored) or absent.  A last run then
# resumes and must end with the same incidents as an uninterrupted ingest.
# The corpus is built from the fixtures (tests/fixtures/store/), each text
# varied, so the test needs nothing outside the repository.  Bounded: at
# most 8 kills, about a second each.
cd "$(dirname "$0")/../.." || exit 2
command -v sqlite3 >/dev/null || { echo "sqlite3 (the command) not installed"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# a JSONL corpus: 150 variants of each fixture, with distinct ids and texts
corpus=$tmp/corpus.jsonl
for f in tests/fixtures/store/*.txt; do
    i=0
    while [ $i -lt 150 ]; do
        awk -v id="$(basename "$f" .txt)-$i" -v n=$i -v day=$((1 + i % 27)) '
            { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, " ");
              t = t $0 "\\n" }
            END { printf "{\"id\":\"%s\",\"published\":\"2023-03-%02d\",\"text\":\"%sReport number %d.\"}\n", id, day, t, n }' "$f"
        i=$((i + 1))
    done
done >"$corpus"
total=$(wc -l <"$corpus" | tr -d ' ')

check() {  # $1 = database
    [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check: $(sqlite3 "$1" 'PRAGMA integrity_check' | head -3)"
    sqlite3 "$1" "INSERT INTO evidence_fts(evidence_fts) VALUES('integrity-check')" || fail "FTS5 index damaged"
    bad=$(sqlite3 "$1" "
        SELECT 'doc ' || d.key || ': ' || count(r.id) || ' reports for ' ||
               json_array_length(d.json, '\$.incidents') || ' incidents'
          FROM documents d LEFT JOIN reports r ON r.document_id = d.id
         GROUP BY d.id HAVING count(r.id) != json_array_length(d.json, '\$.incidents');
        SELECT 'report ' || r.id || ' not linked' FROM reports r
         WHERE NOT EXISTS (SELECT 1 FROM report_links l WHERE l.report_id = r.id);
        SELECT 'link ' || l.report_id || ' to a missing incident' FROM report_links l
         WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = l.incident_id);
        SELECT 'incident ' || i.id || ' has ' || i.nreports || ' reports, links say ' ||
               (SELECT count(*) FROM report_links l WHERE l.incident_id = i.id)
          FROM incidents i
         WHERE i.nreports != (SELECT count(*) FROM report_links l WHERE l.incident_id = i.id)
            OR i.nreports = 0;
        SELECT 'report ' || r.id || ' has no evidence' FROM reports r
         WHERE json_array_length(r.json, '\$.evidence') > 0
           AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.report_id = r.id);
        SELECT 'place index: ' || (SELECT count(*) FROM incident_geo) || ' != ' ||
               (SELECT count(*) FROM incidents WHERE lat IS NOT NULL)
         WHERE (SELECT count(*) FROM incident_geo) != (SELECT count(*) FROM incidents WHERE lat IS NOT NULL);")
    [ -z "$bad" ] || fail "after a kill: $bad"
}

rand() {  # a number in [0, $1)
    echo $(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1 ))
}

db=$tmp/crash.db
kills=0; k=0
while [ $k -lt 8 ]; do
    k=$((k + 1))
    build/sitrep ingest --quiet --batch 8 --db "$db" "$corpus" 2>/dev/null &
    pid=$!
    sleep "0.$(printf '%02d' $((2 + $(rand 38))))"
    if kill -9 $pid 2>/dev/null; then kills=$((kills + 1)); fi
    wait $pid 2>/dev/null
    [ -f "$db" ] && check "$db"
done
build/sitrep ingest --quiet --db "$db" "$corpus" || fail "the resuming run failed"
check "$db"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM documents')" = "$total" ] || fail "resumed: $(sqlite3 "$db" 'SELECT count(*) FROM documents') of $total documents"

# the same incidents as one uninterrupted run
build/sitrep ingest --quiet --db "$tmp/clean.db" "$corpus" || fail "clean run"
summary='SELECT i.type, i.date, i.place, i.killed, i.killed_hi, i.nreports,
         (SELECT group_concat(k, char(32)) FROM (SELECT d.key || char(47) || r.ordinal AS k
            FROM report_links l JOIN reports r ON r.id = l.report_id
            JOIN documents d ON d.id = r.document_id WHERE l.incident_id = i.id ORDER BY k))
         FROM incidents i ORDER BY 7'
sqlite3 "$db" "$summary" >"$tmp/a"
sqlite3 "$tmp/clean.db" "$summary" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || { diff "$tmp/a" "$tmp/b" | head; fail "incidents differ from an uninterrupted ingest"; }
echo "ok: $kills kills, $total documents, $(wc -l <"$tmp/a" | tr -d ' ') incidents"
