#!/bin/sh
# Bad input never stops a run (issue 2, item 3).
#
# Generates, in a temporary directory, good articles (text, JSONL, HTML, in
# a subdirectory too) and one file per kind of bad input: empty, binary,
# invalid UTF-8, truncated JSON, a JSON line that is not an object, deeply
# nested JSON, HTML without a body, UTF-16 JSONL, a 200 MB JSONL line and a
# 200 MB text line.  `sitrep extract DIR` must then, with the optimised
# binary and again with the ASan+UBSan one:
#   - exit with 1 (documents failed) after processing the whole directory,
#   - print exactly one warning line on stderr naming each bad file, and no
#     warning naming a good one,
#   - output every good document (and the repaired invalid-UTF-8 one), each
#     line valid sitrep/1 JSON (checked by build/tools/jsonlcheck),
#   - leave no sanitizer report.
# The 200 MB inputs are used with both binaries: a line over the 8 MiB
# document limit is skipped in one pass without being held in memory
# (docs/input.md), so even under ASan they cost about a second.
set -u
cd "$(dirname "$0")/../.." || exit 2
for b in build/sitrep build/tools/jsonlcheck; do
    [ -x "$b" ] || { echo "FAIL: $b not built (make all)"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in="$tmp/in"
mkdir -p "$in/sub"

# ---- good documents (their ids are listed in $tmp/good.ids) -----------------
cat >"$in/good-1.txt" <<'X'
Gunmen attack police post

Gunmen attacked a police post near the border on Monday, killing two officers,
the interior ministry said.
X
cat >"$in/good-2.jsonl" <<'X'
{"id": "good-jsonl-a", "title": "Market blast", "published": "2020-02-03", "text": "A bomb exploded in a crowded market on Sunday, wounding at least 12 people."}
{"id": "good-jsonl-b", "text": "Police said three suspects were arrested after the attack.", "source": "wire"}
X
cat >"$in/good-3.html" <<'X'
<!DOCTYPE html><html lang="en"><head><title>Convoy ambushed</title></head>
<body><nav>Home | World</nav><article><h1>Convoy ambushed</h1>
<p>Militants ambushed an army convoy on Tuesday &ndash; five soldiers were killed, officials said.</p>
</article><footer>(c) Example</footer></body></html>
X
cat >"$in/sub/good-4.txt" <<'X'
Two people were injured when a grenade was thrown into a bar on Friday night.
X
# in the order sitrep reads them: byte order of names, recursively
printf '%s\n' bad-utf8.txt good-1.txt good-jsonl-a good-jsonl-b good-3.html \
    sub/good-4.txt >"$tmp/good.ids"

# ---- bad inputs: name, then what its one warning must say ------------------
: >"$in/bad-empty.txt"
head -c 20000 build/sitrep >"$in/bad-binary.dat"
printf 'Caf\351 bombing: \377\376 two dead in the caf\303\251.\n' >"$in/bad-utf8.txt"
printf '{"id": "t1", "text": "The attack began at dawn' >"$in/bad-truncated.jsonl"
printf '[1, 2, 3]\n' >"$in/bad-not-object.jsonl"
{ printf '{"id": "deep", "text": "x", "nest": '
  head -c 100000 /dev/zero | tr '\0' '['
  head -c 100000 /dev/zero | tr '\0' ']'
  printf '}\n'; } >"$in/bad-deep.jsonl"
printf '<html><head><title>Only a head</title></head></html>\n' >"$in/bad-nobody.html"
printf '\377\376{\0"\0t\0e\0x\0t\0"\0:\0"\0x\0"\0}\0\n\0' >"$in/bad-utf16.jsonl"
{ printf '{"id": "huge", "text": "'
  head -c 200000000 /dev/zero | tr '\0' 'a'
  printf '"}\n'; } >"$in/bad-huge-line.jsonl"
{ head -c 200000000 /dev/zero | tr '\0' 'b'; printf '\n'; } >"$in/bad-huge-line.txt"
cat >"$tmp/bad.expect" <<'X'
bad-binary.dat|binary data, not text
bad-deep.jsonl|maximum parsing depth
bad-empty.txt|empty file
bad-huge-line.jsonl|MiB limit; skipped
bad-huge-line.txt|MiB limit; skipped
bad-nobody.html|HTML without a body
bad-not-object.jsonl|not a JSON object
bad-truncated.jsonl|invalid JSON
bad-utf16.jsonl|UTF-16 JSONL is not supported
bad-utf8.txt|invalid UTF-8 sequences replaced
X

fail=0
check() {  # $1 = binary, $2 = label
    out="$tmp/$2.out"; err="$tmp/$2.err"
    start=$(date +%s)
    "$1" extract "$in" >"$out" 2>"$err"
    rc=$?
    echo "$2: exit $rc in $(( $(date +%s) - start )) s"
    [ "$rc" = 1 ] || { echo "FAIL $2: exit code $rc, expected 1"; fail=1; }
    if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehavior' "$err"; then
        echo "FAIL $2: sanitizer report"; fail=1
    fi
    if ! build/tools/jsonlcheck <"$out" >"$tmp/$2.ids"; then
        echo "FAIL $2: output is not valid sitrep/1 JSONL"; fail=1
    fi
    if ! cmp -s "$tmp/good.ids" "$tmp/$2.ids"; then
        echo "FAIL $2: documents out differ from the good ones (expected, got):"
        diff "$tmp/good.ids" "$tmp/$2.ids"; fail=1
    fi
    grep 'warning' "$err" >"$tmp/$2.warn"
    while IFS='|' read -r name says; do
        n=$(grep -c -F "$name" "$tmp/$2.warn")
        if [ "$n" != 1 ]; then
            echo "FAIL $2: $n warning lines name $name, expected 1"; fail=1
        elif ! grep -F "$name" "$tmp/$2.warn" | grep -q -F "$says"; then
            echo "FAIL $2: the warning for $name does not say \"$says\""; fail=1
        fi
    done <"$tmp/bad.expect"
    nwarn=$(wc -l <"$tmp/$2.warn")
    nbad=$(wc -l <"$tmp/bad.expect")
    if [ "$nwarn" != "$nbad" ]; then
        echo "FAIL $2: $nwarn warning lines for $nbad bad files"; fail=1
    fi
    if [ "$fail" != 0 ]; then echo "--- stderr:"; head -c 4000 "$err"; fi
}

check build/sitrep opt
if [ -x build/asan/sitrep ]; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 check build/asan/sitrep asan
else
    [ "$fail" = 0 ] || exit 1
    echo "build/asan/sitrep not built (make asan): sanitizer half skipped"
    exit 77
fi
[ "$fail" = 0 ] && echo "bad inputs: ok"
exit "$fail"
