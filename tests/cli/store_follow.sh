#!/bin/sh
# `sitrep ingest --follow`: the project's loopback test server
# (build/tools/httpd, 127.0.0.1 only, stops by itself) serves a good RSS
# feed and a broken one; the list also names a missing feed (404) and a
# port nobody listens on.  Two rounds: the first stores the good feed's
# items (two reports of one bombing: one incident) and reports the three bad
# feeds without stopping; the second finds nothing new (conditional GET /
# items already seen).  A new item then appears in the feed and the next
# poll stores just that one.  Bounded: the server lives at most 90 s and
# every sitrep run is under `timeout`.
cd "$(dirname "$0")/../.." || exit 2
[ -x build/tools/httpd ] || { echo "build/tools/httpd not built (make build/tools/httpd)"; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 (the command) not installed"; exit 77; }
command -v timeout >/dev/null || { echo "timeout not installed"; exit 77; }
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1   # loopback never goes through a proxy
tmp=$(mktemp -d) || exit 2
srv=
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
fx=tests/fixtures/store/feeds
mkdir "$tmp/www"
cp $fx/good.xml $fx/broken.xml "$tmp/www/"

# a port nobody listens on: start a server, note its port, stop it
build/tools/httpd "$tmp/www" --seconds 60 >"$tmp/dead.port" 2>/dev/null &
pid=$!
i=0
while [ ! -s "$tmp/dead.port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
dead=$(cat "$tmp/dead.port")
kill $pid; wait $pid 2>/dev/null
[ -n "$dead" ] || fail "the test server did not start"

build/tools/httpd "$tmp/www" --seconds 90 --log "$tmp/server.log" >"$tmp/port" &
srv=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$tmp/port")
[ -n "$port" ] || fail "the test server did not start"

base=http://127.0.0.1:$port
cat >"$tmp/feeds.txt" <<LIST
# test feeds
$base/good.xml
$base/broken.xml
$base/missing.xml
http://127.0.0.1:$dead/down.xml
LIST
db=$tmp/t.db
timeout 60 build/sitrep ingest --db "$db" --date 2023-03-15 --follow "$tmp/feeds.txt" --every 1 --rounds 2 \
    >"$tmp/out" 2>"$tmp/err" || fail "follow exited $?: $(cat "$tmp/err")"
grep -q "round 1: 4 feeds, 2 items, 2 new, 0 already stored, 3 failed" "$tmp/err" || fail "round 1: $(cat "$tmp/err")"
grep -q "round 2: 4 feeds, 0 items, 0 new" "$tmp/err" || fail "round 2 (a conditional GET should find nothing new): $(cat "$tmp/err")"
grep -q "broken.xml" "$tmp/err" || fail "the broken feed is not reported"
grep -q "missing.xml" "$tmp/err" || fail "the missing feed is not reported"
grep -q "down.xml" "$tmp/err" || fail "the feed that is down is not reported"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM documents')" = 2 ] || fail "documents: $(sqlite3 "$db" 'SELECT key FROM documents')"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM incidents')" = 1 ] || fail "incidents: $(sqlite3 "$db" 'SELECT id, type, date, place FROM incidents')"
[ "$(sqlite3 "$db" "SELECT count(*) FROM feeds WHERE url = '$base/good.xml' AND last_modified IS NOT NULL")" = 1 ] \
    || fail "no validator kept for the good feed"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM feed_items')" = 2 ] || fail "seen items"
[ "$(grep -c '^GET /good.xml ' "$tmp/server.log")" = 2 ] || fail "the good feed was not fetched twice"
grep -q '^GET /good.xml 200 inm=- ims=-' "$tmp/server.log" || fail "first GET not plain: $(cat "$tmp/server.log")"
grep -q '^GET /good.xml 304 inm="' "$tmp/server.log" || fail "no conditional GET / 304 on the second poll: $(cat "$tmp/server.log")"
grep -q '^GET /missing.xml 404' "$tmp/server.log" || fail "missing.xml not asked for"

# a new item: only it is stored (the file's size and time change its ETag)
sleep 1
sed -i "/<\/channel>/e cat $fx/extra-item.xml" "$tmp/www/good.xml"
timeout 60 build/sitrep ingest --db "$db" --date 2023-03-15 --follow "$tmp/feeds.txt" --rounds 1 \
    2>"$tmp/err2" || fail "third poll: $(cat "$tmp/err2")"
grep -q "round 1: 4 feeds, 3 items, 1 new, 2 already stored" "$tmp/err2" || fail "third poll: $(cat "$tmp/err2")"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM documents')" = 3 ] || fail "documents after the new item"
echo ok
