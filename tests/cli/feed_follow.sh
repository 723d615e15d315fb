#!/bin/sh
# `sitrep ingest --follow` against the local test server build/tools/httpd
# (127.0.0.1 only, stops by itself): three good feeds (RSS 2.0, Atom, RSS
# 1.0), a malformed one, one answering 500, one closing the connection, and
# a port nobody listens on.  Two polls: the first stores the good feeds'
# items and reports each bad feed without stopping; the second sends
# conditional GETs (If-None-Match), gets 304 for the good feeds and stores
# nothing.  The server's log is the evidence of what the client sent.
# Bounded: the server lives at most 60 s and sitrep runs under `timeout`.
cd "$(dirname "$0")/../.." || exit 2
[ -x build/tools/httpd ] || { echo "build/tools/httpd not built (make build/tools/httpd)"; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 (the command) not installed"; exit 77; }
command -v timeout >/dev/null || { echo "timeout not installed"; exit 77; }
build/sitrep ingest --help 2>&1 | grep -q -- --follow ||
    { echo "sitrep ingest has no --follow yet"; exit 77; }
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1   # loopback never goes through a proxy
tmp=$(mktemp -d) || exit 2
srv=
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# a port nobody listens on: start a server, note its port, stop it
build/tools/httpd "$tmp" --seconds 60 >"$tmp/dead.port" 2>/dev/null &
pid=$!
i=0
while [ ! -s "$tmp/dead.port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
dead=$(cat "$tmp/dead.port")
kill $pid; wait $pid 2>/dev/null
[ -n "$dead" ] || fail "the test server did not start"

build/tools/httpd tests/fixtures/feeds --seconds 60 --log "$tmp/server.log" \
    --fail /down.rss --close /closed.rss >"$tmp/port" &
srv=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$tmp/port")
[ -n "$port" ] || fail "the test server did not start"
base=http://127.0.0.1:$port
cat >"$tmp/feeds.txt" <<LIST
# good feeds
$base/rss2.rss
$base/atom.atom
$base/rdf.xml
# bad ones
$base/broken.rss
$base/down.rss
$base/closed.rss
http://127.0.0.1:$dead/refused.rss
LIST
db=$tmp/t.db
timeout 100 build/sitrep ingest --db "$db" --follow "$tmp/feeds.txt" --every 1 --rounds 2 \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/err"
[ $rc = 0 ] || [ $rc = 1 ] || fail "ingest --follow exited $rc"
[ -s "$tmp/out" ] && fail "stdout is not empty"

# every bad feed reported, by name, with its reason
grep -q "broken.rss: malformed feed" "$tmp/err" || fail "the malformed feed is not reported"
grep -q "down.rss: server error: HTTP 500" "$tmp/err" || fail "the 500 is not reported"
grep -q "closed.rss: .*closed the connection" "$tmp/err" || fail "the closed connection is not reported"
grep -q "refused.rss: cannot connect" "$tmp/err" || fail "the refused connection is not reported"
grep -q "rss2.rss: item 4 .*no title and no text" "$tmp/err" || fail "the empty item is not reported"

# 3 + 3 + 1 items stored in the first poll, none in the second
[ "$(sqlite3 "$db" 'SELECT count(*) FROM documents')" = 7 ] ||
    fail "documents: $(sqlite3 "$db" 'SELECT key FROM documents')"
grep -q "round 1: 7 feeds, 7 items, 7 new" "$tmp/err" || fail "first poll"
grep -q "round 2: 7 feeds, 0 items, 0 new" "$tmp/err" || fail "second poll stored something"

# the second poll was conditional, and the server said 304 to each good feed
for f in rss2.rss atom.atom rdf.xml; do
    [ "$(grep -c "^GET /$f " "$tmp/server.log")" = 2 ] || fail "$f not fetched twice"
    grep -q "^GET /$f 200 inm=- ims=-" "$tmp/server.log" || fail "$f: first GET not plain"
    grep -q "^GET /$f 304 inm=\"" "$tmp/server.log" ||
        fail "$f: no If-None-Match / 304 on the second poll: $(cat "$tmp/server.log")"
done
# the bad feeds were tried in both polls (they never stop the run)
[ "$(grep -c '^GET /down.rss 500' "$tmp/server.log")" = 2 ] || fail "down.rss not polled twice"
[ "$(grep -c '^GET /broken.rss 200' "$tmp/server.log")" = 2 ] || fail "broken.rss not polled twice"
echo ok
