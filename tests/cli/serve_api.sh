#!/bin/sh
# serve_api.sh -- the HTTP API over real HTTP on loopback: every endpoint,
# filters and paging, JSON and GeoJSON, the token on writes, bounds and
# bad parameters (never a 500), parameters that look like SQL, static
# assets and security headers.
cd "$(dirname "$0")/../.." || exit 2
. tests/cli/serve_lib.inc
TOKEN=test-token-123456
build/sitrep ingest --quiet --db "$TMP/s.db" examples/*.txt examples/*.jsonl examples/*.html ||
    fail "ingest"
NINC=$(build/sitrep query --db "$TMP/s.db" --format jsonl 2>/dev/null | wc -l)
[ "$NINC" -ge 3 ] || NINC=$(sqlite3 "$TMP/s.db" 'select count(*) from incidents')
serve_start "$TMP/s.db" --token "$TOKEN"

expect 200 GET /healthz
[ "$(json "$TMP/body" d.ok)" = true ] || fail "healthz"

# list, paging, formats
expect 200 GET "/api/incidents"
n=$(json "$TMP/body" d.incidents.length)
[ "$n" = "$(sqlite3 "$TMP/s.db" 'select count(*) from incidents')" ] || fail "incidents: $n"
[ "$(json "$TMP/body" d.next_offset)" = null ] || fail "next_offset on the last page"
expect 200 GET "/api/incidents?limit=2"
[ "$(json "$TMP/body" d.incidents.length)" = 2 ] || fail "limit=2"
[ "$(json "$TMP/body" d.next_offset)" = 2 ] || fail "next_offset=2"
first=$(json "$TMP/body" 'd.incidents[0].id')
expect 200 GET "/api/incidents?limit=2&offset=2"
[ "$(json "$TMP/body" "d.incidents.some(i => i.id == $first)")" = false ] || fail "pages overlap"
expect 200 GET "/api/incidents?format=geojson"
[ "$(json "$TMP/body" d.type)" = FeatureCollection ] || fail "geojson type"
[ "$(json "$TMP/body" "d.features.every(f => f.geometry === null || (f.geometry.type === 'Point' && f.geometry.coordinates[0] === +f.properties.location.lon.toFixed(5)))")" = true ] ||
    fail "geojson points are [lon, lat]"

# filters (the Mogadishu bombing of examples/wire-2026-03.jsonl)
expect 200 GET "/api/incidents?country=SO"
[ "$(json "$TMP/body" d.incidents.length)" = 1 ] || fail "country=SO"
[ "$(json "$TMP/body" 'd.incidents[0].type')" = bombing ] || fail "country=SO type"
so=$(json "$TMP/body" 'd.incidents[0].id')
expect 200 GET "/api/incidents?near=2.04,45.34,30&type=bombing&since=2026-03&until=2026-03-31"
[ "$(json "$TMP/body" 'd.incidents.map(i => i.id).join()')" = "$so" ] || fail "near+type+dates"
expect 200 GET "/api/incidents?min_killed=10"
[ "$(json "$TMP/body" 'd.incidents.every(i => i.casualties.killed.value >= 10)')" = true ] || fail "min_killed"
expect 200 GET "/api/incidents?text=explosion"
[ "$(json "$TMP/body" 'd.incidents.length >= 1')" = true ] || fail "text search"
expect 200 GET "/api/incidents?actor=al-Shabaab"
[ "$(json "$TMP/body" 'd.incidents.map(i => i.id).join()')" = "$so" ] || fail "actor"

# bad and hostile parameters: 400, never 500, nothing spliced into SQL
expect 400 GET "/api/incidents?bogus=1"
expect 400 GET "/api/incidents?limit=0"
expect 400 GET "/api/incidents?limit=100000"
expect 400 GET "/api/incidents?country=ML%27%20OR%201=1--"
expect 400 GET "/api/incidents?since=2017-13-01"
expect 400 GET "/api/incidents?near=91,0,10"
expect 400 GET "/api/incidents?format=xml"
expect 400 GET "/api/incidents?type=x%27;DROP%20TABLE%20incidents;--"
expect 200 GET "/api/incidents?actor=x%27%20OR%20%271%27=%271"
[ "$(json "$TMP/body" d.incidents.length)" = 0 ] || fail "actor injection matched"
got=$(req GET "/api/incidents?text=%22unbalanced")
[ "$got" = 400 ] || [ "$got" = 200 ] || fail "bad FTS query: HTTP $got"
qs=$(i=0; while [ $i -lt 40 ]; do printf 'limit=1&'; i=$((i + 1)); done)
expect 413 GET "/api/incidents?$qs"
long=$(head -c 3000 /dev/zero | tr '\0' a)
expect 413 GET "/api/incidents?actor=$long"
expect 400 GET "/api/incidents?actor=%ff%fe"
expect 400 GET "/api/incidents?actor=a%00b"
[ "$(sqlite3 "$TMP/s.db" 'select count(*) from incidents')" = "$n" ] || fail "the store changed"

# one incident
expect 200 GET "/api/incidents/$so"
[ "$(json "$TMP/body" 'd.incident.id')" = "$so" ] || fail "incident id"
[ "$(json "$TMP/body" 'd.reports.length >= 1 && d.reports[0].report.evidence.length >= 1')" = true ] ||
    fail "reports with evidence"
[ "$(json "$TMP/body" 'd.reports[0].report.casualties.killed.text')" = "killing at least 12 people" ] ||
    fail "the report's killed count"
expect 404 GET "/api/incidents/999999"
expect 404 GET "/api/incidents/abc"
expect 404 GET "/api/incidents/-1"
expect 405 DELETE "/api/incidents"

# stats
expect 200 GET /api/stats
[ "$(json "$TMP/body" d.incidents)" = "$n" ] || fail "stats incidents"
[ "$(json "$TMP/body" d.by_country.SO)" = 1 ] || fail "stats by country"

# extract (stateless, no token)
expect 200 POST /api/extract -H 'Content-Type: text/plain' --data-binary @examples/kidal-convoy-ambush.txt
[ "$(json "$TMP/body" d.schema)" = sitrep/1 ] || fail "extract schema"
[ "$(json "$TMP/body" 'd.incidents.length >= 1')" = true ] || fail "extract incidents"
expect 200 POST "/api/extract?date=2026-04-01" -H 'Content-Type: application/json' \
    --data-binary '{"id":"a1","title":"<script>alert(1)</script>","text":"Gunmen killed five people in Kano on Monday, police said."}'
[ "$(json "$TMP/body" d.doc.title)" = "<script>alert(1)</script>" ] || fail "title kept as data"
expect 400 POST /api/extract -H 'Content-Type: text/plain' --data-binary ''
expect 400 POST /api/extract -H 'Content-Type: application/json' --data-binary '{"text":'
expect 400 POST "/api/extract?bogus=1" --data-binary 'x'
head -c 3000000 /dev/zero | tr '\0' a >"$TMP/big.txt"
expect 413 POST /api/extract -H 'Content-Type: text/plain' --data-binary @"$TMP/big.txt"
expect 405 GET /api/extract

# documents: the token
expect 401 POST /api/documents --data-binary @examples/kidal-convoy-ambush.txt
expect 401 POST /api/documents -H "Authorization: Bearer wrong-token-1234" --data-binary 'x'
expect 401 POST /api/documents -H "Authorization: Basic $TOKEN" --data-binary 'x'
art='{"id":"api-1","published":"2026-04-20","title":"<img src=x onerror=alert(1)>","text":"Gunmen killed seven villagers in Gusau on Sunday, police said. <script>alert(2)</script>"}'
expect 201 POST /api/documents -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "$art"
[ "$(json "$TMP/body" d.outcome)" = added ] || fail "document added"
expect 200 POST /api/documents -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "$art"
[ "$(json "$TMP/body" d.outcome)" = unchanged ] || fail "same document twice"
[ "$(sqlite3 "$TMP/s.db" "select count(*) from documents where key = 'api-1'")" = 1 ] || fail "stored once"

# watches need the token
expect 401 GET /api/watches
expect 401 POST /api/watches --data-binary '{"url":"http://127.0.0.1:9/x"}'
A="Authorization: Bearer $TOKEN"
expect 400 POST /api/watches -H "$A" --data-binary '{"url":"ftp://127.0.0.1/x"}'
expect 400 POST /api/watches -H "$A" --data-binary '{"url":"http://127.0.0.1:9/x","colour":"red"}'
expect 400 POST /api/watches -H "$A" --data-binary '{"url":"http://127.0.0.1:9/x","near":{"lat":100,"lon":0,"km":5}}'
expect 201 POST /api/watches -H "$A" --data-binary '{"url":"http://127.0.0.1:9/x","types":["bombing"],"near":{"lat":2.04,"lon":45.34,"km":50},"min_killed":1,"text":"hotel"}'
wid=$(json "$TMP/body" d.id)
expect 200 GET /api/watches -H "$A"
[ "$(json "$TMP/body" 'd.watches[0].filter.types[0]')" = bombing ] || fail "watch listed"
expect 200 GET "/api/watches/$wid/deliveries" -H "$A"
expect 200 DELETE "/api/watches/$wid" -H "$A"
expect 404 DELETE "/api/watches/$wid" -H "$A"
expect 405 PUT /api/watches -H "$A"

# the UI and its headers
code=$(curl -s -D "$TMP/h" -o "$TMP/index" -w '%{http_code}' "$BASE/")
[ "$code" = 200 ] || fail "GET /: $code"
grep -qi '^content-type: text/html' "$TMP/h" || fail "index content type"
grep -qi "^content-security-policy: default-src 'self'" "$TMP/h" || fail "CSP"
grep -qi '^x-content-type-options: nosniff' "$TMP/h" || fail "nosniff"
expect 200 GET /vendor/leaflet.js
expect 200 GET /vendor/countries-50m.json
expect 404 GET /../../etc/passwd --path-as-is
expect 404 GET /nothing-here
expect 405 POST /index.html --data-binary x
curl -s -D "$TMP/h2" -o /dev/null "$BASE/api/incidents/$so"
grep -qi '^content-type: application/json' "$TMP/h2" || fail "API content type"
# DNS rebinding: a Host that is not this machine is refused
expect 403 GET /api/incidents -H 'Host: evil.example'
expect 403 GET / -H 'Host: 127.0.0.1.evil.example'
expect 200 GET /healthz -H "Host: localhost:$PORT"
echo "serve_api: all checks passed"
