#!/bin/sh
# serve_webhook.sh -- watches deliver to a local webhook receiver (node,
# loopback): a matching incident is POSTed as JSON, a failed attempt is
# retried with backoff, the delivery is recorded, an incident that does
# not match is not sent, the same incident version is never sent twice
# (even when the watch's cursor is moved back), an update of the incident
# is sent again, `sitrep watch` on the CLI.
cd "$(dirname "$0")/../.." || exit 2
. tests/cli/serve_lib.inc
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed (make deps)"; exit 77; }
TOKEN=test-token-123456
A="Authorization: Bearer $TOKEN"

# the receiver: answers 500 to its first request (to make the server
# retry), 200 after; writes each body as one line of $TMP/hooks
cat >"$TMP/receiver.js" <<'JS'
const http = require('http');
const fs = require('fs');
const [portFile, logFile] = process.argv.slice(2);
let n = 0;
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    n++;
    fs.appendFileSync(logFile + '.attempts', `${n} ${req.method} ${req.headers['content-type']}\n`);
    if (n === 1) { res.writeHead(500); return res.end('try again'); }
    fs.appendFileSync(logFile, body.replace(/\n/g, ' ') + '\n');
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
  });
}).listen(0, '127.0.0.1', function () { fs.writeFileSync(portFile, String(this.address().port)); });
JS
node "$TMP/receiver.js" "$TMP/rport" "$TMP/hooks" &
RECEIVER_PID=$!
i=0; while [ ! -s "$TMP/rport" ]; do i=$((i + 1)); [ $i -gt 100 ] && fail "receiver"; sleep 0.1; done
HOOK="http://127.0.0.1:$(cat "$TMP/rport")/hook"

build/sitrep ingest --quiet --db "$TMP/w.db" examples/kidal-convoy-ambush.txt || fail "ingest"
# a watch from the CLI: bombings with at least one killed in Somalia
wid=$(build/sitrep watch add --db "$TMP/w.db" --url "$HOOK" --type bombing --country SO --min-killed 1) ||
    fail "watch add"
build/sitrep watch list --db "$TMP/w.db" | grep -q "$HOOK" || fail "watch list"
serve_start "$TMP/w.db" --token "$TOKEN" --watch-interval 0.2 --webhook-backoff 0.2 --webhook-attempts 3
# a second watch through the API, for kidnappings: nothing in this test matches it
expect 201 POST /api/watches -H "$A" --data-binary "{\"url\":\"$HOOK\",\"types\":[\"kidnapping\"],\"country\":\"NG\"}"
wid2=$(json "$TMP/body" d.id)

# the Mogadishu bombing (matches) and the Maiduguri bombing (Nigeria: no)
grep '"wire-0412"' examples/wire-2026-03.jsonl >"$TMP/so.json"
[ -s "$TMP/so.json" ] || fail "fixture wire-0412"
expect 201 POST /api/documents -H "$A" -H 'Content-Type: application/json' --data-binary @"$TMP/so.json"
expect 201 POST "/api/documents?id=market" -H "$A" -H 'Content-Type: text/html' --data-binary @examples/market-bombing.html

