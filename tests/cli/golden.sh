#!/bin/sh
# Golden tests.  A case is tests/golden/NAME.expected.json; its input is
# tests/golden/NAME.txt (hand-written) or, for the seed article, which is
# real news text and so stays out of the repository, ../shared/seed/NAME.txt
# (the case is skipped when ../shared is absent).  Each input is extracted
# with the options in NAME.args (default: --mentions) and
#   1. every span of the output must hold exactly its text (spancheck), and
#   2. the output must equal NAME.expected.json (pretty-printed).
# To accept a deliberate change: UPDATE_GOLDEN=1 sh tests/cli/golden.sh
# (then review `git diff tests/golden`).
set -u
cd "$(dirname "$0")/../.." || exit 2
bin=build/sitrep
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0; n=0; skipped=""
for expected in tests/golden/*.expected.json; do
    name=$(basename "$expected" .expected.json)
    input="tests/golden/$name.txt"
    [ -f "$input" ] || input="../shared/seed/$name.txt"
    if [ ! -f "$input" ]; then skipped="$skipped $name"; continue; fi
    args="--mentions"
    [ -f "tests/golden/$name.args" ] && args=$(cat "tests/golden/$name.args")
    n=$((n + 1))
    # shellcheck disable=SC2086
    if ! $bin extract $args "$input" >"$tmp/$name.jsonl" 2>"$tmp/$name.err"; then
        echo "FAIL $name: sitrep exited non-zero"; cat "$tmp/$name.err"; fail=1; continue
    fi
    if ! build/tools/spancheck "$input" "$tmp/$name.jsonl"; then
        echo "FAIL $name: span invariant"; fail=1
    fi
    # shellcheck disable=SC2086
    $bin extract --pretty $args "$input" >"$tmp/$name.json" 2>/dev/null
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$tmp/$name.json" "$expected"; echo "updated $expected"
    elif ! diff -u "$expected" "$tmp/$name.json" >"$tmp/$name.diff"; then
        echo "FAIL $name: output differs from $expected:"; head -60 "$tmp/$name.diff"; fail=1
    else
        echo "ok $name"
    fi
done
for input in tests/golden/*.txt; do
    name=$(basename "$input" .txt)
    [ -f "tests/golden/$name.expected.json" ] ||
        { echo "FAIL $name: no tests/golden/$name.expected.json (UPDATE_GOLDEN=1 creates it)"; fail=1; }
done
[ -n "$skipped" ] && echo "skipped (../shared/seed absent):$skipped"
[ $n -gt 0 ] || { echo "no golden inputs"; exit 1; }
exit $fail
