#!/bin/sh
# `sitrep ingest --follow`: a local HTTP server (python3 http.server, bound
# to 127.0.0.1 only, stopped at the end) serves a good RSS feed and a broken
# one; the list also names a missing feed (404) and a port nobody listens
# on.  Two rounds: the first stores the good feed's items (two reports of one
# bombing: one incident) and reports the three bad feeds without stopping;
# the second finds nothing new (conditional GET / items already seen).  A
# new item then appears in the feed and the next poll stores just that one.
# Bounded: every sitrep run is under `timeout`.
cd "$(dirname "$0")/../.." || exit 2
command -v python3 >/dev/null || { echo "python3 not installed (the test's HTTP server)"; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 (the command) not installed"; exit 77; }
command -v timeout >/dev/null || { echo "timeout not installed"; exit 77; }
tmp=$(mktemp -d) || exit 2
srv=
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
fx=tests/fixtures/store/feeds
mkdir "$tmp/www"
cp $fx/good.xml $fx/broken.xml "$tmp/www/"

python3 -u -m http.server --bind 127.0.0.1 --directory "$tmp/www" 0 >"$tmp/server.log" 2>&1 &
srv=$!
port=
i=0
while [ -z "$port" ] && [ $i -lt 50 ]; do
    port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$tmp/server.log" | head -1)
    [ -z "$port" ] && sleep 0.1
    i=$((i + 1))
done
[ -n "$port" ] || fail "the HTTP server did not start: $(cat "$tmp/server.log")"
# a port with no server: bind one, note it, free it
dead=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

base=http://127.0.0.1:$port
cat >"$tmp/feeds.txt" <<EOF
# test feeds
$base/good.xml
$base/broken.xml
$base/missing.xml
http://127.0.0.1:$dead/down.xml
EOF
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
grep -c '"GET /good.xml' "$tmp/server.log" | grep -q '^2$' || fail "the good feed was not fetched twice"
grep -q '"GET /good.xml HTTP/1.1" 304' "$tmp/server.log" || fail "no 304 on the second poll: $(cat "$tmp/server.log")"

# a new item: only it is stored
sleep 1
sed -i "/<\/channel>/e cat $fx/extra-item.xml" "$tmp/www/good.xml"
timeout 60 build/sitrep ingest --db "$db" --date 2023-03-15 --follow "$tmp/feeds.txt" --rounds 1 \
    2>"$tmp/err2" || fail "third poll: $(cat "$tmp/err2")"
grep -q "round 1: 4 feeds, 3 items, 1 new, 2 already stored" "$tmp/err2" || fail "third poll: $(cat "$tmp/err2")"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM documents')" = 3 ] || fail "documents after the new item"
echo ok
