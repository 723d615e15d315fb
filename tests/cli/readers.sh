#!/bin/sh
# The readers through the CLI: a directory (recursive, name order, ids
# relative to it), standard input in each format, metadata and extra
# fields in the output, and the same output with -j 1, -j 2 and -j 3 on a
# directory big enough to span several batches (with bad files among the
# good ones, so that warnings and the exit code must match too).
set -u
cd "$(dirname "$0")/../.." || exit 2
for b in build/sitrep build/tools/jsonlcheck; do
    [ -x "$b" ] || { echo "FAIL: $b not built (make all)"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bin=build/sitrep
tree=tests/fixtures/read/tree

# 1. a directory
$bin extract "$tree" >"$tmp/tree.out" 2>"$tmp/tree.err"
rc=$?
[ "$rc" = 0 ] || { echo "FAIL tree: exit $rc"; cat "$tmp/tree.err"; fail=1; }
[ -s "$tmp/tree.err" ] && { echo "FAIL tree: unexpected stderr"; cat "$tmp/tree.err"; fail=1; }
build/tools/jsonlcheck <"$tmp/tree.out" >"$tmp/tree.ids" || fail=1
printf '%s\n' a/report.txt feed-1 42 b/page.html z-first-line.txt >"$tmp/tree.expect"
cmp -s "$tmp/tree.expect" "$tmp/tree.ids" ||
    { echo "FAIL tree: ids"; diff "$tmp/tree.expect" "$tmp/tree.ids"; fail=1; }
for want in '"title":"Fire destroys market stalls"' '"published":"2022-11-05"' \
    '"url":"https://example.org/news/market-fire"' \
    '"extra":{"source":"Example Wire","tags":["bus","highway"]}' \
    '"title":"Flooding closes roads near river town"'; do
    grep -q -F "$want" "$tmp/tree.out" || { echo "FAIL tree: no $want in output"; fail=1; }
done

# 2. standard input, format by content
$bin extract - <"$tree/b/feed.jsonl" | build/tools/jsonlcheck >"$tmp/stdin.ids" || fail=1
printf '%s\n' feed-1 42 >"$tmp/stdin.expect"
cmp -s "$tmp/stdin.expect" "$tmp/stdin.ids" || { echo "FAIL stdin jsonl: ids"; fail=1; }
$bin extract - <"$tree/a/report.txt" | build/tools/jsonlcheck >"$tmp/stdin.ids" || fail=1
[ "$(cat "$tmp/stdin.ids")" = stdin ] || { echo "FAIL stdin text: id"; fail=1; }
$bin extract - <"$tree/b/page.html" >"$tmp/stdin.out" || fail=1
grep -q -F '"title":"Fire destroys market stalls"' "$tmp/stdin.out" ||
    { echo "FAIL stdin html: not read as HTML"; fail=1; }
# --format overrides the guess: the page as plain text keeps all its bytes
$bin extract --format text - <"$tree/b/page.html" >"$tmp/stdin.out" || fail=1
size=$(wc -c <"$tree/b/page.html" | tr -d ' ')
grep -q -E "\"bytes\":$size[,}]" "$tmp/stdin.out" || { echo "FAIL --format text: not all bytes"; fail=1; }

# 3. -j N gives the same output as -j 1
big="$tmp/big"
mkdir -p "$big/x" "$big/y"
i=0
while [ $i -lt 90 ]; do
    printf 'Report %d\n\nGunmen killed %d people in the town of Example on Monday, police said.\n' \
        $i $((i % 7 + 1)) >"$big/x/r$i.txt"
    printf '{"id":"j%d-a","text":"A bomb wounded %d people on Sunday."}\n{"id":"j%d-b","text":"Officials said %d soldiers died."}\n' \
        $i $((i % 5 + 2)) $i $((i % 3 + 1)) >"$big/y/f$i.jsonl"
    i=$((i + 1))
done
# bad files and documents with warnings spread over several batches, so
# that the order of warnings is compared too
for i in 5 40 77; do : >"$big/x/r$i-empty.txt"; done
for i in 3 33 66; do printf 'Bad \377 byte in report %d.\n' $i >"$big/x/r$i-utf8.txt"; done
printf '[1]\n{"text":"ok after a bad line"}\n' >"$big/y/f50-bad.jsonl"
$bin extract -j 1 "$big" >"$tmp/j1.out" 2>"$tmp/j1.err"; rc1=$?
ndocs=$(build/tools/jsonlcheck <"$tmp/j1.out" | wc -l)
[ "$ndocs" = 274 ] || { echo "FAIL -j: $ndocs documents with -j 1, expected 274"; fail=1; }
nwarn=$(grep -c warning "$tmp/j1.err")
[ "$nwarn" = 7 ] || { echo "FAIL -j: $nwarn warnings with -j 1, expected 7"; fail=1; }
[ "$rc1" = 1 ] || { echo "FAIL -j: exit $rc1 with -j 1, expected 1"; fail=1; }
for j in 2 3; do
    $bin extract -j $j "$big" >"$tmp/j$j.out" 2>"$tmp/j$j.err"; rc=$?
    [ "$rc" = "$rc1" ] || { echo "FAIL -j $j: exit $rc, -j 1 gave $rc1"; fail=1; }
    cmp -s "$tmp/j1.out" "$tmp/j$j.out" || { echo "FAIL -j $j: output differs from -j 1"; fail=1; }
    cmp -s "$tmp/j1.err" "$tmp/j$j.err" || { echo "FAIL -j $j: warnings differ from -j 1"; fail=1; }
done

[ "$fail" = 0 ] && echo "readers: ok"
exit "$fail"