i=0; while [ ! -s "$TMP/hooks" ]; do i=$((i + 1)); [ $i -gt 100 ] && fail "no delivery in 10 s"; sleep 0.1; done
sleep 1.5   # time for anything else (wrong) to arrive
[ "$(wc -l <"$TMP/hooks")" = 1 ] || fail "$(wc -l <"$TMP/hooks") deliveries, expected 1"
[ "$(json "$TMP/hooks" d.watch)" = "$wid" ] || fail "delivered for watch $(json "$TMP/hooks" d.watch)"
[ "$(json "$TMP/hooks" d.incident.location.country)" = SO ] || fail "delivered the wrong incident"
[ "$(json "$TMP/hooks" d.incident.type)" = bombing ] || fail "delivered type"
[ "$(json "$TMP/hooks" 'd.version.length')" = 16 ] || fail "version"
grep -q '^1 POST application/json' "$TMP/hooks.attempts" || fail "POST with JSON"
[ "$(wc -l <"$TMP/hooks.attempts")" = 2 ] || fail "expected one failed attempt and one retry"
expect 200 GET "/api/watches/$wid/deliveries" -H "$A"
[ "$(json "$TMP/body" 'd.deliveries.length')" = 1 ] || fail "deliveries recorded"
[ "$(json "$TMP/body" 'd.deliveries[0].status')" = delivered ] || fail "delivery status"
[ "$(json "$TMP/body" 'd.deliveries[0].attempts')" = 2 ] || fail "delivery attempts"
build/sitrep watch deliveries --db "$TMP/w.db" "$wid" | grep -q delivered || fail "watch deliveries (CLI)"
expect 200 GET "/api/watches/$wid2/deliveries" -H "$A"
[ "$(json "$TMP/body" 'd.deliveries.length')" = 0 ] || fail "a non-matching watch got a delivery"

# no duplicate delivery of the same version: the incident is written
# again with the same record (as when a replaced document merges back to
# the same result): a new change, the same version
inc=$(json "$TMP/hooks" d.incident.id)
c0=$(sqlite3 "$TMP/w.db" "SELECT cursor FROM watches WHERE id = $wid")
[ "$c0" -gt 0 ] || fail "cursor advanced"
sqlite3 "$TMP/w.db" "UPDATE incidents SET json = json WHERE id = $inc" || fail "rewrite"
i=0; while [ "$(sqlite3 "$TMP/w.db" "SELECT cursor FROM watches WHERE id = $wid")" = "$c0" ]; do
    i=$((i + 1)); [ $i -gt 100 ] && fail "the watch did not see the change"; sleep 0.1; done
sleep 0.5
[ "$(wc -l <"$TMP/hooks")" = 1 ] || fail "the same incident version was delivered again"
# the changes every watch has passed are dropped
[ "$(sqlite3 "$TMP/w.db" "SELECT count(*) FROM incident_changes WHERE seq <= (SELECT min(cursor) FROM watches)")" = 0 ] ||
    fail "handled changes are kept"

# an update of the incident (a second report merges into it) is a new
# version: delivered again, once
upd='{"id":"so-update","published":"2026-03-15","title":"Mogadishu hotel bombing toll rises","text":"MOGADISHU, March 15 - The death toll from a car bomb that exploded outside a hotel in Mogadishu on Saturday rose to 15 people killed, police said. Al-Shabaab claimed the attack."}'
expect 201 POST /api/documents -H "$A" -H 'Content-Type: application/json' --data-binary "$upd"
[ "$(json "$TMP/body" d.merged)" = 1 ] || fail "the update did not merge (extraction changed?)"
i=0; while [ "$(wc -l <"$TMP/hooks")" -lt 2 ]; do i=$((i + 1)); [ $i -gt 100 ] && fail "the update was not delivered"; sleep 0.1; done
sleep 1
[ "$(wc -l <"$TMP/hooks")" = 2 ] || fail "the update was delivered more than once"
v1=$(head -1 "$TMP/hooks" >"$TMP/h1"; json "$TMP/h1" d.version)
v2=$(tail -1 "$TMP/hooks" >"$TMP/h2"; json "$TMP/h2" d.version)
[ "$v1" != "$v2" ] || fail "the update has the same version"
[ "$(json "$TMP/h2" d.incident.id)" = "$(json "$TMP/h1" d.incident.id)" ] || fail "the update is another incident"
[ "$(json "$TMP/h2" d.incident.nreports)" = 2 ] || fail "the update has 2 reports"

# removing a watch from the CLI
build/sitrep watch rm --db "$TMP/w.db" "$wid2" || fail "watch rm"
build/sitrep watch rm --db "$TMP/w.db" "$wid2" 2>/dev/null && fail "watch rm twice"
expect 200 GET /api/watches -H "$A"
[ "$(json "$TMP/body" 'd.watches.length')" = 1 ] || fail "watch removed"
echo "serve_webhook: all checks passed"
