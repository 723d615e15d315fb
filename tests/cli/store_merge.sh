#!/bin/sh
# The store's merge rules on hand-written articles (tests/fixtures/store/,
# fictional): two reports of one market bombing from two sources with
# different death tolls -> one incident showing the conservative figure and
# the range; a kidnapping and a mosque bombing on the same day in the same
# city -> separate incidents (the kidnapping by its type family, the mosque
# bombing by its conflicting claimant: ISWAP, not Boko Haram); a later
# article recalling the bombing in the background -> its report joins the
# bombing; then every query filter, `sitrep show` and the exports.
# On SQLite by default; SR_STORE_BACKEND=pg runs it on PostgreSQL
# (tests/cli/pg_store_merge.sh), where --text takes PostgreSQL's web search
# syntax.
cd "$(dirname "$0")/../.." || exit 2
fx=tests/fixtures/store
. tests/cli/store_db.inc
fail() { echo "FAIL: $*"; exit 1; }

build/sitrep ingest --quiet --db "$db" --date 2023-03-15 \
    $fx/maiduguri-market-wire.txt $fx/maiduguri-market-local.txt || fail "ingest 1"
[ "$(sq 'SELECT count(*) FROM incidents')" = 1 ] || fail "two reports of the bombing are not one incident: $(sq 'SELECT id, type, date, place FROM incidents')"
[ "$(sq 'SELECT killed, killed_lo, killed_hi, nreports FROM incidents')" = "12|12|19|2" ] \
    || fail "bombing counts: $(sq 'SELECT killed, killed_lo, killed_hi, nreports FROM incidents')"
bomb=$(sq 'SELECT id FROM incidents')

build/sitrep ingest --quiet --db "$db" --date 2023-03-15 \
    $fx/maiduguri-kidnapping.txt $fx/maiduguri-mosque.txt || fail "ingest 2"
[ "$(sq 'SELECT count(*) FROM incidents')" = 3 ] || fail "same day, same city, different incidents: $(sq 'SELECT id, type, date, place, nreports FROM incidents')"
[ "$(sq "SELECT nreports FROM incidents WHERE id = $bomb")" = 2 ] || fail "the bombing took another report"

build/sitrep ingest --quiet --db "$db" --date 2023-04-03 $fx/borno-roundup.txt || fail "ingest 3"
[ "$(sq 'SELECT count(*) FROM incidents')" = 4 ] || fail "roundup: $(sq 'SELECT id, type, date, place, nreports FROM incidents')"
[ "$(sq "SELECT nreports, status FROM incidents WHERE id = $bomb")" = "3|main" ] \
    || fail "the background mention did not join the bombing: $(sq 'SELECT id, type, date, place, nreports FROM incidents')"
[ "$(sq "SELECT count(*) FROM report_links l JOIN reports r ON r.id = l.report_id JOIN documents d ON d.id = r.document_id WHERE l.incident_id = $bomb AND d.key = 'borno-roundup.txt' AND r.status = 'background'")" = 1 ] \
    || fail "the bombing's third report is not the roundup's background mention"

# show: both figures, the conservative one, sources, evidence, why merged
out=$(build/sitrep show --db "$db" "$bomb") || fail "show"
echo "$out" | grep -q "killed *12 *(reports give 12 to 19" || fail "show lacks the reconciled count: $out"
echo "$out" | grep -q '"The explosion killed 12 people' || fail "show lacks evidence: $out"
echo "$out" | grep -q 'Dr Amina Yusuf' || fail "show lacks a source: $out"
echo "$out" | grep -q 'merged .*type bombing ~ bombing.*km apart' || fail "show lacks the merge reason: $out"
[ "$backend" = pg ] || echo "$out" | grep -q 'merged .*background mention: type bombing ~ bombing' || fail "show does not say the roundup's report is a background mention: $out"
build/sitrep show --db "$db" 999 >/dev/null 2>&1 && fail "show of a missing incident succeeds"

# query filters (JSONL when not a terminal)
n() { build/sitrep query --db "$db" "$@" | wc -l | tr -d ' '; }
[ "$(n)" = 4 ] || fail "query: $(n)"
[ "$(n --country NG)" = 4 ] || fail "--country NG"
[ "$(n --country ML)" = 0 ] || fail "--country ML"
[ "$(n --near 11.85,13.16 --km 30)" = 3 ] || fail "--near Maiduguri: $(n --near 11.85,13.16 --km 30)"
[ "$(n --near 12.9,13.6 --km 30)" = 1 ] || fail "--near Monguno"
[ "$(n --type kidnapping)" = 1 ] || fail "--type"
[ "$(n --text grain)" = 1 ] || fail "--text grain"
[ "$(n --text 'prayers OR grain')" = 2 ] || fail "--text OR"
[ "$(n --min-killed 10)" = 2 ] || fail "--min-killed 10: $(n --min-killed 10)"
[ "$(n --since 2023-04-01)" = 1 ] || fail "--since"
[ "$(n --until 2023-03)" = 3 ] || fail "--until"
[ "$(n --status main)" = 4 ] || fail "--status"
[ "$(n --limit 2)" = 2 ] || fail "--limit"
[ "$(n --actor gunmen)" = 1 ] || fail "--actor gunmen: $(n --actor gunmen)"
[ "$(n --actor 'boko haram')" = 1 ] || fail "--actor boko haram"
if [ "$backend" = sqlite ]; then  # PostgreSQL's web search syntax accepts it
    build/sitrep query --db "$db" --text '"unbalanced' >/dev/null 2>&1; [ $? = 2 ] || fail "a bad FTS query is not a usage error"
fi
build/sitrep query --db "$db" --since yesterday >/dev/null 2>&1; [ $? = 2 ] || fail "a bad date is not a usage error"
build/sitrep query --db "$db" --country "NG' OR 1=1 --" | grep -q . && fail "country is spliced into SQL"

# exports
[ "$(build/sitrep export --db "$db" --format csv | wc -l | tr -d ' ')" = 5 ] || fail "csv rows"
build/sitrep export --db "$db" --format acled | head -1 | grep -q '^event_id_cnty,event_date,year,' || fail "acled header"
build/sitrep export --db "$db" --format acled | grep -q "^NG$bomb,2023-03-14,2023,1,Explosions/Remote violence" || fail "acled row: $(build/sitrep export --db "$db" --format acled)"
build/sitrep export --db "$db" --format gtd | grep -q "^$bomb,2023,3,14,,NG," || fail "gtd row: $(build/sitrep export --db "$db" --format gtd)"
build/sitrep export --db "$db" --format geojson | grep -q '"coordinates":\[13.1' || fail "geojson"
[ "$(build/sitrep export --db "$db" --format jsonl | wc -l | tr -d ' ')" = 4 ] || fail "jsonl"
echo "ok"
